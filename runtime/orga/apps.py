from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgaConfig(AppConfig):
    name = "runtime.orga"
    label = "orga"
    verbose_name = _("Organisations et campagnes")

    def ready(self):
        from . import signals  # noqa: F401 - connects the login receiver
