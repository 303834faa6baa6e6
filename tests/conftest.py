"""Cross-app fixtures."""

import pytest

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
    """Test databases reuse release ids; never serve an index from another test."""
    from runtime.release_index import clear_release_index_cache

    clear_release_index_cache()
