"""Release now belongs to the runtime (runtime 0006): forget it here, keep the table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("authoring", "0007_link_check"),
        ("runtime", "0006_release_moves_from_authoring"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Release")],
            database_operations=[],
        )
    ]
