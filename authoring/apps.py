from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthoringConfig(AppConfig):
    name = "authoring"
    verbose_name = _("Contenus")

    def ready(self):
        from django.db.models.signals import post_migrate

        from config.permission_names import rename_default_permissions

        # Every app's models: the permissions Wagtail's group editor lists.
        post_migrate.connect(
            rename_default_permissions, dispatch_uid="french_permission_names"
        )
