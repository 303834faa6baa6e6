"""Learner write services by roles: anyone signed in learns, nobody anonymous."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from authoring.releases.services import release_publish
from runtime.learning import services
from runtime.models import (
    Assessment,
    KnowledgeElement,
    ProblemReport,
    TutorialBookmark,
)
from tests.factories import make_challenge, make_tutorial
from tests.permission_table import SIGNED_IN, Service, cases, outcome

pytestmark = pytest.mark.django_db


def _release(user) -> dict:
    make_challenge(publish=True)
    return {"release": release_publish(trusted=True)}


def _knowledge(user) -> dict:
    """Return a release and, for a signed-in user, one validated skill of 1.1."""
    arranged = _release(user)
    if user.is_authenticated:
        assessment = Assessment.objects.create(
            user=user, competence="1.1", release=arranged["release"]
        )
        KnowledgeElement.objects.create(
            user=user,
            assessment=assessment,
            skill="skill",
            competence="1.1",
            status="validated",
            direct=True,
            pix=8,
        )
    return arranged


def _tutorial(user) -> dict:
    """Return a release serving one tutorial."""
    tutorial = make_tutorial()
    tutorial.save_revision().publish()
    make_challenge(publish=True)
    release_publish(trusted=True)
    return {"tutorial": tutorial.uid}


def _served(user) -> dict:
    """Return a challenge a signed-in user is being asked."""
    challenge = make_challenge(publish=True)
    release = release_publish(trusted=True)
    if user.is_authenticated:
        Assessment.objects.create(
            user=user,
            competence="1.1",
            release=release,
            current_challenge=challenge.uid,
        )
    return {"challenge": challenge.uid}


SERVICES = {
    "assessment_start": Service(
        arrange=_release,
        act=lambda user, _: services.assessment_start(user=user, competence="1.1"),
        saved=lambda _: Assessment.objects.count(),
        allowed=SIGNED_IN,
    ),
    "competence_reset": Service(
        arrange=_knowledge,
        act=lambda user, _: services.competence_reset(
            user=user,
            competence="1.1",
            now=timezone.now() + datetime.timedelta(days=30),
        ),
        saved=lambda _: KnowledgeElement.objects.count(),
        allowed=SIGNED_IN,
    ),
    "tutorial_bookmark_toggle": Service(
        arrange=_tutorial,
        act=lambda user, arranged: services.tutorial_bookmark_toggle(
            user=user, tutorial_id=arranged["tutorial"], field="saved"
        ),
        saved=lambda _: list(TutorialBookmark.objects.values_list("saved")),
        allowed=SIGNED_IN,
    ),
    "problem_report_create": Service(
        arrange=_served,
        act=lambda user, arranged: services.problem_report_create(
            user=user,
            challenge_id=arranged["challenge"],
            category="other",
            comment="Coquille",
        ),
        saved=lambda _: ProblemReport.objects.count(),
        allowed=SIGNED_IN,
    ),
    "email_change": Service(
        arrange=lambda user: {"user": user},
        act=lambda user, _: services.email_change(
            user=user, email="nouvelle@example.org"
        ),
        saved=lambda _: (
            get_user_model().objects.filter(email="nouvelle@example.org").count()
        ),
        allowed=SIGNED_IN,
    ),
    "email_change_request": Service(
        arrange=lambda user: {"user": user},
        act=lambda user, _: services.email_change_request(
            user=user,
            email="nouvelle@example.org",
            urls=lambda name, *args: "https://testserver/",
        ),
        saved=lambda _: len(mail.outbox),
        allowed=SIGNED_IN,
    ),
    # Editors' and staff's names stand in the content's history: an
    # administrator handles their departure.
    "account_delete": Service(
        arrange=lambda user: {"user": user},
        act=lambda user, _: services.account_delete(user=user),
        saved=lambda _: get_user_model().objects.count(),
        allowed=frozenset({"learner"}),
    ),
}


@pytest.mark.parametrize(("service", "role", "expected"), cases(SERVICES))
def test_each_learner_write_checks_its_rule(service, role, expected):
    """Allowed roles write; the others get PermissionDenied and nothing is saved."""
    assert outcome(SERVICES[service], role) == expected
