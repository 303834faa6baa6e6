"""Content goes live through the workflow; only administrators skip it, with a reason.

Issue #13, item 3: a validator's "Publier" on the edit form validated a
challenge at once, without the community review.
"""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, WorkflowState

from authoring.actions.publish_without_review import (
    PublishWithoutReviewAction,
    PublishWithoutReviewError,
)
from authoring.enums import ContentStatus
from authoring.models import Challenge, Hint
from authoring.models.lifecycle import DirectPublishRefused
from tests.factories import (
    make_challenge,
    make_hint,
    make_skill,
    make_user,
    pass_community_review,
)

from .test_lifecycle import form_data

pytestmark = pytest.mark.django_db

REFUSAL = "Publication directe refusée"
ROLES = {
    "author": "Authors",
    "reviewer": "Reviewers",
    "validator": "Validators",
    "referential_editor": "Referential editors",
    "administrator": "Administrators",
}
# Who may open the edit form (and so is told why the publish is refused).
EDITORS = {"author", "validator", "administrator"}


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def live_and_status(item) -> tuple[bool, str]:
    """Return whether a revision of the item was ever published, and its status."""
    item = type(item).objects.get(pk=item.pk)
    return item.live_revision_id is not None, item.status


@pytest.mark.parametrize("role", ROLES)
def test_the_edit_form_never_publishes(client, role):
    """A POST with action-publish leaves the challenge a draft, for every role."""
    challenge = make_challenge(type="QROC")
    revisions = challenge.revisions.count()
    client.force_login(make_user(group=ROLES[role]))

    response = client.post(
        url(Challenge, "edit", challenge.pk),
        {**form_data(challenge.skill), "action-publish": "1"},
        follow=True,
    )

    assert live_and_status(challenge) == (False, ContentStatus.PROPOSED)
    assert challenge.revisions.count() == revisions
    assert (REFUSAL in response.content.decode()) is (role in EDITORS)


def test_the_create_form_does_not_publish_for_a_validator(client, validator):
    """Creating with "publish" saves nothing and says what to do instead."""
    client.force_login(validator)

    response = client.post(
        url(Challenge, "add"), {**form_data(make_skill()), "action-publish": "1"}
    )

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert "soumettez-le à la revue communautaire" in response.content.decode()
    assert Challenge.objects.count() == 0


def test_a_validator_cannot_publish_a_hint_either(client, validator):
    """Hints and tutorials share the workflow and the refusal."""
    hint = make_hint()
    client.force_login(validator)

    response = client.post(
        url(Hint, "edit", hint.pk),
        {"skill": hint.skill.pk, "text": "Autre indice", "action-publish": "1"},
    )

    assert REFUSAL in response.content.decode()
    assert live_and_status(hint) == (False, ContentStatus.PROPOSED)


def test_reverting_to_a_revision_does_not_publish_it(client, validator):
    """ "Publier cette version" from the history is the same refused action."""
    challenge = make_challenge(type="QROC")
    client.force_login(validator)

    client.post(
        url(Challenge, "revisions_revert", challenge.pk, challenge.latest_revision_id),
        {**form_data(challenge.skill), "action-publish": "1"},
    )

    assert live_and_status(challenge) == (False, ContentStatus.PROPOSED)


def test_copying_does_not_publish_the_copy(client, validator):
    """The copy form posts to the same refused create action."""
    challenge = make_challenge(type="QROC")
    client.force_login(validator)

    client.post(
        url(Challenge, "copy", challenge.pk),
        {**form_data(challenge.skill), "action-publish": "1"},
    )

    assert [live_and_status(item) for item in Challenge.objects.all()] == [
        (False, ContentStatus.PROPOSED)
    ]


def test_the_edit_form_offers_no_publish_button(client, validator):
    """Validators see no "Publier" nor the administrators' action."""
    challenge = make_challenge()
    client.force_login(validator)

    page = client.get(url(Challenge, "edit", challenge.pk)).content.decode()

    assert 'name="action-publish"' not in page
    assert "Publier sans revue" not in page
    assert "Enregistrer le brouillon" in page


