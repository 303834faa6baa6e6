"""Make "community review, then validation" the workflow of authored content."""

from django.db import migrations

CONTENT_MODELS = ("challenge", "hint", "tutorial")


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    CommunityReviewTask = apps.get_model("review", "CommunityReviewTask")
    ValidationTask = apps.get_model("review", "ValidationTask")
    community_type, _ = ContentType.objects.get_or_create(
        app_label="review", model="communityreviewtask"
    )
    validation_type, _ = ContentType.objects.get_or_create(
        app_label="review", model="validationtask"
    )
    community, created = CommunityReviewTask.objects.get_or_create(
        name="Revue communautaire",
        defaults={"content_type": community_type, "active": True},
    )
    if created:
        community.groups.set(Group.objects.filter(name="Reviewers"))
    validation, created = ValidationTask.objects.get_or_create(
        name="Validation finale",
        defaults={"content_type": validation_type, "active": True},
    )
    if created:
        validation.groups.set(Group.objects.filter(name__in=["Validators", "Administrators"]))
    workflow, _ = Workflow.objects.get_or_create(
        name="Revue communautaire puis validation", defaults={"active": True}
    )
    for order, task in enumerate([community, validation]):
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    for model in CONTENT_MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="authoring", model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("authoring", "0002_groups_and_validation_workflow"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
