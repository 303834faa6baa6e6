"""What a reviewer needs on the review page; a second vote keeps the first comment."""

import datetime
import re

import pytest
from django.urls import reverse

from authoring.models import Tutorial, TutorialSkill
from review.models import ReviewComment, Vote
from tests.factories import SCORES, make_hint, make_user
from tests.review.test_review import submitted, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    challenge = submitted(
        type="QROC",
        proposals="${ville}",
        solution="Lyon\nlyon intra-muros",
        tolerance_t3=False,
    )
    make_hint(skill=challenge.skill, publish=True, text="Pensez au Rhône.")
    tutorial = Tutorial(
        title="Les villes de France",
        link="https://fr.wikipedia.org/wiki/Lyon",
        source="Wikipédia",
        duration=datetime.timedelta(minutes=3),
    )
    tutorial.skill_links = [TutorialSkill(skill=challenge.skill, kind="remediation")]
    tutorial.save()
    tutorial.save_revision().publish()
    return challenge


def _page(client, challenge) -> str:
    return client.get(reverse("review:item", args=[challenge.pk])).content.decode()


def test_the_page_shows_skill_level_hint_and_tutorials(client, challenge):
    client.force_login(make_user(group="Reviewers"))

    page = _page(client, challenge)

    skill = challenge.skill
    assert f"<strong>{skill.name}</strong> — niveau {skill.level}" in page
    assert "Pensez au Rhône." in page
    assert "Les villes de France" in page


def test_the_solution_and_tolerances_show_after_the_reviewers_own_try(
    client, challenge
):
    """Judge the challenge as a learner first, then see what it accepts."""
    client.force_login(make_user(group="Reviewers"))

    before = _page(client, challenge)
    client.post(reverse("review:try", args=[challenge.pk]), {"answer-ville": "Lyon"})
    after = _page(client, challenge)

    assert "lyon intra-muros" not in before
    assert "affichent après votre essai de cette version" in before
    assert "Lyon\nlyon intra-muros" in after
    assert "T1 : casse, accents, espaces ; T2 : ponctuation" in after
    assert "T3" not in after.split("review-solution")[1].split("</section>")[0]


def test_another_reviewers_try_does_not_show_the_solution(client, challenge):
    other = make_user(group="Reviewers")
    client.force_login(other)
    client.post(reverse("review:try", args=[challenge.pk]), {"answer-ville": "Lyon"})
    client.force_login(make_user(group="Reviewers"))

    assert "lyon intra-muros" not in _page(client, challenge)


def test_a_second_vote_is_prefilled_and_keeps_the_first_comment(client, challenge):
    reviewer = make_user(group="Reviewers")
    vote(challenge, "changes", "La consigne est ambiguë.", user=reviewer)
    client.force_login(reviewer)

    page = _page(client, challenge)
    decision = re.search(
        r'<input type="radio" name="decision" value="(\w+)"[^>]*checked', page
    )
    assert decision.group(1) == "changes"
    assert ">La consigne est ambiguë.</textarea>" in page
    assert "Remplacer mon vote" in page

    client.post(
        reverse("review:vote", args=[challenge.pk]),
        {"decision": "approve", **SCORES, "comment": ""},
    )
    assert Vote.objects.get().comment == "La consigne est ambiguë."

    client.post(
        reverse("review:vote", args=[challenge.pk]),
        {"decision": "approve", **SCORES, "comment": "Corrigé, merci."},
    )
    assert Vote.objects.get().comment == "Corrigé, merci."
    [kept] = ReviewComment.objects.all()
    assert kept.author == reviewer
    assert kept.text.startswith("Commentaire de mon vote précédent (Approuver, ")
    assert kept.text.endswith(" : La consigne est ambiguë.")


def test_the_vote_form_labels_its_fields_and_groups_the_radios(client, challenge):
    client.force_login(make_user(group="Reviewers"))

    page = _page(client, challenge)

    assert '<fieldset class="review-decision">' in page
    assert "<legend>Votre décision</legend>" in page
    for name in ("accuracy", "clarity", "level_fit", "accessibility", "comment"):
        assert f'<label for="id_{name}">' in page
    assert "review/review.css" in page


def _inspect(client, challenge) -> str:
    url = f"/admin/snippets/authoring/challenge/inspect/{challenge.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


HIDDEN = "Masqué jusqu&#x27;à votre essai de cette version (page de relecture)."


def test_the_inspect_view_hides_the_solution_until_the_reviewers_own_try(
    client, challenge
):
    """The admin's inspect page is no way around blind beta tries: solution
    and the three tolerances are masked, then shown after the try."""
    client.force_login(make_user(group="Reviewers"))

    before = _inspect(client, challenge)
    client.post(reverse("review:try", args=[challenge.pk]), {"answer-ville": "Lyon"})
    after = _inspect(client, challenge)

    assert "lyon intra-muros" not in before
    assert before.count(HIDDEN) == 4  # solution, T1, T2, T3
    assert "lyon intra-muros" in after
    assert HIDDEN not in after


def test_authors_validators_and_administrators_see_the_solution_at_once(
    client, challenge
):
    """The challenge's author (who saved it), a validator, an administrator:
    on the inspect page and the review page, without trying."""
    author = challenge.revisions.first().user
    readers = [
        author,
        make_user(group="Validators"),
        make_user(username="root", is_superuser=True, is_staff=True),
    ]

    seen = []
    for reader in readers:
        client.force_login(reader)
        seen.append(
            (
                "lyon intra-muros" in _inspect(client, challenge),
                "Lyon\nlyon intra-muros" in _page(client, challenge),
            )
        )

    assert seen == [(True, True)] * 3
