"""Two organisations, each with an administrator and a member."""

import datetime

import pytest

from runtime.orga.enums import MemberRole, OrganisationType
from runtime.orga.models import Membership, Organisation, OrganisationLearner
from tests.factories import make_user


def make_organisation(**overrides) -> Organisation:
    fields = {"name": "Collège Jules Ferry", "type": OrganisationType.SCHOOL}
    fields.update(overrides)
    return Organisation.objects.create(**fields)


def make_member(organisation, role=MemberRole.MEMBER, **overrides):
    user = make_user(**overrides)
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


def make_learner(organisation, **overrides) -> OrganisationLearner:
    fields = {
        "national_id": f"INE{OrganisationLearner.objects.count() + 1:08d}",
        "first_name": "Léa",
        "last_name": "Dupont",
        "birthdate": datetime.date(2011, 3, 7),
        "division": "3e A",
    }
    fields.update(overrides)
    return OrganisationLearner.objects.create(organisation=organisation, **fields)


@pytest.fixture
def orga_a(db):
    return make_organisation(name="Collège A")


@pytest.fixture
def orga_b(db):
    return make_organisation(name="Lycée B")


@pytest.fixture
def admin_a(orga_a):
    return make_member(orga_a, MemberRole.ADMIN, first_name="Agnès", last_name="Admin")


@pytest.fixture
def member_a(orga_a):
    return make_member(orga_a, first_name="Marc", last_name="Membre")


@pytest.fixture
def admin_b(orga_b):
    return make_member(orga_b, MemberRole.ADMIN)


def publish_competences(codes=("1.1", "2.1"), levels=(1, 2, 3, 4), tubes=2):
    """Publish tubes of QROC challenges whose answer is the skill's level."""
    from authoring.releases.services import release_publish
    from tests.factories import make_challenge, make_skill, make_tube

    for code in codes:
        for _ in range(tubes):
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


@pytest.fixture
def release(db):
    return publish_competences()


@pytest.fixture
def index(release):
    from runtime.release_index import release_index

    return release_index(release.pk)
