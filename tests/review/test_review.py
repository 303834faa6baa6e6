"""Community review: quorum inside the workflow, revisions, permissions, queue."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from review.models import BetaTry, Vote
from review.services import ReviewError, vote_cast
from tests.factories import SCORES, make_challenge, make_skill, make_user

pytestmark = pytest.mark.django_db


def submitted(author=None, **overrides):
    """Return a challenge its author submitted to the default workflow."""
    author = author or make_user(group="Authors", email="auteur@example.org")
    challenge = make_challenge(user=author, **overrides)
    challenge.get_workflow().start(challenge, author)
    return challenge


def vote(challenge, decision="approve", comment="", user=None):
    return vote_cast(
        obj=type(challenge).objects.get(pk=challenge.pk),
        user=user or make_user(group="Reviewers"),
        decision=decision,
        scores=SCORES,
        comment=comment,
    )


def current_task(challenge) -> str:
    return WorkflowState.objects.get(
        object_id=str(challenge.pk)
    ).current_task_state.task.name


def test_the_community_task_completes_at_the_quorum():
    """Three approvals move the challenge on to the final validation."""
    challenge = submitted()

    outcomes = [vote(challenge) for _ in range(3)]

    assert outcomes == ["pending", "pending", "approved"]
    assert current_task(challenge) == "Validation finale"


def test_exactly_two_thirds_passes():
    """Two approvals and one changes request out of three: approved."""
    challenge = submitted()
    vote(challenge)
    vote(challenge, "changes", "Préciser la consigne.")

    assert vote(challenge) == "approved"


def test_one_reject_with_a_reason_sends_it_back_and_tells_the_author(
    django_capture_on_commit_callbacks,
):
    """A blocking reject ends the review; the author gets an e-mail once it is
    committed, even when the challenge's name spans two lines."""
    challenge = submitted(instruction="Première ligne.\nQuelle est la capitale ?")

    with django_capture_on_commit_callbacks(execute=True):
        outcome = vote(challenge, "reject", "La réponse attendue est fausse.")

    state = WorkflowState.objects.get(object_id=str(challenge.pk))
    assert outcome == "rejected"
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    ours = [m for m in mail.outbox if m.subject.startswith("Modifications demandées")]
    assert [m.to for m in ours] == [["auteur@example.org"]]


def test_a_reject_needs_a_reason():
    """Requesting changes or rejecting without a comment is refused."""
    challenge = submitted()

    with pytest.raises(ReviewError, match="Expliquez votre décision"):
        vote(challenge, "reject")


def test_votes_on_an_old_revision_are_outdated():
    """A new revision restarts the count; old votes stay, marked outdated."""
    challenge = submitted()
    vote(challenge)
    vote(challenge)
    challenge.instruction = "Consigne corrigée"
    challenge.save_revision()

    outcome = vote(challenge)

    assert outcome == "pending"
    assert Vote.objects.count() == 3
    assert current_task(challenge) == "Revue communautaire"


def test_an_author_cannot_vote_on_their_own_challenge():
    """Authors may be reviewers, but never of their own content."""
    author = make_user(group="Reviewers")
    author.groups.add(*make_user(group="Authors").groups.all())
    challenge = submitted(author=author)

    with pytest.raises(ReviewError, match="propre contenu"):
        vote(challenge, user=author)


def test_a_reviewer_cannot_approve_the_validation_task(client):
    """After the quorum, only validators see the approve action."""
    challenge = submitted()
    for _ in range(3):
        vote(challenge)
    reviewer = make_user(group="Reviewers")
    state = WorkflowState.objects.get(object_id=str(challenge.pk))

    actions = state.current_task_state.task.specific.get_actions(challenge, reviewer)

    assert actions == []


def test_a_failing_blocking_check_hides_the_approve_action(validator):
    """The validator can only request changes while a blocking check fails."""
    challenge = submitted(type="QROCM-dep", solution="a: rouge\nb: rouge")
    for _ in range(3):
        vote(challenge)
    task = WorkflowState.objects.get(
        object_id=str(challenge.pk)
    ).current_task_state.task

    actions = [name for name, *_ in task.specific.get_actions(challenge, validator)]

    assert actions == ["reject"]
    assert "seraient refusées par la correction" in (
        client_page_blocking(challenge, validator)
    )


def test_a_reviewer_tries_then_votes_from_the_queue(client):
    """The queue lists the challenge; the try is kept as a beta answer."""
    challenge = submitted(type="QROC", proposals="${r}", solution="Lyon")
    reviewer = make_user(group="Reviewers")
    client.force_login(reviewer)

    queue = client.get(reverse("review:queue"))
    client.post(reverse("review:try", args=[challenge.pk]), {"answer-r": "lyon"})
    page = client.get(reverse("review:item", args=[challenge.pk]))
    client.post(
        reverse("review:vote", args=[challenge.pk]),
        {"decision": "approve", **SCORES, "comment": ""},
    )

    assert [item.pk for item in queue.context["items"]] == [challenge.pk]
    assert BetaTry.objects.get().result == "ok"
    assert page.context["review"]["tries"] == 1
    assert Vote.objects.get().reviewer == reviewer


@pytest.mark.parametrize("count", [2, 8])
def test_the_queue_needs_a_bounded_number_of_queries(
    client, count, django_assert_max_num_queries
):
    """The same query budget for 2 and 8 waiting challenges."""
    for _ in range(count):
        vote(submitted(skill=make_skill()))
    client.force_login(make_user(group="Reviewers"))
    client.get(reverse("review:queue"))

    with django_assert_max_num_queries(18):
        response = client.get(reverse("review:queue"))

    assert len(response.context["items"]) == count


