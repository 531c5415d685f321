from django.urls import path

from accounts import views

urlpatterns = [
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/new/", views.account_create, name="account_create"),
    path("accounts/<int:account_id>/", views.account_detail, name="account_detail"),
    path("accounts/<int:account_id>/edit/", views.account_edit, name="account_edit"),
    path("accounts/<int:account_id>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:contact_id>/edit/", views.contact_edit, name="contact_edit"),
]
