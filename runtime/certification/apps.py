from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "runtime.certification"
    label = "certification"
    verbose_name = _("Certification")

    def ready(self):
        from . import audit  # noqa: F401 - registers the models with django-reversion
