"""IRT as a campaign's test algorithm, and trial slots in campaign tests.

The release: competences 1.1 and 2.1, 5 tubes each, levels 1-4, one QROC per
skill whose answer is its level, b = level - 2.5 (+ 0.05 per tube), a = 1.5,
and 4 new challenges without parameters (trial items). The learners answer
right exactly the skills up to their level.
"""

import json

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from authoring.models import Challenge
from authoring.releases.services import release_publish
from runtime.domain.irt import POSITIONING
from runtime.enums import AssessmentState, KnowledgeStatus, PositioningAlgorithm
from runtime.learning import services as learning
from runtime.learning.services import irt_delivery
from runtime.models import Answer, Assessment, KnowledgeElement, TrialExposure
from runtime.orga.enums import CampaignType
from runtime.orga.models import Campaign, TargetProfile
from runtime.orga.services import campaigns as services
from runtime.release_index import release_index
from tests.factories import make_user
from tests.runtime.calibrated_content import publish_calibrated_competences
from tests.runtime.learning.test_step_cost import described

pytestmark = pytest.mark.django_db

IRT = PositioningAlgorithm.IRT
REFUSED = (
    "La release en service porte des paramètres calibrés (difficulté et "
    "discrimination) pour 0 des 16 épreuves des acquis visés : l'algorithme "
    "adaptatif IRT en demande au moins 20 et 80 sur 100. Choisissez "
    "« Inférence des acquis » d'ici là."
)


@pytest.fixture
def calibrated(db):
    return release_index(publish_calibrated_competences().pk)


def make_profile(organisation, index, cap=4):
    """Every tube of the release, up to ``cap``."""
    profile = TargetProfile.objects.create(organisation=organisation, name="Tout")
    for tube in index.tubes.values():
        profile.tubes.create(tube=tube.id, level_cap=cap)
    return profile


def make_campaign(organisation, index, user, **values):
    return services.campaign_create(
        user=user,
        organisation=organisation,
        target_profile=make_profile(organisation, index),
        title="Rentrée",
        **values,
    )


def joined(campaign, organisation):
    """A pupil of the school joins; return their signed-in client and participation."""
    user = make_user()
    organisation.learners.create(
        national_id=f"X{user.pk}", first_name="A", last_name="B",
        birthdate="2010-01-01", user=user,
    )  # fmt: skip
    participation = services.participation_start(user=user, campaign=campaign)
    client = Client()
    client.force_login(user)
    return client, participation


def play(client, assessment_id, *, known_level, index):
    """Answer through the pages like a learner who masters up to known_level."""
    for _ in range(80):
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


def validated_skills(user, index) -> list[tuple[str, int]]:
    """Return (competence, level) of each validated skill of the learner, sorted."""
    return sorted(
        (element.competence, index.skills[element.skill].level)
        for element in KnowledgeElement.objects.filter(
            user=user, status=KnowledgeStatus.VALIDATED
        )
    )


def test_irt_is_refused_with_the_reason_when_the_release_is_not_calibrated(
    orga_a, member_a, index
):
    with pytest.raises(services.AlgorithmRefused) as refused:
        make_campaign(orga_a, index, member_a, test_algorithm=IRT)

    assert str(refused.value) == REFUSED
    assert not Campaign.objects.exists()


def test_the_campaign_pages_refuse_irt_and_save_nothing(
    client, orga_a, member_a, index
):
    """Creating and editing: the form shows why, the campaign is unchanged."""
    client.force_login(member_a)
    profile = make_profile(orga_a, index)
    url = reverse("orga_campaigns", args=[orga_a.pk])
    values = {"title": "IRT", "type": CampaignType.ASSESSMENT,
              "target_profile": profile.pk}  # fmt: skip

    created = client.post(url, {**values, "test_algorithm": IRT})
    kept = make_campaign(orga_a, index, member_a)
    edit = reverse("orga_campaign_edit", args=[orga_a.pk, kept.pk])
    edited = client.post(edit, {"title": "Renommée", "test_algorithm": IRT})

    assert created.status_code == edited.status_code == 422
    assert REFUSED.replace("'", "&#x27;") in created.content.decode()
    assert REFUSED.replace("'", "&#x27;") in edited.content.decode()
    assert list(Campaign.objects.values_list("title", "test_algorithm")) == [
        ("Rentrée", PositioningAlgorithm.INFERENCE)
    ]


def test_a_profile_collection_cannot_take_irt(orga_a, member_a, calibrated):
    with pytest.raises(services.AlgorithmRefused, match="collecte de profils"):
        make_campaign(
            orga_a,
            calibrated,
            member_a,
            type=CampaignType.PROFILES_COLLECTION,
            test_algorithm=IRT,
        )

    assert not Campaign.objects.exists()


