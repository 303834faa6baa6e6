"""What the admin says after a submission, a decision, or a second hint."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import WorkflowState

from authoring.models import Challenge, Hint
from tests.authoring.test_lifecycle import form_data, url
from tests.factories import make_hint, make_skill, pass_community_review

pytestmark = pytest.mark.django_db


def _said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _submitted(client, author) -> Challenge:
    client.force_login(author)
    client.post(url("add"), {**form_data(make_skill()), "action-submit": "1"})
    return Challenge.objects.get()


def test_submitting_says_submitted_to_the_first_step(client, author):
    """Not Wagtail's « planifié(e) pour la publication »."""
    client.force_login(author)

    response = client.post(
        url("add"), {**form_data(make_skill()), "action-submit": "1"}
    )

    [said] = _said(response)
    assert "est soumis(e) à « Revue communautaire »" in said
    assert "planifié" not in said


def test_approving_in_the_dialog_says_approved_and_validated(client, author, validator):
    challenge = _submitted(client, author)
    pass_community_review(challenge)
    task_state = WorkflowState.objects.get().current_task_state
    client.force_login(validator)

    response = client.post(
        url("workflow_action", challenge.pk, "approve", task_state.pk),
        {"comment": ""},
    )

    assert any("est approuvé(e) et validé(e)" in said for said in _said(response))


def test_approving_from_the_edit_page_says_approved(client, author, validator):
    challenge = _submitted(client, author)
    pass_community_review(challenge)
    client.force_login(validator)

    response = client.post(
        url("edit", challenge.pk),
        {
            **form_data(challenge.skill),
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
        },
    )

    challenge.refresh_from_db()
    assert challenge.status == "validated"
    assert any("est approuvé(e) et validé(e)" in said for said in _said(response))


def test_requesting_changes_says_it_goes_back_to_the_author(client, author, validator):
    challenge = _submitted(client, author)
    pass_community_review(challenge)
    task_state = WorkflowState.objects.get().current_task_state
    client.force_login(validator)

    response = client.post(
        url("workflow_action", challenge.pk, "reject", task_state.pk),
        {"comment": "La solution est incomplète."},
    )

    assert any("Modifications demandées" in said for said in _said(response))


def test_a_second_hint_for_a_skill_links_to_the_existing_one(client, author):
    """Not the raw unique-constraint message: a link to the hint to edit."""
    hint = make_hint(publish=True)
    client.force_login(author)

    response = client.post(
        reverse("wagtailsnippets_authoring_hint:add"),
        {"skill": hint.skill.pk, "text": "Un autre indice."},
    )

    page = response.content.decode()
    edit = reverse("wagtailsnippets_authoring_hint:edit", args=[hint.pk])
    assert f'a déjà un indice : <a href="{edit}">modifiez l\'indice existant' in page
    assert "existe déjà" not in page
    assert Hint.objects.count() == 1
