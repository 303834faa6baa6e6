"""Certification fixtures: a release worth certifying, eligible learners, a centre."""

import datetime

import pytest
from django.utils import timezone

from authoring.releases.services import release_publish
from runtime.certification import services
from runtime.certification.models import CentreMembership, CertificationCentre
from runtime.enums import AssessmentState, KnowledgeStatus
from runtime.models import Assessment, KnowledgeElement
from runtime.release_index import current_release_index
from tests.factories import make_challenge, make_skill, make_tube, make_user

COMPETENCES = ("1.1", "1.2", "1.3", "2.1", "2.2")


def publish_certifiable_release(codes=COMPETENCES, levels=(1, 2, 3)):
    """One tube per competence, a QROC per skill whose answer is the level."""
    for code in codes:
        tube = make_tube(competence_code=code)
        for level in levels:
            make_challenge(
                skill=make_skill(tube=tube, level=level),
                type="QROC",
                proposals="${r}",
                solution=str(level),
                tolerance_t3=False,
                publish=True,
            )
    return release_publish(trusted=True)


def make_knowledge(user, codes=COMPETENCES):
    """Validate directly every skill of these competences (level 1 each)."""
    index = current_release_index()
    for code in codes:
        assessment = Assessment.objects.create(
            user=user,
            competence=code,
            release_id=index.release_id,
            state=AssessmentState.COMPLETED,
        )
        for skill_id in index.skills_by_competence[code]:
            KnowledgeElement.objects.create(
                user=user,
                assessment=assessment,
                skill=skill_id,
                competence=code,
                status=KnowledgeStatus.VALIDATED,
                direct=True,
                pix=index.skills[skill_id].pix,
            )


def make_centre(name="Lycée Condorcet", member=None):
    centre = CertificationCentre.objects.create(name=name)
    if member is not None:
        CentreMembership.objects.create(centre=centre, user=member)
    return centre


def make_session(centre, member, *, date=None, **overrides):
    values = {
        "address": "1 rue de la Paix, Paris",
        "room": "B12",
        "date": date or timezone.localdate(),
        "time": datetime.time(9, 0),
        "examiner": "Mme Durand",
    }
    return services.session_create(
        user=member, centre=centre, **{**values, **overrides}
    )


def answer_value(test, challenge_id):
    """Return the right answer of a test's challenge (its skill's level)."""
    pick = next(p for p in test.picks if p["challenge"] == challenge_id)
    return str(pick["level"])


@pytest.fixture
def release(db):
    return publish_certifiable_release()


@pytest.fixture
def member(db):
    return make_user(username="claire", email="claire@example.org")


@pytest.fixture
def centre(member):
    return make_centre(member=member)


@pytest.fixture
def learner(release):
    user = make_user(
        username="lou@example.org",
        email="lou@example.org",
        first_name="Lou",
        last_name="Martin",
    )
    make_knowledge(user)
    return user


@pytest.fixture
def jury(db):
    return make_user(group="Certification jury", username="jules")
