"""Drafts, revisions, workflow and statuses, through the admin with the test client."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, WorkflowState

from authoring.actions.change_status import ChangeStatusAction, ChangeStatusError
from authoring.enums import ContentStatus
from authoring.models import Challenge
from authoring.publication import WORKFLOW, publishing_through
from tests.factories import make_challenge, make_skill, pass_community_review

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(Challenge.snippet_viewset.get_url_name(name), args=args)


def form_data(skill, **overrides):
    data = {
        "skill": skill.pk,
        "type": "QROC",
        "instruction": "Quel protocole chiffre les échanges avec un site web ?",
        "alternative_instruction": "",
        "proposals": "${reponse}",
        "solution": "HTTPS\nhttps",
        "answer_format": "short",
        "tolerance_t1": "on",
        "tolerance_t2": "on",
        "locales": ["fr-fr"],
        "pedagogy": "knowledge",
        "accessibility_blind": "RAS",
        "accessibility_colour_blind": "RAS",
    }
    data.update(overrides)
    return data


def test_an_author_saves_a_draft_then_a_second_revision(client, author):
    """Saving creates a proposed, non-live challenge with one revision per save."""
    skill = make_skill()
    client.force_login(author)

    client.post(url("add"), form_data(skill))
    challenge = Challenge.objects.get()
    client.post(url("edit", challenge.pk), form_data(skill, solution="HTTPS\nTLS"))

    challenge.refresh_from_db()
    assert (challenge.live, challenge.status) == (False, ContentStatus.PROPOSED)
    assert challenge.revisions.count() == 2
    assert challenge.latest_revision.content["solution"] == "HTTPS\nTLS"


def test_saving_an_invalid_challenge_shows_the_error_and_saves_nothing(client, author):
    """Field errors come back in French and no challenge or revision is created."""
    client.force_login(author)

    response = client.post(
        url("add"),
        form_data(make_skill(), type="QCU", proposals="- A\n- B", solution="oui"),
    )

    assert (
        "La solution d&#x27;un QCU est le numéro d&#x27;une option, par exemple 2."
        in (response.content.decode())
    )
    assert Challenge.objects.count() == 0


def test_an_author_cannot_publish(client, author):
    """Authors submit for validation; the publish action is refused, nothing saved."""
    client.force_login(author)

    response = client.post(
        url("add"), {**form_data(make_skill()), "action-publish": "1"}
    )

    assert "Publication directe refusée" in response.content.decode()
    assert not Challenge.objects.exists()


def test_submitting_then_approval_by_a_validator_validates(client, author, validator):
    """Submitted content is reviewed by the community, then the validator publishes."""
    client.force_login(author)
    client.post(url("add"), {**form_data(make_skill()), "action-submit": "1"})
    challenge = Challenge.objects.get()
    state = WorkflowState.objects.get()
    assert state.current_task_state.task.name == "Revue communautaire"
    assert pass_community_review(challenge) == "approved"
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Validation finale"

    client.force_login(validator)
    response = client.post(
        url("workflow_action", challenge.pk, "approve", state.current_task_state.pk),
        {"comment": "Clair et juste."},
    )

    assert response.status_code in (200, 302)
    challenge.refresh_from_db()
    assert (challenge.live, challenge.status) == (True, ContentStatus.VALIDATED)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_a_reviewer_cannot_approve(client, author, reviewer):
    """Only the Validators group moderates the final Validation task."""
    client.force_login(author)
    client.post(url("add"), {**form_data(make_skill()), "action-submit": "1"})
    challenge = Challenge.objects.get()
    pass_community_review(challenge)
    task_state = WorkflowState.objects.get().current_task_state

    client.force_login(reviewer)
    client.post(url("workflow_action", challenge.pk, "approve", task_state.pk))

    challenge.refresh_from_db()
    assert challenge.status == ContentStatus.PROPOSED


def test_editing_a_validated_challenge_keeps_the_live_version(author):
    """A new draft does not change what is live nor the validated status."""
    challenge = make_challenge(publish=True, type="QROC")
    challenge.solution = "Lyon"
    challenge.save_revision(user=author)

    live = Challenge.objects.get(pk=challenge.pk)
    assert (live.solution, live.status) == ("Paris\nparis intra-muros", "validated")
    assert live.has_unpublished_changes


def test_reverting_to_an_old_revision_keeps_the_status():
    """The status is lifecycle state: restoring an old draft never un-archives."""
    challenge = make_challenge(publish=True)
    first_revision = challenge.latest_revision
    ChangeStatusAction(challenge, status="archived", message="Doublon").execute(
        trusted=True
    )

    restored = Challenge.objects.get(pk=challenge.pk).with_content_json(
        first_revision.content
    )

    assert restored.status == ContentStatus.ARCHIVED


def test_scheduled_publishing_validates_only_when_the_date_comes(validator):
    """An approved challenge with a future go-live date stays proposed until then."""
    challenge = make_challenge()
    challenge.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = challenge.save_revision(user=validator)
    with publishing_through(WORKFLOW):  # as the last approval publishes
        revision.publish(user=validator)
    challenge.refresh_from_db()
    assert (challenge.live, challenge.status) == (False, ContentStatus.PROPOSED)

    challenge.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    with publishing_through(WORKFLOW):
        challenge.save_revision(user=validator).publish(user=validator)

    challenge.refresh_from_db()
    assert (challenge.live, challenge.status) == (True, ContentStatus.VALIDATED)


def test_archiving_needs_a_message_and_logs_it(client, validator):
    """Archiving from the admin asks for a changelog message, kept in the history."""
    challenge = make_challenge(publish=True)
    client.force_login(validator)

    refused = client.post(
        url("change_status", challenge.pk, "archived"), {"message": " "}
    )
    client.post(url("change_status", challenge.pk, "archived"), {"message": "Obsolète"})

    assert "Le message du journal est obligatoire." in refused.content.decode()
    challenge.refresh_from_db()
    assert challenge.status == ContentStatus.ARCHIVED
    entry = ModelLogEntry.objects.get(action="authoring.archived")
    assert (entry.data, entry.user) == ({"message": "Obsolète"}, validator)


def test_an_author_cannot_archive(client, author):
    """Archiving and marking obsolete are validator actions."""
    challenge = make_challenge(publish=True)
    client.force_login(author)

    response = client.post(
        url("change_status", challenge.pk, "obsolete"), {"message": "Je veux"}
    )

    assert response.status_code == 302  # Wagtail turns the denial into a redirect
    challenge.refresh_from_db()
    assert challenge.status == ContentStatus.VALIDATED


def test_an_action_without_message_is_refused():
    """The action itself refuses a blank message, whatever the caller."""
    challenge = make_challenge(publish=True)

    with pytest.raises(ChangeStatusError):
        ChangeStatusAction(challenge, status="obsolete", message="").execute(
            trusted=True
        )


def test_validating_a_new_prototype_archives_the_old_one_and_its_declinaisons():
    """DOMAIN.md §2: the previous prototype of the skill goes with its déclinaisons."""
    old = make_challenge(publish=True)
    old_declinaison = make_challenge(
        publish=True, prototype=old, skill=old.skill, declinaison_number=1
    )
    other_skill = make_challenge(publish=True)

    new = make_challenge(publish=True, skill=old.skill)

    statuses = dict(Challenge.objects.values_list("pk", "status"))
    assert statuses == {
        old.pk: "archived",
        old_declinaison.pk: "archived",
        other_skill.pk: "validated",
        new.pk: "validated",
    }


def test_validating_a_declinaison_archives_nothing():
    """A new déclinaison joins its prototype; nothing is replaced."""
    prototype = make_challenge(publish=True)

    make_challenge(publish=True, prototype=prototype, skill=prototype.skill)

    assert set(Challenge.objects.values_list("status", flat=True)) == {"validated"}


def test_french_typography_is_fixed_on_save_with_a_note(client, author):
    """A plain space before ? becomes a narrow no-break space; the author is told."""
    client.force_login(author)

    response = client.post(
        url("add"),
        form_data(make_skill(), instruction="Quel protocole chiffre le web ?"),
        follow=True,
    )

    assert Challenge.objects.get().instruction == "Quel protocole chiffre le web\u202f?"
    assert "1 espace insécable a été ajoutée" in response.content.decode()
