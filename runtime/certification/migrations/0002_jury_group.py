"""Create the certification jury's group (permissions.can_judge reads it)."""

from django.db import migrations

JURY_GROUP = "Certification jury"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=JURY_GROUP)


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    # Unapplied, the group stays: it may hold members, and deleting it from a
    # historical state would cascade through models of other states.
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
