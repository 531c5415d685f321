from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects (项目)")

    def ready(self):
        from projects.stored_warnings import tracking

        tracking.connect()
