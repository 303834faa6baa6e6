"""Only administrators may publish content without review, giving a reason."""

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
        codename="publish_without_review",
        defaults={"name": "Peut publier un contenu sans revue, avec un motif"},
    )
    for group in Group.objects.filter(name__in=["Administrateurs", "Administrators"]):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("authoring", "0010_french_group_names")]

    operations = [
        migrations.AlterModelOptions(
            name="challenge",
            options={
                "ordering": ["-updated_at"],
                "permissions": [
                    (
                        "archive_challenge",
                        "Peut archiver ou déclarer périmée une épreuve",
                    ),
                    ("manage_content_pack", "Peut importer et exporter des paquets"),
                    (
                        "publish_without_review",
                        "Peut publier un contenu sans revue, avec un motif",
                    ),
                ],
                "verbose_name": "épreuve",
                "verbose_name_plural": "épreuves",
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
