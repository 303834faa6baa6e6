"""Authoring write services by roles, and the trusted switch of the commands."""

import io
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from authoring.actions.change_status import ChangeStatusAction
from authoring.actions.publish_without_review import PublishWithoutReviewAction
from authoring.content_pack import export_pack, import_pack, read_pack
from authoring.models import Challenge, Tutorial
from authoring.qti import import_qti_package
from authoring.releases.services import release_make_current, release_publish
from authoring.services import (
    challenge_archive_previous_prototypes,
    tutorial_propose,
)
from runtime.models import Release
from tests.factories import make_challenge, make_skill
from tests.permission_table import SIGNED_IN, Service, cases, outcome

from .qti.helpers import export

pytestmark = pytest.mark.django_db

CONTENT_EDITORS = frozenset({"author", "validator", "admin"})
VALIDATORS = frozenset({"validator", "admin"})


def _statuses(_arranged) -> list:
    return list(Challenge.objects.order_by("pk").values_list("status", flat=True))


def _two_releases(_user) -> dict:
    make_challenge(publish=True)
    first = release_publish(trusted=True)
    make_challenge(publish=True)
    release_publish(trusted=True)
    return {"first": first}


def _rival_prototypes(_user) -> dict:
    """Return a new validated prototype whose skill has an older one still live."""
    older = make_challenge(publish=True)
    newer = make_challenge(skill=older.skill)
    Challenge.objects.filter(pk=newer.pk).update(status="validated")
    return {"newer": newer}


def _edited_pack(_user) -> dict:
    """Return a pack of the content whose challenge got a newer instruction."""
    make_challenge(publish=True)
    with tempfile.TemporaryDirectory() as folder:
        export_pack(Path(folder))
        for path in Path(folder).glob("competences/*.json"):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("capitale", "plus grande ville"))
        pack, _problems = read_pack(Path(folder))
    return {"pack": pack}


SERVICES = {
    "release_publish": Service(
        arrange=lambda _user: {"challenge": make_challenge(publish=True)},
        act=lambda user, _: release_publish(user=user, confirmed=True),
        saved=lambda _: Release.objects.count(),
        allowed=VALIDATORS,
    ),
    "release_make_current": Service(
        arrange=_two_releases,
        act=lambda user, arranged: release_make_current(
            release=arranged["first"], user=user
        ),
        saved=lambda _: Release.objects.get(is_current=True).pk,
        allowed=VALIDATORS,
    ),
    "change_status": Service(
        arrange=lambda _user: {"challenge": make_challenge(publish=True)},
        act=lambda user, arranged: ChangeStatusAction(
            arranged["challenge"], status="archived", message="Doublon", user=user
        ).execute(),
        saved=_statuses,
        allowed=VALIDATORS,
    ),
    "publish_without_review": Service(
        arrange=lambda _user: {"challenge": make_challenge()},
        act=lambda user, arranged: PublishWithoutReviewAction(
            arranged["challenge"], reason="Correction urgente", user=user
        ).execute(),
        saved=lambda _: list(Challenge.objects.values_list("status", flat=True)),
        allowed=frozenset({"admin"}),
    ),
    "challenge_archive_previous_prototypes": Service(
        arrange=_rival_prototypes,
        act=lambda user, arranged: challenge_archive_previous_prototypes(
            challenge=arranged["newer"], user=user
        ),
        saved=_statuses,
        allowed=VALIDATORS,
    ),
    "import_pack": Service(
        arrange=_edited_pack,
        act=lambda user, arranged: import_pack(arranged["pack"], user=user),
        saved=lambda _: list(Challenge.objects.values_list("instruction", flat=True)),
        allowed=frozenset({"admin"}),
    ),
    "import_qti_package": Service(
        arrange=lambda _user: {
            "package": export([make_challenge()])[0],
            "skill": make_skill(),
        },
        act=lambda user, arranged: import_qti_package(
            source=io.BytesIO(arranged["package"]), skill=arranged["skill"], user=user
        ),
        saved=lambda _: Challenge.objects.count(),
        allowed=CONTENT_EDITORS,
    ),
    "tutorial_propose": Service(
        arrange=lambda _user: {"skill": make_skill()},
        act=lambda user, arranged: tutorial_propose(
            user=user,
            skill_uid=arranged["skill"].uid,
            title="Bien chercher",
            link="https://example.org/chercher",
            source="Exemple",
            format="video",
            minutes=5,
        ),
        saved=lambda _: Tutorial.objects.count(),
        allowed=SIGNED_IN,
    ),
}


@pytest.mark.parametrize(("service", "role", "expected"), cases(SERVICES))
def test_each_authoring_write_checks_its_rule(service, role, expected):
    """Allowed roles write; the others get PermissionDenied and nothing is saved."""
    assert outcome(SERVICES[service], role) == expected


def test_a_service_called_for_nobody_is_refused_unless_trusted():
    """Without a user, only trusted=True publishes: no silent system actor."""
    make_challenge(publish=True)

    with pytest.raises(PermissionDenied):
        release_publish()

    assert Release.objects.count() == 0


def test_the_management_command_publishes_as_a_trusted_caller():
    """publish_release has no user: it passes trusted=True and the release is made."""
    make_challenge(publish=True)

    call_command("publish_release", stdout=io.StringIO())

    assert list(Release.objects.values_list("number", "is_current")) == [(1, True)]


def test_the_load_content_command_imports_as_a_trusted_caller(tmp_path):
    """load_content (make run) imports with no user, through trusted=True."""
    make_challenge(publish=True)
    export_pack(tmp_path)
    for path in tmp_path.glob("competences/*.json"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("capitale", "plus grande ville"))

    call_command("load_content", str(tmp_path), no_progress=True, stdout=io.StringIO())

    instructions = Challenge.objects.values_list("instruction", flat=True)
    assert [
        text.startswith("Quelle est la plus grande ville") for text in instructions
    ] == [True]
