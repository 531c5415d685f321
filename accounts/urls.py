from django.urls import path

from accounts import views
from accounts.importing import views as importing

urlpatterns = [
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/new/", views.account_create, name="account_create"),
    path("accounts/import/", importing.import_start, name="import_start"),
    path("accounts/import/template.xlsx", importing.import_template, name="import_template"),
    path("accounts/import/<int:batch_id>/", importing.import_preview, name="import_preview"),
    path("accounts/<int:account_id>/", views.account_detail, name="account_detail"),
    path("accounts/<int:account_id>/edit/", views.account_edit, name="account_edit"),
    path("accounts/<int:account_id>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:contact_id>/edit/", views.contact_edit, name="contact_edit"),
]
