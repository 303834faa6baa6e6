"""Create the editorial groups, their permissions and the Validation workflow."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = ("challenge", "hint", "tutorial")
REFERENTIAL_MODELS = ("area", "competence", "thematic", "tube", "skill", "digcompcompetence")


def _ensure_permissions(apps):
    """Create the default permissions now: post_migrate has not run yet."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permission(apps, app_label, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    model = codename.split("_", 1)[1]
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return permission


def _content_perms(apps, actions):
    return [
        _permission(apps, "authoring", f"{action}_{model}")
        for action in actions
        for model in CONTENT_MODELS
    ]


def _referential_perms(apps, actions):
    return [
        _permission(apps, "referential", f"{action}_{model}")
        for action in actions
        for model in REFERENTIAL_MODELS
    ]


def _grant_collection(apps, group, codenames):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    for app_label, codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root,
            permission=_permission(apps, app_label, codename),
        )


MEDIA = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]


def create_groups(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = _permission(apps, "wagtailadmin", "access_admin")
    read_referential = _referential_perms(apps, ["view"])
    plans = {
        "Authors": _content_perms(apps, ["add", "change", "view", "lock", "unlock"]),
        "Reviewers": _content_perms(apps, ["view"]),
        "Validators": [
            *_content_perms(apps, ["add", "change", "view", "publish", "lock", "unlock"]),
            _permission(apps, "authoring", "archive_challenge"),
        ],
        "Referential editors": _referential_perms(apps, ["add", "change", "view"]),
    }
    groups = {}
    for name, permissions in plans.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, *read_referential, *permissions)
        groups[name] = group
    for name in ("Authors", "Validators"):
        _grant_collection(apps, groups[name], MEDIA)
    _grant_collection(
        apps,
        groups["Reviewers"],
        [("wagtaildocs", "choose_document"), ("wagtailimages", "choose_image")],
    )
    administrators, _ = Group.objects.get_or_create(name="Administrators")
    administrators.permissions.add(
        access_admin,
        *Permission.objects.filter(
            content_type__app_label__in=[
                "authoring", "referential", "review", "preview", "runtime",
                "wagtailcore", "wagtailusers", "auth", "wagtaildocs", "wagtailimages",
            ]  # fmt: skip
        ),
        _permission(apps, "authoring", "archive_challenge"),
    )
    _grant_collection(apps, administrators, MEDIA)
    create_validation_workflow(apps, groups["Validators"], administrators)


def create_validation_workflow(apps, validators, administrators):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, created = GroupApprovalTask.objects.get_or_create(
        name="Validation", defaults={"content_type": task_type, "active": True}
    )
    if created:
        task.groups.set([validators, administrators])
    workflow, _ = Workflow.objects.get_or_create(name="Validation", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for model in CONTENT_MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="authoring", model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("authoring", "0001_initial"),
        ("referential", "0002_crcn"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
