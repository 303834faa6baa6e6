"""Create the certification jury's group (permissions.can_judge reads it)."""

from django.db import migrations

JURY_GROUP = "Certification jury"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=JURY_GROUP)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=JURY_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_group, delete_group)]
