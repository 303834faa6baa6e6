"""Moving Release from authoring to the runtime keeps releases and their grants."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from runtime.models import Release
from runtime.releases.models import PUBLISH_RELEASE_PERMISSION

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("runtime", "0005_drop_indexes_covered_by_composites"),
    ("authoring", "0007_link_check"),
]


def migrate(targets):
    """Migrate the test database to targets; return the apps of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    ContentType.objects.clear_cache()
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def grant_publishers(apps, content_type):
    """Create a group granted publish_release on the given content type."""
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.get(
        content_type=content_type, codename="publish_release"
    )
    group = Group.objects.create(name="Publishers")
    group.permissions.add(permission)


def publisher():
    user = get_user_model().objects.create_user("paula", password="x-Secret-123")
    user.groups.add(user.groups.model.objects.get(name="Publishers"))
    return get_user_model().objects.get(pk=user.pk)  # no cached permissions


@pytest.mark.parametrize("runtime_type_exists", [False, True])
def test_releases_and_publish_grants_survive_the_move(runtime_type_exists):
    """A release and a group's grant made before the move are still there after.

    With runtime_type_exists, a runtime content type with its own permissions
    was already created (a post_migrate ran in between): the grants move onto it.
    """
    old = migrate(BEFORE)
    ContentTypeModel = old.get_model("contenttypes", "ContentType")
    old.get_model("authoring", "Release").objects.create(
        number=41, checksum="c" * 64, content={"format": 1}, is_current=False
    )
    authoring_type = ContentTypeModel.objects.get(
        app_label="authoring", model="release"
    )
    grant_publishers(old, authoring_type)
    if runtime_type_exists:
        twin = ContentTypeModel.objects.create(app_label="runtime", model="release")
        old.get_model("auth", "Permission").objects.create(
            content_type=twin, codename="publish_release", name="Peut publier"
        )

    migrate(latest())

    user = publisher()
    assert Release.objects.get(number=41).checksum == "c" * 64
    assert user.has_perm(PUBLISH_RELEASE_PERMISSION)
    assert not user.has_perm("authoring.publish_release")
    assert PUBLISH_RELEASE_PERMISSION == "runtime.publish_release"
