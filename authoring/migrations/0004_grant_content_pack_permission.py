"""Let Administrators import and export content packs from the admin."""

from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="authoring", model="challenge"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="manage_content_pack",
        defaults={"name": "Peut importer et exporter des paquets"},
    )
    Group.objects.get(name="Administrators").permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("authoring", "0003_content_pack_permission")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