def test_an_irt_campaign_test_ends_with_every_target_skill_known(
    orga_a, member_a, calibrated
):
    """Served and answered to the end through the pages: answered skills are
    direct results, the others inferred from the ability; trial items count
    for nothing; the teacher sees the level estimated."""
    campaign = make_campaign(orga_a, calibrated, member_a, test_algorithm=IRT)
    client, participation = joined(campaign, orga_a)

    result = play(client, participation.assessment_id, known_level=2, index=calibrated)
    shared = client.post(reverse("campaign_share", args=[campaign.code]))
    teacher = Client()
    teacher.force_login(member_a)
    dashboard = teacher.get(reverse("orga_campaign", args=[orga_a.pk, campaign.pk]))
    exported = json.loads(client.get(reverse("account_export")).content)

    assessment = Assessment.objects.get(pk=participation.assessment_id)
    answers = list(Answer.objects.filter(assessment=assessment).order_by("id"))
    trials = [answer for answer in answers if answer.trial]
    scored = [answer for answer in answers if not answer.trial]
    knowledge = KnowledgeElement.objects.filter(assessment=assessment)
    assert assessment.algorithm == IRT
    assert assessment.state == AssessmentState.COMPLETED
    assert result.status_code == 200
    # irt.POSITIONING: the level known within one with 97 % after 5 to 12.
    assert POSITIONING.min_length <= len(scored) < POSITIONING.length
    assert 0.0 < assessment.ability_error < 1.0
    # Level 2's cut is the median b of its challenges (-0.4), level 3's 0.6.
    assert -0.4 <= assessment.ability < 0.6
    assert assessment.estimated_level == 2
    # Trial slots only (which ones depends on the draw: a trial item's skill
    # must not have been asked yet).
    assert {answers.index(answer) + 1 for answer in trials} <= {10, 20, 30}
    assert all(
        not calibrated.challenges[answer.challenge].calibration.calibrated
        for answer in trials
    )
    assert not knowledge.filter(answer__in=trials).exists()
    assert knowledge.count() == 40  # every target skill, once
    assert knowledge.filter(direct=True).count() == len(scored)
    assert validated_skills(participation.user, calibrated) == sorted(
        (code, level) for code in ("1.1", "2.1") for _ in range(5) for level in (1, 2)
    )
    participation.refresh_from_db()
    assert shared.status_code == 302
    assert (participation.validated_count, participation.targeted_count) == (20, 40)
    assert participation.mastery == 0.5
    (own,) = exported["assessments"]
    assert (own["algorithm"], own["estimated_level"]) == ("irt", 2)
    assert own["ability"] == assessment.ability
    assert [item["trial"] for item in own["answers"]] == [a.trial for a in answers]
    page = dashboard.content.decode()
    assert "Niveau estimé (IRT)" in page
    assert "Adaptatif IRT" in page
    assert '<td class="estimated-level">2 <span' in page


def test_a_reload_serves_the_same_challenge(orga_a, member_a, calibrated):
    campaign = make_campaign(orga_a, calibrated, member_a, test_algorithm=IRT)
    client, participation = joined(campaign, orga_a)
    url = reverse("assessment", args=[participation.assessment_id])

    first = client.get(url)
    again = client.get(url)
    assessment = Assessment.objects.get(pk=participation.assessment_id)

    assert first.status_code == again.status_code == 200
    assert first.context["challenge_id"] == again.context["challenge_id"]
    assert (
        learning.assessment_next_challenge(assessment).id
        == (first.context["challenge_id"])
    )


def test_a_test_keeps_its_algorithm_and_falls_back_when_not_calibrated(
    orga_a, member_a, calibrated
):
    """A running IRT test stays IRT when the campaign changes; a test started
    on a release no longer calibrated is an inference test and says why."""
    campaign = make_campaign(orga_a, calibrated, member_a, test_algorithm=IRT)
    _client, running = joined(campaign, orga_a)
    services.campaign_update(
        user=member_a, campaign=campaign, title="Rentrée",
        test_algorithm=PositioningAlgorithm.INFERENCE,
    )  # fmt: skip
    campaign.test_algorithm = IRT
    campaign.save()
    Challenge.objects.update(difficulty=None, discrimination=None)
    release_publish(trusted=True)  # a new release, without parameters

    _client, later = joined(campaign, orga_a)

    running.assessment.refresh_from_db()
    assert running.assessment.algorithm == IRT
    assert later.assessment.algorithm == PositioningAlgorithm.INFERENCE
    assert later.assessment.algorithm_note.startswith(
        "La release en service porte des paramètres calibrés (difficulté et "
        "discrimination) pour 0 des "
    )


