from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalescampConfig(AppConfig):
    name = "salescamp"
    verbose_name = _("Our side (我方)")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from salescamp.middleware import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="salescamp.stamp_sign_in")
