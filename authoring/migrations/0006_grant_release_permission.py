"""Let Validators and Administrators publish releases."""

from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="authoring", model="release"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": name},
        )[0]
        for codename, name in [
            ("publish_release", "Peut publier une release"),
            ("view_release", "Can view release"),
        ]
    ]
    for group in Group.objects.filter(name__in=["Validators", "Administrators"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("authoring", "0005_release")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
