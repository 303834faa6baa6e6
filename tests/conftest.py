"""Cross-app fixtures."""

import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from .factories import make_user


@pytest.fixture
def author(db):
    return make_user(group="Authors", username="aurore")


@pytest.fixture
def validator(db):
    return make_user(group="Validators", username="valerie")


@pytest.fixture
def reviewer(db):
    return make_user(group="Reviewers", username="remi")


@pytest.fixture
def referential_editor(db):
    return make_user(group="Referential editors", username="raphael")


@pytest.fixture
def superuser(db):
    return make_user(username="ada", is_superuser=True, is_staff=True)


@pytest.fixture(autouse=True)
def _fresh_release_indexes():
    """Test databases reuse release ids; never serve an index, or a release's
    HTML kept in the cache, from another test."""
    from django.core.cache import cache

    from runtime.release_index import clear_release_index_cache

    clear_release_index_cache()
    cache.clear()


@pytest.fixture(scope="session")
def seed_data(django_db_setup, django_db_blocker):
    """Return the migrations' data (CRCN, groups, workflow) as serialized text.

    Transactional tests (browser journeys, concurrency) end with a flush that
    empties every table; pytest-django's serialized rollback loses its copy once
    the live server has started after other tests, so we keep our own. It is
    taken before the first transactional test, which pytest-django runs last.
    """
    with django_db_blocker.unblock():
        rows = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: building a Wagtail Task subclass without its parent
    # id asks for its content type, which would otherwise be created anew.
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    return json.dumps(rows)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker and marker.kwargs.get("transaction"))
    )


@pytest.fixture(autouse=True)
def _restore_seed_data(request):
    if not _is_transactional(request):
        return
    seed = request.getfixturevalue("seed_data")
    request.getfixturevalue("transactional_db")
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name="Auteurs").exists():
        # The previous flush re-created content types; load ours on a clean slate.
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(seed)
        # The seed rows keep their ids: move PostgreSQL's sequences past them,
        # or the test's first new group or permission would take a seed id.
        sequences = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        with connection.cursor() as cursor:
            for sql in sequences:
                cursor.execute(sql)
