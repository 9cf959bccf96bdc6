from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Background tasks")

    def ready(self):
        # The handlers register themselves by kind.
        from jobs import handlers  # noqa: F401
