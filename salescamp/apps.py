from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalescampConfig(AppConfig):
    name = "salescamp"
    verbose_name = _("Our side (我方)")
