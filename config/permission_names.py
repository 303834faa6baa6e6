"""French names for the permissions Django creates by itself.

Django names a model's default permissions in English ("Can add épreuve"),
and Wagtail's group editor shows those names as they are stored. After every
migration, the default permissions of every model are renamed in French from
the model's French plural ("Peut ajouter des épreuves"), and custom
permissions take the (French) names their models give them today: Django
never renames a permission it created once.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation

ACTIONS = {
    "add": "Peut ajouter des {plural}",
    "change": "Peut modifier les {plural}",
    "delete": "Peut supprimer les {plural}",
    "view": "Peut consulter les {plural}",
}
NAME_LENGTH = 255  # Permission.name's max_length


def french_permission_name(model, action: str) -> str:
    """Return the French name of a model's default permission."""
    with translation.override("fr"):
        plural = str(model._meta.verbose_name_plural)
    return ACTIONS[action].format(plural=plural)[:NAME_LENGTH]


def rename_default_permissions(
    sender, *, using=DEFAULT_DB_ALIAS, apps=None, **kwargs
) -> int:
    """Give the default permissions of sender's models their French names.

    post_migrate reaches this receiver before Django's own create_permissions
    for the same app (our apps come first): it creates them first, as Django
    would, so the new ones are renamed on the first migration too. Return the
    number of permissions renamed.
    """
    if apps is None:
        from django.apps import apps
    create_permissions(sender, verbosity=0, using=using, apps=apps)
    try:
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:  # auth not migrated yet
        return 0
    renamed = 0
    for model in sender.get_models():
        content_type = ContentType.objects.db_manager(using).get_for_model(
            model, for_concrete_model=False
        )
        for codename, name in _names(model):
            renamed += (
                permission_model.objects.using(using)
                .filter(content_type_id=content_type.pk, codename=codename)
                .exclude(name=name)
                .update(name=name)
            )
    return renamed


def _names(model) -> list[tuple[str, str]]:
    """Return (codename, French name) of every permission of a model."""
    names = [
        (
            get_permission_codename(action, model._meta),
            french_permission_name(model, action),
        )
        for action in model._meta.default_permissions
        if action in ACTIONS
    ]
    with translation.override("fr"):
        names += [
            (codename, str(name)[:NAME_LENGTH])
            for codename, name in model._meta.permissions
        ]
    return names