def test_administrators_are_offered_publish_without_review(client):
    """The administrators' menu has the reasoned action instead of "Publier"."""
    challenge = make_challenge()
    client.force_login(make_user(group="Administrators"))

    page = client.get(url(Challenge, "edit", challenge.pk)).content.decode()

    assert 'name="action-publish"' not in page
    assert "Publier sans revue…" in page
    assert url(Challenge, "publish_without_review", challenge.pk) in page


def test_the_model_refuses_a_publish_by_a_user_outside_the_workflow(validator):
    """Code that forgets the views' rule still cannot publish for a user."""
    challenge = make_challenge()

    with pytest.raises(DirectPublishRefused):
        challenge.latest_revision.publish(user=validator)

    assert live_and_status(challenge) == (False, ContentStatus.PROPOSED)


def test_the_workflow_still_validates_through_the_edit_form(client, author, validator):
    """The last approval ("Approuver et publier" on the form) publishes."""
    challenge = make_challenge(type="QROC", user=author)
    challenge.get_workflow().start(challenge, author)
    assert pass_community_review(challenge) == "approved"
    client.force_login(validator)

    response = client.post(
        url(Challenge, "edit", challenge.pk),
        {
            **form_data(challenge.skill),
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
        },
        follow=True,
    )

    assert "approuvé(e) et validé(e)" in response.content.decode()
    assert live_and_status(challenge) == (True, ContentStatus.VALIDATED)
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED


@pytest.mark.parametrize("role", ["author", "reviewer", "validator"])
def test_only_administrators_may_publish_without_review(client, role):
    """The reasoned action is refused to the other roles, and publishes nothing."""
    challenge = make_challenge()
    client.force_login(make_user(group=ROLES[role]))
    target = url(Challenge, "publish_without_review", challenge.pk)

    shown = client.get(target)
    posted = client.post(target, {"reason": "Urgent"})

    assert (shown.status_code, posted.status_code) == (302, 302)
    assert live_and_status(challenge) == (False, ContentStatus.PROPOSED)
    assert not ModelLogEntry.objects.filter(
        action="authoring.publish_without_review"
    ).exists()


def test_an_administrator_must_give_a_reason(client):
    """A blank reason is refused in French and nothing goes live."""
    challenge = make_challenge()
    client.force_login(make_user(group="Administrators"))
    target = url(Challenge, "publish_without_review", challenge.pk)

    page = client.get(target).content.decode()
    response = client.post(target, {"reason": "  "})

    assert "Motif de la publication sans revue" in page
    assert "Le motif est obligatoire." in response.content.decode()
    assert live_and_status(challenge) == (False, ContentStatus.PROPOSED)


def test_an_administrator_publishes_with_a_reason_kept_in_the_history(client):
    """The item is validated and its history says who skipped the review, and why."""
    challenge = make_challenge()
    challenge.get_workflow().start(challenge, make_user(group="Authors"))
    administrator = make_user(group="Administrators")
    client.force_login(administrator)

    response = client.post(
        url(Challenge, "publish_without_review", challenge.pk),
        {"reason": "Correction urgente d'une coquille"},
        follow=True,
    )

    assert "publié(e) sans revue" in response.content.decode()
    assert live_and_status(challenge) == (True, ContentStatus.VALIDATED)
    entry = ModelLogEntry.objects.get(action="authoring.publish_without_review")
    assert (entry.user, entry.data) == (
        administrator,
        {"message": "Correction urgente d'une coquille"},
    )
    # Publishing ends the review that was running.
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_CANCELLED
    history = client.get(url(Challenge, "history", challenge.pk)).content.decode()
    assert "Publication sans revue" in history
    assert "Correction urgente d&#x27;une coquille" in history


def test_publishing_without_review_keeps_the_blocking_checks():
    """Skipping the review does not skip what the final validation refuses."""
    challenge = make_challenge(type="QCU")
    Challenge.objects.filter(pk=challenge.pk).update(solution="9")
    challenge.refresh_from_db()
    challenge.save_revision(clean=False)  # a draft is saved unchecked
    action = PublishWithoutReviewAction(
        challenge, reason="Urgent", user=make_user(group="Administrators")
    )

    with pytest.raises(PublishWithoutReviewError, match="vérification bloquante"):
        action.execute()

    assert live_and_status(challenge) == (False, ContentStatus.PROPOSED)
