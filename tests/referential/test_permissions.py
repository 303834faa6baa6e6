"""Referential write services by roles: only its editors restore a version."""

import pytest
import reversion
from reversion.models import Version

from referential.models import Skill
from referential.services import referential_revert
from tests.factories import make_skill
from tests.permission_table import Service, cases, outcome

pytestmark = pytest.mark.django_db


def _renamed_skill(_user) -> dict:
    """Return a skill's first version once its description was rewritten."""
    with reversion.create_revision():
        skill = make_skill(description="Première rédaction")
    skill.description = "Seconde rédaction"
    with reversion.create_revision():
        skill.save()
    first = Version.objects.get_for_object(skill).order_by("pk").first()
    return {"skill": skill, "version": first}


SERVICES = {
    "referential_revert": Service(
        arrange=_renamed_skill,
        act=lambda user, arranged: referential_revert(
            version=arranged["version"], user=user
        ),
        saved=lambda arranged: Skill.objects.get(pk=arranged["skill"].pk).description,
        allowed=frozenset({"referential_editor", "admin"}),
    ),
}


@pytest.mark.parametrize(("service", "role", "expected"), cases(SERVICES))
def test_each_referential_write_checks_its_rule(service, role, expected):
    """Allowed roles write; the others get PermissionDenied and nothing is saved."""
    assert outcome(SERVICES[service], role) == expected
