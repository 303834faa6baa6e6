"""Profile actions: improve after 4 days, reset after 7, answers never lost."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from runtime.learning import services
from runtime.learning.selectors import learner_profile
from runtime.models import Answer, Assessment, KnowledgeElement
from runtime.release_index import current_release_index
from tests.factories import make_user
from tests.runtime.learning.test_flow import make_competence, run_test

pytestmark = pytest.mark.django_db


def age_knowledge(days: float) -> None:
    KnowledgeElement.objects.update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


@pytest.fixture
def finished(client):
    """A learner who finished 1.1 knowing levels 1 and 2."""
    make_competence()
    user = make_user()
    client.force_login(user)
    client.post(reverse("competence_start", args=["1.1"]))
    run_test(client, Assessment.objects.get(), known_level=2)
    return user


def profile_of(user, code="1.1"):
    return next(
        item
        for item in learner_profile(user, current_release_index())
        if item.code == code
    )


def test_improve_waits_four_days(finished):
    """Before 4 days the card says how long; after, it offers to improve."""
    before = profile_of(finished)
    age_knowledge(2.5)
    later = profile_of(finished)
    age_knowledge(4)

    after = profile_of(finished)

    assert (before.can_improve, before.can_reset, before.improve_in_days) == (
        False,
        False,
        4,
    )
    assert later.improve_in_days == 2
    assert (after.can_improve, after.can_reset, after.improve_in_days) == (
        True,
        False,
        None,
    )


def test_the_card_says_in_how_many_days_the_learner_can_improve(client, finished):
    """The profile shows the wait, as the public service does."""
    age_knowledge(1.5)

    page = client.get(reverse("learner_home")).content.decode()

    assert "Terminé. Vous pourrez l'améliorer dans 3 jours." in page


def test_improving_retests_only_old_failures(client, finished):
    """Validated skills are kept; failed ones (even inferred) are asked again."""
    age_knowledge(5)
    failed = set(
        KnowledgeElement.objects.filter(status="invalidated").values_list(
            "skill", flat=True
        )
    )

    client.post(reverse("competence_start", args=["1.1"]))
    improvement = Assessment.objects.get(state="started")
    services.assessment_next_challenge(improvement)
    improvement.refresh_from_db()
    served_skill = improvement.release.content["challenges"]
    skill = next(
        c["skill"] for c in served_skill if c["id"] == improvement.current_challenge
    )

    assert improvement.is_improvement
    assert skill in failed


def test_reset_after_seven_days_keeps_the_answers(client, finished):
    """A reset brings the competence back to 0 pix; answers stay recorded."""
    answers = Answer.objects.count()
    refused = client.post(reverse("competence_reset", args=["1.1"]), follow=True)
    age_knowledge(7)

    client.post(reverse("competence_reset", args=["1.1"]))

    assert "ne peut pas encore être remise à zéro" in refused.content.decode()
    assert (profile_of(finished).pix, profile_of(finished).tested) == (0, False)
    assert Answer.objects.count() == answers


def test_a_started_test_keeps_its_release(client, validator):
    """Publishing a new release does not change a test already under way."""
    first = make_competence()
    client.force_login(make_user())
    client.post(reverse("competence_start", args=["1.1"]))
    make_competence(levels=(5,), tubes=1)
    assessment = Assessment.objects.get()

    challenge = services.assessment_next_challenge(assessment)

    assert assessment.release_id == first.pk
    assert challenge.id in {c["id"] for c in first.content["challenges"]}


def test_an_improvement_keeps_the_baseline_it_started_with(client, finished):
    """Kept results are fixed at the start: its steps read no knowledge."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    age_knowledge(5)
    validated = set(
        KnowledgeElement.objects.filter(status="validated", direct=True).values_list(
            "skill", flat=True
        )
    )
    client.post(reverse("competence_start", args=["1.1"]))
    improvement = Assessment.objects.get(state="started")
    kept = dict(improvement.kept_results)
    client.get(reverse("assessment", args=[improvement.pk]))
    improvement.refresh_from_db()

    with CaptureQueriesContext(connection) as captured:
        client.post(
            reverse("assessment_answer", args=[improvement.pk]),
            {"challenge": improvement.current_challenge, "answer-r": "x"},
            headers={"HX-Request": "true"},
        )

    assert {skill for skill, result in kept.items() if result == "ok"} == validated
    assert not any(
        query["sql"].startswith('SELECT "runtime_knowledgeelement"')
        for query in captured.captured_queries
    )


def test_an_improvement_started_before_baselines_were_kept_reads_them(finished):
    """Tests already under way when kept_results appeared still improve right."""
    age_knowledge(5)
    improvement = services.assessment_start(user=finished, competence="1.1")
    recorded = services._kept(improvement, timezone.now())
    Assessment.objects.filter(pk=improvement.pk).update(kept_results=None)
    improvement.refresh_from_db()

    assert services._kept(improvement, timezone.now()) == recorded
    assert recorded


def test_six_skills_of_one_level_give_eight_whole_pix(client):
    """6 level-1 skills of 8/6 pix each, all mastered: level 1 with 8 pix, not 7.

    Through the release, the recorded knowledge and the profile.
    """
    make_competence(levels=(1,), tubes=6)
    user = make_user()
    client.force_login(user)
    client.post(reverse("competence_start", args=["1.1"]))

    run_test(client, Assessment.objects.get(), known_level=1)

    assert KnowledgeElement.objects.filter(status="validated").count() == 6
    assert (profile_of(user).pix, profile_of(user).level) == (8, 1)


def test_knowledge_recorded_with_six_decimal_pix_still_counts_eight(client):
    """Older releases stored 8/6 as 1.333333: the profile still gives 8 pix."""
    make_competence(levels=(1,), tubes=6)
    user = make_user()
    assessment = services.assessment_start(user=user, competence="1.1")
    KnowledgeElement.objects.bulk_create(
        KnowledgeElement(
            user=user,
            assessment=assessment,
            skill=f"old-skill-{number}",
            competence="1.1",
            status="validated",
            direct=True,
            pix=1.333333,
        )
        for number in range(6)
    )

    assert (profile_of(user).pix, profile_of(user).level) == (8, 1)


@pytest.mark.parametrize(
    ("age_days", "message"),
    [
        (0, "Vous pourrez améliorer cette compétence dans 4 jours."),
        (2.5, "Vous pourrez améliorer cette compétence dans 2 jours."),
        (3.9, "Vous pourrez améliorer cette compétence dans 1 jour."),
    ],
)
def test_an_improvement_before_four_days_is_refused_with_the_wait(
    finished, age_days, message
):
    """The start service says when; no empty test is created meanwhile."""
    age_knowledge(age_days)
    assessments = Assessment.objects.count()

    with pytest.raises(services.LearningError) as refused:
        services.assessment_start(user=finished, competence="1.1")

    assert str(refused.value) == message
    assert Assessment.objects.count() == assessments


def test_the_start_button_posted_early_says_when_and_creates_nothing(client, finished):
    """The page tells the wait as the service does; the learner stays home."""
    assessments = Assessment.objects.count()

    page = client.post(reverse("competence_start", args=["1.1"]), follow=True)

    assert "Vous pourrez améliorer cette compétence dans 4 jours." in (
        page.content.decode()
    )
    assert Assessment.objects.count() == assessments
