"""Name the groups and Wagtail's default workflow in French, as the admin shows them."""

from django.db import migrations

GROUPS = {
    "Administrators": "Administrateurs",
    "Authors": "Auteurs",
    "Reviewers": "Relecteurs",
    "Validators": "Validateurs",
    "Referential editors": "Éditeurs du référentiel",
    "Editors": "Éditeurs",
    "Moderators": "Modérateurs",
}
WAGTAIL_DEFAULT = {"Moderators approval": "Approbation des modérateurs"}


def _rename(apps, names: dict) -> None:
    Group = apps.get_model("auth", "Group")
    for old, new in names.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    for model in ("Workflow", "Task"):
        manager = apps.get_model("wagtailcore", model).objects
        for old, new in WAGTAIL_DEFAULT.items():
            manager.filter(name=old).update(name=new)


def to_french(apps, schema_editor):
    _rename(apps, GROUPS)


def to_english(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for old, new in GROUPS.items():
        Group.objects.filter(name=new).update(name=old)
    for model in ("Workflow", "Task"):
        manager = apps.get_model("wagtailcore", model).objects
        for old, new in WAGTAIL_DEFAULT.items():
            manager.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("authoring", "0009_pack_baseline"),
        ("review", "0002_review_workflow"),
    ]

    operations = [migrations.RunPython(to_french, to_english)]