@pytest.mark.parametrize("algorithm", [PositioningAlgorithm.INFERENCE, IRT])
def test_trial_answers_never_change_the_results(
    orga_a, member_a, calibrated, algorithm
):
    """The same learner with and without trial slots: trial answers are
    stored for calibration, and the results are the same."""
    campaign = make_campaign(orga_a, calibrated, member_a, test_algorithm=algorithm)
    results = {}
    for every in (3, 0):
        with override_settings(POSITIONING_TRIAL_EVERY=every):
            client, participation = joined(campaign, orga_a)
            play(client, participation.assessment_id, known_level=1, index=calibrated)
        client.post(reverse("campaign_share", args=[campaign.code]))
        participation.refresh_from_db()
        answers = Answer.objects.filter(assessment_id=participation.assessment_id)
        trials = list(answers.filter(trial=True).order_by("id"))
        results[every] = {
            "trials": len(trials),
            "trial_knowledge": KnowledgeElement.objects.filter(
                answer__in=trials
            ).count(),
            "validated": validated_skills(participation.user, calibrated),
            "mastery": (participation.validated_count, participation.targeted_count),
            "assessment": participation.assessment_id,
        }

    assert results[3]["trials"] >= 1
    assert results[3]["trial_knowledge"] == 0
    assert results[0]["trials"] == 0
    assert (
        sum(TrialExposure.objects.values_list("trial_served", flat=True))
        == (results[3]["trials"])
    )
    if algorithm == IRT:
        # A skill asked in a trial slot cannot be asked scored, so the two
        # tests need not take the same path nor end on the same inferred
        # skills: what holds is that the ability kept is the one of the
        # scored answers alone.
        assessment = Assessment.objects.get(pk=results[3]["assessment"])
        index = release_index(assessment.release_id)
        scope = learning.assessment_scope(assessment, index)
        bank = irt_delivery.bank_of(scope, index)
        steps = irt_delivery.history_steps(assessment.history)
        only_scored = [step for step in steps if not step.trial]
        replayed = irt_delivery._replay(
            bank, only_scored, [], irt_delivery.config(bank, scope)
        ).estimate.ability
        assert len(only_scored) < len(steps)
        assert assessment.ability == round(replayed, 4)
        return
    assert (
        results[3]["validated"]
        == results[0]["validated"]
        == sorted((code, 1) for code in ("1.1", "2.1") for _ in range(5))
    )
    assert results[3]["mastery"] == results[0]["mastery"] == (10, 40)


def test_an_irt_step_costs_the_queries_of_an_inference_step(
    orga_a, member_a, calibrated, django_assert_max_num_queries
):
    """The learner, the test, the write: replaying the test on the bank reads
    nothing more (trial slots aside, which read and count the trial items)."""
    costs = {}
    for algorithm in (PositioningAlgorithm.INFERENCE, IRT):
        campaign = make_campaign(orga_a, calibrated, member_a, test_algorithm=algorithm)
        client, participation = joined(campaign, orga_a)
        client.get(reverse("assessment", args=[participation.assessment_id]))
        assessment = Assessment.objects.get(pk=participation.assessment_id)
        with django_assert_max_num_queries(10) as captured:
            client.post(
                reverse("assessment_answer", args=[assessment.pk]),
                {"challenge": assessment.current_challenge, "answer-r": "1"},
                headers={"HX-Request": "true"},
            )
        costs[algorithm] = described(captured)

    assert costs[IRT] == costs[PositioningAlgorithm.INFERENCE]
    assert [query for query in costs[IRT] if query.startswith("SELECT ")] == [
        "SELECT django_session",
        "SELECT auth_user",
        "SELECT runtime_assessment",
    ]


@pytest.mark.parametrize(("known_level", "validated"), [(0, 0), (4, 40)])
@pytest.mark.parametrize("every", [3, 0], ids=["trials", "no-trials"])
def test_a_learner_beyond_the_bank_stops_once_the_level_is_settled(
    orga_a, member_a, calibrated, known_level, validated, every
):
    """The test stops early, once the level is known within one with 97 %
    (irt.POSITIONING), and infers the rest. Without trials the 5th answer
    may bring a checkpoint: the test then ends after it."""
    campaign = make_campaign(orga_a, calibrated, member_a, test_algorithm=IRT)
    client, participation = joined(campaign, orga_a)

    with override_settings(POSITIONING_TRIAL_EVERY=every):
        play(
            client,
            participation.assessment_id,
            known_level=known_level,
            index=calibrated,
        )

    assessment = Assessment.objects.get(pk=participation.assessment_id)
    answers = Answer.objects.filter(assessment=assessment)
    scored = answers.filter(trial=False).count()
    assert POSITIONING.min_length <= scored < POSITIONING.length
    assert assessment.estimated_level == known_level
    assert len(validated_skills(participation.user, calibrated)) == validated
    assert KnowledgeElement.objects.filter(assessment=assessment).count() == 40
