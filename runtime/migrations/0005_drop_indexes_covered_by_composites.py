"""Drop two indexes that composite ones already cover (one write less each).

Only the indexes go: Django's AlterField would also drop and re-add the
foreign keys, checking every row again under a lock.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEXES = [
    ("runtime_answer_assessment_id_45ba0316", "runtime_answer", "assessment_id"),
    ("runtime_knowledgeelement_user_id_c4ee998b", "runtime_knowledgeelement", "user_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("runtime", "0004_assessment_kept_results"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="answer",
                    name="assessment",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="runtime.assessment",
                    ),
                ),
                migrations.AlterField(
                    model_name="knowledgeelement",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="knowledge",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "{table}" ("{column}")',
                )
                for name, table, column in INDEXES
            ],
        ),
    ]
