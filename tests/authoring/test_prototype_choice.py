"""New prototype version or déclinaison: an explicit choice, told before it acts."""

import re

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from authoring.enums import ContentStatus
from authoring.models import Challenge
from tests.authoring.test_lifecycle import form_data, url
from tests.factories import make_challenge, make_user, pass_community_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def skill_in_use():
    """A skill with a validated prototype and one déclinaison."""
    prototype = make_challenge(publish=True, instruction="Prototype en service ?")
    declinaison = make_challenge(
        publish=True,
        skill=prototype.skill,
        prototype=prototype,
        declinaison_number=1,
        instruction="Déclinaison en service ?",
    )
    return prototype, declinaison


def _submit(client, author, skill, **fields) -> Challenge:
    client.force_login(author)
    client.post(url("add"), {**form_data(skill), "action-submit": "1", **fields})
    return Challenge.objects.order_by("-pk").first()


def test_a_new_challenge_is_by_default_a_declinaison_of_the_current_prototype(
    client, author, skill_in_use
):
    """With the default choice, nothing can be archived by accident."""
    prototype, _declinaison = skill_in_use

    new = _submit(client, author, prototype.skill, genealogy="declinaison")

    assert (new.prototype, new.declinaison_number) == (prototype, 2)
    page = client.get(url("add")).content.decode()
    checked = re.findall(
        r'<input type="radio" name="genealogy" value="(\w+)"[^>]* checked', page
    )
    assert checked == ["declinaison"]


def test_the_first_challenge_of_a_skill_becomes_its_prototype(client, author):
    """No prototype to attach to: the default choice makes the first prototype."""
    from tests.factories import make_skill

    new = _submit(client, author, make_skill(), genealogy="declinaison")

    assert (new.prototype_id, new.declinaison_number) == (None, None)


def test_a_new_version_warns_on_submission_and_approval_then_archives_with_history(
    client, author, validator, skill_in_use
):
    """The edit page lists what validation archives; approval says so; history tells."""
    prototype, declinaison = skill_in_use
    new = _submit(client, author, prototype.skill, genealogy="prototype")
    assert new.prototype_id is None

    page = client.get(url("edit", new.pk)).content.decode()
    assert "cette nouvelle version du prototype archivera 2 épreuves validées" in page
    assert url("edit", prototype.pk) in page
    assert url("edit", declinaison.pk) in page

    pass_community_review(new)
    client.force_login(validator)
    page = client.get(url("edit", new.pk)).content.decode()
    assert "Approuver — archive 2 épreuve(s) validée(s)" in page
    task_state = WorkflowState.objects.get(object_id=str(new.pk)).current_task_state
    client.post(
        url("workflow_action", new.pk, "approve", task_state.pk), {"comment": "OK"}
    )

    statuses = dict(Challenge.objects.values_list("pk", "status"))
    assert statuses[new.pk] == ContentStatus.VALIDATED
    assert statuses[prototype.pk] == statuses[declinaison.pk] == "archived"
    history = client.get(url("history", declinaison.pk)).content.decode()
    assert "Archivage" in history
    assert "Remplacé par la nouvelle version du prototype" in history
    assert new.uid in history


def test_a_declinaison_shows_no_warning(client, author, skill_in_use):
    prototype, _declinaison = skill_in_use
    new = _submit(client, author, prototype.skill, genealogy="declinaison")

    page = client.get(url("edit", new.pk)).content.decode()

    assert "archivera" not in page


def test_the_release_page_lists_added_changed_and_removed_challenges_with_links(
    client, skill_in_use
):
    """Before publishing, a validator sees which challenges come and go."""
    from authoring.releases.services import release_publish

    prototype, declinaison = skill_in_use
    release_publish(trusted=True)
    declinaison.instruction = "Déclinaison revue ?"
    declinaison.save_revision().publish()
    added = make_challenge(publish=True, instruction="Toute nouvelle épreuve ?")
    from authoring.actions.change_status import ChangeStatusAction

    ChangeStatusAction(prototype, status="archived", message="Remplacée").execute(
        trusted=True
    )
    client.force_login(make_user(group="Validators"))

    page = client.get(reverse("releases:index")).content.decode()

    for kind, item in (("added", added), ("removed", prototype)):
        section = page.split(f"release-diff-{kind}")[1].split("</details>")[0]
        assert url("edit", item.pk) in section
    # The déclinaison was archived with its prototype: it is removed, not changed.
    removed = page.split("release-diff-removed")[1].split("</details>")[0]
    assert url("edit", declinaison.pk) in removed
