"""Organisation write services by the project's roles: no global role grants an
organisation's rights, except the platform administrator's creating and staffing
organisations. (Members' and administrators' rights: test_organisations and
test_isolation.)"""

import pytest

from runtime.orga.models import (
    Campaign,
    Invitation,
    LearnerImport,
    Organisation,
    TargetProfile,
)
from runtime.orga.services import campaigns, learners, organisations, target_profiles
from tests.permission_table import Service, cases, outcome

from .conftest import make_organisation

pytestmark = pytest.mark.django_db


def _organisation(user) -> dict:
    organisation = make_organisation()
    profile = TargetProfile.objects.create(organisation=organisation, name="P")
    profile.tubes.create(tube="tube", level_cap=2)
    return {"organisation": organisation, "profile": profile}


SERVICES = {
    "organisation_create": Service(
        arrange=lambda user: {},
        act=lambda user, a: organisations.organisation_create(
            user=user, name="Nouvelle", type="SCO"
        ),
        saved=lambda a: Organisation.objects.count(),
        allowed=frozenset({"admin"}),
    ),
    "invitation_create": Service(
        arrange=_organisation,
        act=lambda user, a: organisations.invitation_create(
            user=user,
            organisation=a["organisation"],
            email="x@example.org",
            role="MEMBER",
        ),
        saved=lambda a: Invitation.objects.count(),
        allowed=frozenset({"admin"}),
    ),
    "learner_list_preview": Service(
        arrange=_organisation,
        act=lambda user, a: learners.learner_list_preview(
            user=user,
            organisation=a["organisation"],
            file_name="l.csv",
            data=b"INE;Nom;Prenom;Date de naissance\nA;B;C;01/01/2011\n",
        ),
        saved=lambda a: LearnerImport.objects.count(),
        allowed=frozenset(),
    ),
    "target_profile_create": Service(
        arrange=_organisation,
        act=lambda user, a: target_profiles.target_profile_create(
            user=user, organisation=a["organisation"], name="Q"
        ),
        saved=lambda a: TargetProfile.objects.count(),
        allowed=frozenset(),
    ),
    "campaign_create": Service(
        arrange=_organisation,
        act=lambda user, a: campaigns.campaign_create(
            user=user,
            organisation=a["organisation"],
            target_profile=a["profile"],
            title="C",
        ),
        saved=lambda a: Campaign.objects.count(),
        allowed=frozenset(),
    ),
}


@pytest.mark.parametrize(("service", "role", "expected"), cases(SERVICES))
def test_organisation_services_by_role(service, role, expected):
    assert outcome(SERVICES[service], role) == expected