def client_page_blocking(challenge, user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.get(reverse("review:item", args=[challenge.pk])).content.decode()


def test_a_learner_proposes_a_tutorial_that_enters_review(client):
    """The proposal is a draft tutorial on the community task; https only."""
    from authoring.models import Tutorial
    from authoring.releases.services import release_publish

    skill = make_skill(level=2)
    make_challenge(skill=skill, publish=True)
    release_publish(trusted=True)
    client.force_login(make_user())
    data = {
        "skill": skill.uid,
        "title": "Chiffrer ses échanges",
        "source": "Wikipédia",
        "format": "page",
        "minutes": 5,
    }

    refused = client.post("/tutos/proposer/", {**data, "link": "http://example.org"})
    client.post(
        "/tutos/proposer/", {**data, "link": "https://fr.wikipedia.org/wiki/HTTPS"}
    )

    assert "Le lien doit commencer par https://." in refused.content.decode()
    tutorial = Tutorial.objects.get()
    assert (tutorial.status, tutorial.live) == ("proposed", False)
    assert current_task(tutorial) == "Revue communautaire"
    reviewer = make_user(group="Reviewers")
    client.force_login(reviewer)
    queue = client.get(reverse("review:queue"))
    assert [item.pk for item in queue.context["others"]] == [tutorial.pk]
    assert vote(tutorial, user=reviewer) == "pending"


def test_an_author_resolves_a_learner_report(client, author):
    """Reports reach the author's review page and can be marked resolved."""
    from runtime.models import ProblemReport

    challenge = submitted(author=author)
    report = ProblemReport.objects.create(
        challenge=challenge.uid, category="answer", comment="Réponse contestable."
    )
    client.force_login(author)

    page = client.get(reverse("review:item", args=[challenge.pk]))
    client.post(
        reverse("review:report_status", args=[challenge.pk, report.pk]),
        {"status": "resolved"},
    )

    report.refresh_from_db()
    assert "Réponse contestable." in page.content.decode()
    assert report.status == "resolved"


def test_reviewers_cannot_resolve_reports(client, reviewer):
    """Closing a report is for people who can edit the challenge."""
    from runtime.models import ProblemReport

    challenge = submitted()
    report = ProblemReport.objects.create(
        challenge=challenge.uid, category="other", comment="?"
    )
    client.force_login(reviewer)

    client.post(reverse("review:report_status", args=[challenge.pk, report.pk]))

    report.refresh_from_db()
    assert report.status == "open"


def _proposal_page(client, skill, number: int):
    return client.post(
        "/tutos/proposer/",
        {
            "skill": skill.uid,
            "title": f"Tutoriel proposé {number}",
            "link": f"https://example.org/tuto-{number}",
            "source": "Exemple",
            "format": "page",
            "minutes": 5,
        },
    )


def test_a_learner_proposes_at_most_five_tutorials_a_day(client):
    """The sixth in 24 hours is refused (429, nothing saved) with a French
    message; once the oldest is a day old, one more is possible."""
    from authoring.models import Tutorial
    from authoring.releases.services import release_publish

    skill = make_skill(level=2)
    make_challenge(skill=skill, publish=True)
    release_publish(trusted=True)
    client.force_login(make_user())

    accepted = [_proposal_page(client, skill, n).status_code for n in range(5)]
    refused = _proposal_page(client, skill, 5)
    Tutorial.objects.filter(title="Tutoriel proposé 0").update(
        proposed_at=timezone.now() - datetime.timedelta(hours=25)
    )
    again = _proposal_page(client, skill, 6)

    assert accepted == [302] * 5
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Vous avez déjà proposé 5 tutoriels ces dernières 24 heures." in page
    assert "Vous pourrez en proposer un autre à partir du" in page
    assert again.status_code == 302
    assert sorted(Tutorial.objects.values_list("title", flat=True)) == [
        f"Tutoriel proposé {n}" for n in (0, 1, 2, 3, 4, 6)
    ]


def test_the_refusal_says_when_the_oldest_proposal_of_the_day_expires(settings):
    """Proposals at 8:00, 9:00, 10:00 UTC on 1 June, limit 3: the next one is
    possible 24 hours after the first, at 10:00 in Paris on 2 June."""
    from authoring.services import tutorial_propose
    from runtime.learning.services import TooManyRequestsError

    settings.TUTORIAL_PROPOSALS_PER_DAY = 3
    learner, skill = make_user(), make_skill(level=2)
    first = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=datetime.UTC)

    def propose(at):
        tutorial_propose(
            user=learner,
            skill_uid=skill.uid,
            title="Un tutoriel",
            link="https://example.org/tuto",
            source="Exemple",
            format="page",
            minutes=5,
            now=at,
        )

    for hours in range(3):
        propose(first + datetime.timedelta(hours=hours))
    with pytest.raises(TooManyRequestsError) as refused:
        propose(first + datetime.timedelta(hours=12))
    propose(first + datetime.timedelta(hours=24, minutes=1))

    assert str(refused.value) == (
        "Vous avez déjà proposé 3 tutoriels ces dernières 24 heures. Vous "
        "pourrez en proposer un autre à partir du 02/06/2026 à 10:00."
    )
