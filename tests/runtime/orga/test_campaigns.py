"""Campaigns end to end: create, join by code, take the adaptive test, share."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from runtime.enums import AssessmentKind, AssessmentState
from runtime.learning import services as learning
from runtime.learning.selectors import learner_profile
from runtime.models import Assessment, KnowledgeElement
from runtime.orga import selectors
from runtime.orga.enums import CampaignType, ParticipationStatus
from runtime.orga.models import Campaign, Participation, TargetProfile
from runtime.orga.services import campaigns as services
from runtime.orga.services.errors import OrgaError
from tests.factories import make_user

from .conftest import make_learner

pytestmark = pytest.mark.django_db


def make_profile(organisation, index, codes=("1.1", "2.1"), cap=3):
    """A profile over every tube of the competences, capped."""
    profile = TargetProfile.objects.create(organisation=organisation, name="Profil")
    for tube in index.tubes.values():
        if tube.competence in codes:
            profile.tubes.create(tube=tube.id, level_cap=cap)
    profile.stages.create(threshold=0, title="Début")
    profile.stages.create(threshold=50, title="Moitié")
    profile.badges.create(title="Tout", threshold=100)
    return profile


def make_campaign(organisation, index, user, **overrides):
    values = {"title": "Rentrée 3e", "landing_text": "Bienvenue !"}
    values.update(overrides)
    return services.campaign_create(
        user=user,
        organisation=organisation,
        target_profile=overrides.pop("target_profile", None)
        or make_profile(organisation, index),
        **{k: v for k, v in values.items() if k != "target_profile"},
    )


def play(client, assessment_id, *, known_level, index):
    """Answer every served challenge through the pages; return the result page."""
    for _ in range(60):
        page = client.get(reverse("assessment", args=[assessment_id]), follow=True)
        path = page.redirect_chain[-1][0] if page.redirect_chain else ""
        if "resultat" in path:
            return page
        if "bilan" in path:
            client.post(reverse("assessment_checkpoint", args=[assessment_id]))
            continue
        current = Assessment.objects.get(pk=assessment_id).current_challenge
        level = index.skills[index.challenges[current].skill].level
        client.post(
            reverse("assessment_answer", args=[assessment_id]),
            {
                "challenge": current,
                "answer-r": str(level) if level <= known_level else "non",
            },
        )
    raise AssertionError("the test never ended")


def test_a_campaign_gets_a_code_of_the_documented_form(orga_a, member_a, index):
    campaign = make_campaign(orga_a, index, member_a)

    assert re.fullmatch(r"[A-HJKMNP-Z]{6}[2-9]{3}", campaign.code)
    assert campaign.created_by == member_a


def test_a_profile_from_another_organisation_is_refused(
    orga_a, orga_b, member_a, index
):
    with pytest.raises(OrgaError, match="n'existe pas"):
        services.campaign_create(
            user=member_a,
            organisation=orga_a,
            target_profile=make_profile(orga_b, index),
            title="X",
        )
    with pytest.raises(PermissionDenied):
        services.campaign_create(
            user=make_user(),
            organisation=orga_a,
            target_profile=make_profile(orga_a, index),
            title="X",
        )
    assert not Campaign.objects.exists()


def test_a_pupil_joins_by_code_creates_an_account_takes_the_test_and_shares(
    orga_a, member_a, index
):
    campaign = make_campaign(orga_a, index, member_a)
    make_learner(orga_a, first_name="Léa", last_name="Dupont")
    pupil = Client()

    landing = pupil.post(reverse("campaign_code"), {"code": campaign.code.lower()})
    start = pupil.post(reverse("campaign_start", args=[campaign.code]))
    identified = pupil.post(
        reverse("campaign_identify", args=[campaign.code]),
        {"first_name": "lea", "last_name": "DUPONT", "birthdate": "2011-03-07",
         "password": "un-mot-de-passe-solide"},
    )  # fmt: skip
    started = pupil.post(reverse("campaign_start", args=[campaign.code]))
    participation = Participation.objects.get()
    result = play(pupil, participation.assessment_id, known_level=2, index=index)
    shared = pupil.post(reverse("campaign_share", args=[campaign.code]))
    page = pupil.get(shared.url)

    assert landing.url == reverse("campaign_landing", args=[campaign.code])
    assert start.url == reverse("campaign_identify", args=[campaign.code])
    assert identified.context["created"].username == "lea.dupont0703"
    assert started.url == reverse("assessment", args=[participation.assessment_id])
    assert reverse("campaign_participation", args=[campaign.code]) in (
        result.content.decode()
    )
    participation.refresh_from_db()
    assert participation.status == ParticipationStatus.SHARED
    assert participation.learner == orga_a.learners.get()
    # Levels 1-2 of 4 tubes validated out of levels 1-3: 8 / 12.
    assert (participation.validated_count, participation.targeted_count) == (8, 12)
    assert participation.mastery == pytest.approx(8 / 12)
    assert participation.stage.title == "Moitié"
    assert participation.badges == []
    assert participation.competence_results == {"1.1": [4, 6], "2.1": [4, 6]}
    assert "Maîtrise : 67 %" in page.content.decode()


def test_the_campaign_test_is_the_adaptive_test_across_competences(
    orga_a, member_a, index
):
    campaign = make_campaign(orga_a, index, member_a)
    user = make_user()
    orga_a.learners.create(
        national_id="X", first_name="A", last_name="B",
        birthdate=datetime.date(2010, 1, 1), user=user,
    )  # fmt: skip

    participation = services.participation_start(user=user, campaign=campaign)

    assessment = participation.assessment
    assert assessment.kind == AssessmentKind.CAMPAIGN
    assert assessment.competence == ""
    scope = learning.assessment_scope(assessment, index)
    assert {index.competence_of_skill(skill.id) for skill in scope.skills} == {
        "1.1",
        "2.1",
    }
    assert len(scope.skills) == 12
    # Resuming returns the same participation and test.
    assert services.participation_start(user=user, campaign=campaign) == participation


def test_knowledge_counts_both_ways(client, orga_a, member_a, index):
    """A competence test done before shortens the campaign; the campaign's
    answers raise the profile."""
    campaign = make_campaign(orga_a, index, member_a)
    user = make_user()
    orga_a.learners.create(
        national_id="X", first_name="A", last_name="B",
        birthdate=datetime.date(2010, 1, 1), user=user,
    )  # fmt: skip
    client.force_login(user)
    before = learning.assessment_start(user=user, competence="1.1")
    play(client, before.pk, known_level=4, index=index)

    participation = services.participation_start(user=user, campaign=campaign)
    play(client, participation.assessment_id, known_level=4, index=index)

    asked = [
        entry[1]
        for entry in Assessment.objects.get(pk=participation.assessment_id).history
    ]
    assert {index.competence_of_skill(skill) for skill in asked} == {"2.1"}
    profile = {c.code: c for c in learner_profile(user, index)}
    assert profile["2.1"].pix > 0
    assert set(
        KnowledgeElement.objects.filter(
            assessment_id=participation.assessment_id
        ).values_list("competence", flat=True)
    ) == {"2.1"}
    services.participation_share(user=user, participation=participation)
    participation.refresh_from_db()
    assert participation.mastery == 1.0
    assert participation.badges == [campaign.target_profile.badges.get().pk]


def test_retry_after_four_days_when_allowed(orga_a, member_a, index):
    campaign = make_campaign(orga_a, index, member_a, multiple_sendings=True)
    user = make_user()
    orga_a.learners.create(
        national_id="X", first_name="A", last_name="B",
        birthdate=datetime.date(2010, 1, 1), user=user,
    )  # fmt: skip
    participation = services.participation_start(user=user, campaign=campaign)
    learning.assessment_complete(participation.assessment)
    shared_at = timezone.now()
    services.participation_share(user=user, participation=participation, now=shared_at)

    with pytest.raises(OrgaError, match="dans 4 jour"):
        services.participation_retry(user=user, campaign=campaign, now=shared_at)
    again = services.participation_retry(
        user=user, campaign=campaign, now=shared_at + datetime.timedelta(days=4)
    )

    assert again.pk != participation.pk
    participation.refresh_from_db()
    assert participation.is_improved is True
    assert again.assessment.state == AssessmentState.STARTED


def test_no_retry_without_multiple_sendings(orga_a, member_a, index):
    campaign = make_campaign(orga_a, index, member_a)
    user = make_user()
    orga_a.learners.create(
        national_id="X", first_name="A", last_name="B",
        birthdate=datetime.date(2010, 1, 1), user=user,
    )  # fmt: skip
    participation = services.participation_start(user=user, campaign=campaign)
    learning.assessment_complete(participation.assessment)
    services.participation_share(user=user, participation=participation)

    with pytest.raises(OrgaError, match="ne peut pas être repassée"):
        services.participation_retry(
            user=user,
            campaign=campaign,
            now=timezone.now() + datetime.timedelta(days=30),
        )


def test_archived_campaigns_cannot_be_joined(orga_a, member_a, index, orga_b):
    campaign = make_campaign(orga_a, index, member_a)
    services.campaign_archive(user=member_a, campaign=campaign, archived=True)

    with pytest.raises(OrgaError, match="archivée"):
        services.participation_start(user=make_user(), campaign=campaign)


def test_a_profile_collection_shares_the_current_profile(orga_b, admin_b, index):
    from runtime.orga.enums import OrganisationType

    orga_b.type = OrganisationType.PROFESSIONAL
    orga_b.save()
    campaign = make_campaign(
        orga_b, index, admin_b, type=CampaignType.PROFILES_COLLECTION,
        external_id_label="Matricule",
    )  # fmt: skip
    user = make_user()

    with pytest.raises(OrgaError, match="Matricule"):
        services.participation_start(user=user, campaign=campaign)
    participation = services.participation_start(
        user=user, campaign=campaign, external_id="M-42"
    )
    services.participation_share(user=user, participation=participation)

    participation.refresh_from_db()
    assert participation.assessment is None
    assert participation.status == ParticipationStatus.SHARED
    assert participation.external_id == "M-42"
    assert len(participation.profile) == 16
    assert participation.profile["1.1"] == [0, 0]


def test_the_campaign_pages_of_the_organisation(client, orga_a, member_a, index):
    profile = make_profile(orga_a, index)
    client.force_login(member_a)

    created = client.post(
        reverse("orga_campaigns", args=[orga_a.pk]),
        {"title": "Avant", "type": "ASSESSMENT", "target_profile": profile.pk},
    )
    campaign = Campaign.objects.get()
    detail = client.get(created.url)
    client.post(
        reverse("orga_campaign_archive", args=[orga_a.pk, campaign.pk]),
        {"archived": "1"},
    )

    assert campaign.code in detail.content.decode()
    assert list(selectors.campaigns_listed(orga_a)) == []
    assert list(selectors.campaigns_listed(orga_a, archived=True)) == [campaign]
    assert (
        client.get(reverse("campaign_landing", args=["NOPE23456"])).status_code == 404
    )
    assert (
        client.post(reverse("campaign_code"), {"code": "ABCDEF999"}).status_code == 404
    )


def test_participations_are_in_the_export_and_go_with_the_account(
    client, orga_a, member_a, index
):
    """The learner's export lists their shared participation; deleting the
    account removes it from the organisation's results, the answers stay."""
    campaign = make_campaign(orga_a, index, member_a)
    user = make_user(username="zoe")
    orga_a.learners.create(
        national_id="Z", first_name="Zoé", last_name="B",
        birthdate=datetime.date(2010, 1, 1), user=user,
    )  # fmt: skip
    client.force_login(user)
    participation = services.participation_start(user=user, campaign=campaign)
    play(client, participation.assessment_id, known_level=2, index=index)
    services.participation_share(user=user, participation=participation)

    data = client.get(reverse("account_export")).json()
    deleted = client.post(
        reverse("account_delete"), {"password": "motdepasse-solide-42"}, follow=True
    )

    [exported] = data["campaign_participations"]
    assert exported["code"] == campaign.code
    assert exported["shared_at"] is not None
    assert deleted.status_code == 200
    assert not Participation.objects.exists()
    assessment = Assessment.objects.get(pk=participation.assessment_id)
    assert assessment.user is None
    assert assessment.answers.exists()
