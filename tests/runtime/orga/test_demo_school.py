"""The demo school: a teacher, a class, a profile, two campaigns played for real."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from runtime.models import Answer
from runtime.orga.enums import MemberRole, ParticipationStatus
from runtime.orga.models import Organisation, Participation

pytestmark = pytest.mark.django_db


def test_the_demo_school_has_data_on_every_dashboard(client, release):
    call_command("load_target_profiles", stdout=io.StringIO())
    out = io.StringIO()

    call_command("load_demo_school", pupils=8, site_url="http://x", stdout=out)

    school = Organisation.objects.get()
    teacher = school.memberships.get(role=MemberRole.ADMIN).user
    assert teacher.username == "enseignant"
    assert "enseignant" in out.getvalue()
    assert school.learners.filter(is_active=True, user__isnull=False).count() == 8
    before, after = school.campaigns.order_by("id")
    shared = Participation.objects.filter(status=ParticipationStatus.SHARED)
    assert shared.filter(campaign=before).count() == 8
    assert shared.filter(campaign=after).count() == 4
    # Played through the real engine: answers recorded and checked.
    assert Answer.objects.filter(assessment__user=teacher).count() == 0
    assert Answer.objects.count() > 8 * 4
    # The second campaign shows progress over the first.
    client.force_login(teacher)
    page = client.get(
        reverse("orga_campaign", args=[school.pk, after.pk]), {"comparer": before.pk}
    )
    progress = page.context["progress"]
    assert progress["after"] > progress["before"]
    export = client.get(reverse("orga_campaign_export", args=[school.pk, before.pk]))
    assert len(b"".join(export.streaming_content).decode().splitlines()) == 1 + 8
    again = io.StringIO()
    call_command("load_demo_school", stdout=again)
    assert "rien n'est changé" in again.getvalue()
    assert Organisation.objects.count() == 1
