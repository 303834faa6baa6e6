"""The edit page's "Vérifications" tab, and checks that block tutorials too."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from tests.factories import (
    make_challenge,
    make_skill,
    make_tutorial,
    pass_community_review,
)

pytestmark = pytest.mark.django_db


def edit_page(client, obj) -> str:
    url = reverse(
        f"wagtailsnippets_authoring_{obj._meta.model_name}:edit", args=[obj.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_edit_page_says_what_blocks_approval(client, author):
    """A failing blocking check, a note, and what passed, before anyone submits."""
    challenge = make_challenge(
        user=author, type="QROCM-dep", solution="a: rouge\nb: rouge"
    )
    client.force_login(author)

    page = edit_page(client, challenge)

    assert "Vérifications du contenu" in page
    blocking = page[page.index("content-checks-blocking") :]
    assert "seraient refusées par la correction" in blocking[: blocking.index("</ul>")]
    assert "vérifications réussies" in page


def test_a_clean_challenge_passes_every_check(client, author):
    """Clean includes a level worth 8 pix: a second active skill shares it."""
    skill = make_skill(level=2)
    make_skill(level=2)
    client.force_login(author)

    page = edit_page(client, make_challenge(user=author, skill=skill))

    assert "Toutes les vérifications passent." in page
    assert "content-checks-blocking" not in page


def test_the_tab_notes_a_level_worth_only_four_pix(client, author):
    """The only active skill of its level: a note for the author, no blocker."""
    client.force_login(author)

    page = edit_page(client, make_challenge(user=author, skill=make_skill(level=2)))

    assert "n&#x27;a qu&#x27;un seul acquis actif" in page
    assert "content-checks-blocking" not in page


def test_a_tutorial_over_http_cannot_be_approved(client, author, validator):
    """Its blocking check shows on the edit and review pages and withholds approval."""
    tutorial = make_tutorial(link="http://example.org/chiffrer", user=author)
    tutorial.get_workflow().start(tutorial, author)
    assert pass_community_review(tutorial) == "approved"
    state = WorkflowState.objects.get(object_id=str(tutorial.pk))
    task = state.current_task_state.task.specific
    client.force_login(validator)

    actions = [name for name, *_ in task.get_actions(tutorial, validator)]
    edit = edit_page(client, tutorial)
    review = client.get(reverse("review:other_item", args=["tutorial", tutorial.pk]))

    assert "approve" not in actions
    assert "Le lien du tutoriel doit être en https." in edit
    assert "Le lien du tutoriel doit être en https." in review.content.decode()


def test_a_refused_save_still_shows_the_page_with_its_checks(client, author):
    """Nothing saved; the page comes back with the errors and the checks tab."""
    challenge = make_challenge(user=author)
    client.force_login(author)
    url = reverse("wagtailsnippets_authoring_challenge:edit", args=[challenge.pk])

    response = client.post(url, {"type": "QCU", "instruction": ""})

    assert response.status_code == 200
    assert "Vérifications du contenu" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.instruction != ""
