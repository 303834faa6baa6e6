"""Publishing is serialised: a second publication at the same moment is refused."""

import threading

import pytest
from django.db import connection, connections, transaction

from authoring.releases.services import (
    PUBLISHING_LOCK,
    ReleaseError,
    release_make_current,
    release_publish,
)
from runtime.models import Release
from tests.factories import make_challenge

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="true concurrent writers need PostgreSQL (CI runs it)",
    ),
]


def _hold_the_lock(taken: threading.Event, release: threading.Event) -> None:
    """Be another publication in progress: hold its lock until told to stop."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PUBLISHING_LOCK])
            taken.set()
            release.wait(timeout=10)
    finally:
        connections.close_all()


def test_a_publication_during_another_is_refused_and_writes_nothing(validator):
    """The second publisher is told one is running; no release is added."""
    make_challenge(publish=True)
    first = release_publish(user=validator, confirmed=True)
    make_challenge(publish=True)
    taken, done = threading.Event(), threading.Event()
    other = threading.Thread(target=_hold_the_lock, args=(taken, done))
    other.start()
    taken.wait(timeout=10)

    try:
        with pytest.raises(ReleaseError) as publishing:
            release_publish(user=validator, confirmed=True)
        with pytest.raises(ReleaseError) as rolling_back:
            release_make_current(release=first, user=validator)
    finally:
        done.set()
        other.join()

    message = "Une publication est déjà en cours : réessayez dans un instant."
    assert str(publishing.value) == message
    assert str(rolling_back.value) == message
    assert list(Release.objects.values_list("number", "is_current")) == [(1, True)]


def test_simultaneous_publishes_make_one_release(validator):
    """Four publishers at once: one release, the others refused with a reason."""
    make_challenge(publish=True)
    barrier = threading.Barrier(4)
    outcomes, errors = [], []

    def publish():
        try:
            barrier.wait()
            outcomes.append(release_publish(user=validator, confirmed=True).number)
        except ReleaseError as error:
            outcomes.append(str(error))
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(outcomes) == 4
    assert Release.objects.count() == 1
    assert outcomes.count(1) == 1
    assert set(outcomes) - {1} <= {
        "Une publication est déjà en cours : réessayez dans un instant.",
        "Rien n'a changé depuis la version en ligne.",
    }
