"""The learner API tests' learner: a signed-in client."""

import pytest

from tests.factories import make_user


@pytest.fixture
def learner(client):
    client.force_login(user := make_user())
    return user
