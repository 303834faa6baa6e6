"""Releases: snapshot, diff, publish, rollback, and the runtime's index."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from authoring.actions.change_status import ChangeStatusAction
from authoring.releases.services import ReleaseError, release_publish
from authoring.releases.snapshot import build_snapshot
from runtime.domain.release_contract import checksum
from runtime.models import Release
from runtime.release_index import current_release_index, release_index
from tests.factories import make_challenge, make_hint, make_skill

pytestmark = pytest.mark.django_db


def test_a_snapshot_holds_only_validated_live_content_of_active_skills():
    """Proposed challenges, archived ones and inactive skills stay out."""
    skill = make_skill(level=2)
    served = make_challenge(skill=skill, publish=True)
    make_challenge(skill=skill)
    archived = make_challenge(skill=skill, publish=True, prototype=served)
    ChangeStatusAction(archived, status="archived", message="x").execute(trusted=True)
    make_challenge(skill=make_skill(status="draft"), publish=True)
    make_hint(skill=skill, publish=True)

    snapshot = build_snapshot()

    assert [c.id for c in snapshot.challenges] == [served.uid]
    assert snapshot.challenges[0].spec == served.to_check_spec()
    assert [s.id for s in snapshot.skills] == [skill.uid]
    assert snapshot.skills[0].pix == 4.0
    assert snapshot.hints == {skill.uid: "Pensez aux guillemets."}


def test_publishing_numbers_releases_and_keeps_one_current(validator):
    """Each release gets the next number, a checksum and becomes current."""
    make_challenge(publish=True)
    first = release_publish(user=validator, confirmed=True)
    make_challenge(publish=True)

    second = release_publish(user=validator, notes="Nouveautés", confirmed=True)

    first.refresh_from_db()
    assert (first.number, first.is_current) == (1, False)
    assert (second.number, second.is_current) == (2, True)
    assert second.checksum == checksum(second.content)
    assert second.summary["added"] == 1


def test_nothing_to_publish_is_refused_with_a_reason(validator):
    """An unchanged snapshot is not published twice; an empty one never."""
    with pytest.raises(ReleaseError, match="Aucune épreuve validée"):
        release_publish(user=validator, confirmed=True)
    make_challenge(publish=True)
    release_publish(user=validator, confirmed=True)

    with pytest.raises(ReleaseError, match="Rien n'a changé"):
        release_publish(user=validator, confirmed=True)


def test_the_admin_shows_the_diff_and_publishes(client, validator):
    """The validator sees added and changed challenges per competence and level."""
    old = make_challenge(publish=True, skill=make_skill(level=3, competence_code="2.1"))
    release_publish(user=validator, confirmed=True)
    old.instruction = "Nouvelle consigne"
    old.save_revision().publish()
    make_challenge(publish=True, skill=make_skill(level=5, competence_code="4.2"))
    client.force_login(validator)

    page = client.get(reverse("releases:index"))
    client.post(reverse("releases:publish"), {"notes": "v2", "confirmed": "1"})

    assert page.context["rows"] == [
        {"competence": "2.1", "level": 3, "changed": 1},
        {"competence": "4.2", "level": 5, "added": 1},
    ]
    assert Release.objects.get(is_current=True).notes == "v2"


def test_a_previous_release_can_be_made_current_again(client, validator):
    """Rollback: new assessments are served the chosen release."""
    make_challenge(publish=True)
    first = release_publish(user=validator, confirmed=True)
    make_challenge(publish=True)
    release_publish(user=validator, confirmed=True)
    client.force_login(validator)

    client.post(reverse("releases:activate", args=[first.pk]))

    assert Release.objects.get(is_current=True) == first
    assert current_release_index().release_id == first.pk


def test_authors_cannot_publish_releases(client, author):
    """Publishing is for validators and administrators."""
    make_challenge(publish=True)
    client.force_login(author)

    client.post(reverse("releases:publish"))

    assert Release.objects.count() == 0


def test_the_index_looks_up_by_skill_competence_and_locale(validator):
    """The runtime's index groups a release by skill, tube and competence."""
    skill = make_skill(level=2, competence_code="3.4")
    english = make_challenge(skill=skill, publish=True, locales=["en"])
    french = make_challenge(skill=skill, publish=True, prototype=english)
    release = release_publish(user=validator, confirmed=True)

    index = release_index(release.pk)

    assert index.skills_by_competence == {"3.4": [skill.uid]}
    assert [c.id for c in index.challenges_for(skill.uid, "fr-fr")] == [
        french.uid,
        english.uid,
    ]
    assert index.competence_of_skill(skill.uid) == "3.4"
    assert release_index(release.pk) is index


def test_the_command_publishes_and_reports(capsys):
    """manage.py publish_release prints the diff and the new release."""
    make_challenge(publish=True)

    call_command("publish_release", "--notes", "Première")

    assert "Release 1 publiée" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Rien n'a changé"):
        call_command("publish_release")
