"""The runtime takes over the Release model from authoring, keeping its data.

Only Django's state moves: the table keeps its name (``db_table``) and the
foreign keys of answers, assessments and reports already point at it. The
content type row moves too, so the permissions attached to it (and every
group or user granted them) follow: "authoring.publish_release" becomes
"runtime.publish_release".
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _move_content_type(apps, source: str, target: str) -> None:
    """Relabel the release content type from one app to the other.

    If the target already exists (a post_migrate ran in between), the source's
    permissions and grants move onto it; the stale source row is left for
    ``remove_stale_contenttypes``, as deleting it could cascade.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label=source, model="release").first()
    if old is None:
        return
    new = ContentType.objects.filter(app_label=target, model="release").first()
    if new is None:
        old.app_label = target
        old.save(update_fields=["app_label"])
        return
    for permission in Permission.objects.filter(content_type=old):
        twin = Permission.objects.filter(
            content_type=new, codename=permission.codename
        ).first()
        if twin is None:
            permission.content_type = new
            permission.save(update_fields=["content_type"])
            continue
        for group in permission.group_set.all():
            group.permissions.add(twin)
        for user in permission.user_set.all():
            user.user_permissions.add(twin)
        permission.delete()


def forward(apps, schema_editor):
    _move_content_type(apps, "authoring", "runtime")


def backward(apps, schema_editor):
    _move_content_type(apps, "runtime", "authoring")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("authoring", "0007_link_check"),
        ("runtime", "0005_drop_indexes_covered_by_composites"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Release",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "number",
                            models.PositiveIntegerField(
                                unique=True, verbose_name="numéro"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, verbose_name="publiée le"
                            ),
                        ),
                        (
                            "notes",
                            models.TextField(
                                blank=True, verbose_name="notes de version"
                            ),
                        ),
                        (
                            "checksum",
                            models.CharField(
                                max_length=64, verbose_name="empreinte SHA-256"
                            ),
                        ),
                        (
                            "summary",
                            models.JSONField(default=dict, verbose_name="résumé"),
                        ),
                        ("content", models.JSONField(verbose_name="contenu")),
                        (
                            "is_current",
                            models.BooleanField(
                                default=False, verbose_name="courante"
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="publiée par",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "release",
                        "verbose_name_plural": "releases",
                        "db_table": "authoring_release",
                        "ordering": ["-number"],
                        "permissions": [
                            ("publish_release", "Peut publier une release")
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("is_current", True)),
                                fields=("is_current",),
                                name="one_current_release",
                            )
                        ],
                    },
                ),
                migrations.AlterField(
                    model_name="answer",
                    name="release",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="runtime.release",
                    ),
                ),
                migrations.AlterField(
                    model_name="assessment",
                    name="release",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="assessments",
                        to="runtime.release",
                    ),
                ),
                migrations.AlterField(
                    model_name="problemreport",
                    name="release",
                    field=models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="runtime.release",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forward, backward),
    ]
