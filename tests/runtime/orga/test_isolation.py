"""A member of organisation A gets a 404 on B's objects, on every page."""

import pytest
from django.urls import reverse

from runtime.orga.models import (
    Campaign,
    LearnerImport,
    Membership,
    Stage,
    TargetProfile,
)
from tests.factories import make_user

from .conftest import make_learner

pytestmark = pytest.mark.django_db


def _b_objects(orga_b, admin_b) -> dict:
    """Return, by name, the id of each kind of B's objects a URL can carry."""
    return {
        "org": orga_b.pk,
        "membership": Membership.objects.get(user=admin_b).pk,
        "learner": make_learner(orga_b, user=make_user()).pk,
        "import": LearnerImport.objects.create(organisation=orga_b, file_name="b").pk,
        "profile": (profile := TargetProfile.objects.create(organisation=orga_b)).pk,
        "stage": Stage.objects.create(profile=profile, threshold=1, title="s").pk,
        "campaign": Campaign.objects.create(
            organisation=orga_b, target_profile=profile, title="B", code="BBBBBB222"
        ).pk,
    }


# (URL name, argument names, method)
PAGES = [
    ("orga_home", ["org"], "get"),
    ("orga_members", ["org"], "get"),
    ("orga_members", ["org"], "post"),
    ("orga_member_remove", ["org", "membership"], "post"),
    ("orga_learners", ["org"], "get"),
    ("orga_learner_import_upload", ["org"], "post"),
    ("orga_learner_import", ["org", "import"], "get"),
    ("orga_learner_import", ["org", "import"], "post"),
    ("orga_learner_password_reset", ["org", "learner"], "post"),
    ("orga_profiles", ["org"], "get"),
    ("orga_profiles", ["org"], "post"),
    ("orga_profile", ["org", "profile"], "get"),
    ("orga_profile_tubes", ["org", "profile"], "post"),
    ("orga_profile_count", ["org", "profile"], "post"),
    ("orga_profile_stage_add", ["org", "profile"], "post"),
    ("orga_profile_badge_add", ["org", "profile"], "post"),
    ("orga_profile_copy", ["org", "profile"], "post"),
    ("orga_campaigns", ["org"], "get"),
    ("orga_campaigns", ["org"], "post"),
    ("orga_campaign", ["org", "campaign"], "get"),
    ("orga_campaign_edit", ["org", "campaign"], "get"),
    ("orga_campaign_edit", ["org", "campaign"], "post"),
    ("orga_campaign_archive", ["org", "campaign"], "post"),
    ("orga_campaign_live", ["org", "campaign"], "get"),
    ("orga_campaign_export", ["org", "campaign"], "get"),
]


@pytest.mark.parametrize(
    ("name", "arguments", "method"),
    [
        ("orga_learner_import", ["org", "import"], "get"),
        ("orga_learner_password_reset", ["org", "learner"], "post"),
        ("orga_profile", ["org", "profile"], "get"),
        ("orga_profile_tubes", ["org", "profile"], "post"),
        ("orga_profile_copy", ["org", "profile"], "post"),
        ("orga_campaign", ["org", "campaign"], "get"),
        ("orga_campaign_edit", ["org", "campaign"], "post"),
        ("orga_campaign_archive", ["org", "campaign"], "post"),
        ("orga_campaign_live", ["org", "campaign"], "get"),
        ("orga_campaign_export", ["org", "campaign"], "get"),
    ],
)
def test_b_objects_under_a_own_organisation_are_404_too(
    client, orga_a, admin_a, orga_b, admin_b, name, arguments, method
):
    """Typing A's organisation with B's object id: still missing."""
    objects = {**_b_objects(orga_b, admin_b), "org": orga_a.pk}
    client.force_login(admin_a)
    url = reverse(name, args=[objects[argument] for argument in arguments])

    response = getattr(client, method)(url)

    assert response.status_code == 404


@pytest.mark.parametrize(("name", "arguments", "method"), PAGES)
def test_a_member_of_a_gets_404_on_b(
    client, orga_a, admin_a, orga_b, admin_b, name, arguments, method
):
    objects = _b_objects(orga_b, admin_b)
    client.force_login(admin_a)
    url = reverse(name, args=[objects[argument] for argument in arguments])

    response = getattr(client, method)(url)

    assert response.status_code == 404
    assert Membership.objects.filter(user=admin_b).exists()


@pytest.mark.parametrize(("name", "arguments", "method"), PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(
    client, orga_b, admin_b, name, arguments, method
):
    objects = _b_objects(orga_b, admin_b)
    url = reverse(name, args=[objects[argument] for argument in arguments])

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
