"""load_content never takes back what the workbench changed since the last pack."""

import io
import json

import pytest
from django.core.management import call_command

from authoring.actions.change_status import ChangeStatusAction
from authoring.content_pack import export_pack, import_pack, read_pack
from authoring.models import Challenge, Hint
from referential.models import Skill
from tests.authoring.test_content_pack import delete_content, make_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack(tmp_path):
    """A pack written by the exporter, then loaded into an emptied database."""
    make_content()
    export_pack(tmp_path / "pack")
    delete_content()
    _load(tmp_path / "pack")
    return tmp_path / "pack"


def _load(path, *options) -> str:
    out = io.StringIO()
    call_command("load_content", str(path), "--no-progress", *options, stdout=out)
    return out.getvalue()


def _rewrite(path, code: str, change) -> None:
    """Change the pack's competence file code with change(data)."""
    target = path / "competences" / f"{code}.json"
    data = json.loads(target.read_text())
    change(data)
    target.write_text(json.dumps(data))


def _community_work():
    """An approved hint, an edited skill, a rewritten and an archived challenge."""
    hint = Hint.objects.get()
    hint.text = "Indice approuvé par la communauté."
    hint.save_revision().publish()
    skill = hint.skill
    skill.description = "Description revue par la communauté"
    skill.save()
    rewritten, archived = Challenge.objects.filter(live=True).order_by("pk")[:2]
    rewritten.instruction = "Consigne réécrite par la communauté."
    rewritten.save_revision().publish()
    ChangeStatusAction(archived, status="archived", message="Doublon").execute(
        trusted=True
    )
    return hint, skill, rewritten, archived


def test_loading_the_pack_again_keeps_the_community_work_and_says_so(pack):
    """Each kept item is named with the reason; nothing of it is overwritten."""
    hint, skill, rewritten, archived = _community_work()

    output = _load(pack)

    hint.refresh_from_db()
    skill.refresh_from_db()
    rewritten.refresh_from_db()
    archived.refresh_from_db()
    assert hint.text == "Indice approuvé par la communauté."
    assert skill.description == "Description revue par la communauté"
    assert rewritten.instruction == "Consigne réécrite par la communauté."
    assert archived.status == "archived"
    assert "4 élément(s) plus récent(s) dans l'atelier, conservé(s)" in output
    assert f"indices {hint.uid} : modifié dans l'atelier" in output
    assert f"acquis {skill.uid} : modifié dans l'atelier" in output
    assert f"épreuves {rewritten.uid} : modifié dans l'atelier" in output
    assert (
        f"épreuves {archived.uid} : modifié dans l'atelier depuis le dernier "
        "paquet ; statut « Archivé » ramené à « Validé »"
    ) in output


def test_force_overwrites_and_lists_what_it_overwrote(pack):
    """--force puts the pack's version back and names every item it replaced."""
    hint, skill, rewritten, archived = _community_work()

    output = _load(pack, "--force")

    hint.refresh_from_db()
    skill.refresh_from_db()
    rewritten.refresh_from_db()
    archived.refresh_from_db()
    assert hint.text == "Pensez aux guillemets."
    assert rewritten.instruction != "Consigne réécrite par la communauté."
    assert skill.description == "Savoir filtrer"
    assert archived.status == "validated"
    assert "4 élément(s) plus récent(s) écrasé(s) par le paquet :" in output
    assert f"épreuves {archived.uid} :" in output
    # Overwritten once, the items follow the pack again without --force.
    assert "conservé" not in _load(pack)


def test_a_newer_pack_updates_what_nobody_changed_here(pack):
    """Items untouched since the last pack take the new pack's version."""
    _rewrite(pack, "4.1", lambda d: d["challenges"][0].update(instruction="V2"))
    uid = json.loads((pack / "competences" / "4.1.json").read_text())["challenges"][0][
        "id"
    ]

    output = _load(pack)

    assert Challenge.objects.get(uid=uid).instruction == "V2"
    assert "épreuves : 0 créé(s), 1 mis à jour, 2 inchangé(s)" in output
    assert "conservé" not in output


def test_an_older_pack_loaded_again_does_not_undo_a_newer_one(pack, tmp_path):
    """The demo pack loaded after a newer pack leaves the newer text in place."""
    newer = tmp_path / "newer"
    export_pack(newer)
    _rewrite(newer, "4.1", lambda d: d["challenges"][0].update(instruction="V2"))
    _load(newer)
    uid = json.loads((newer / "competences" / "4.1.json").read_text())["challenges"][0][
        "id"
    ]

    output = _load(pack)

    assert Challenge.objects.get(uid=uid).instruction == "V2"
    assert f"épreuves {uid} : le paquet en contient un état plus ancien" in output


def test_a_pack_never_moves_a_status_back(pack, tmp_path):
    """A withdrawn item stays withdrawn, even when only the pack changed it."""
    archived_pack = tmp_path / "archived"
    export_pack(archived_pack)

    def archive(data):
        data["challenges"][0].update(status="archived")

    _rewrite(archived_pack, "4.1", archive)
    _load(archived_pack)

    def revive(data):
        data["challenges"][0].update(status="validated", instruction="Autre")

    _rewrite(archived_pack, "4.1", revive)
    output = _load(archived_pack)

    assert "statut « Archivé » ramené à « Validé »" in output
    assert "modifié dans l'atelier" not in output
    assert not Challenge.objects.filter(instruction="Autre").exists()


def test_an_item_in_review_is_kept(pack):
    """A newer pack does not replace a challenge under its reviewers."""
    from tests.factories import make_user

    uid = json.loads((pack / "competences" / "4.1.json").read_text())["challenges"][0][
        "id"
    ]
    challenge = Challenge.objects.get(uid=uid)
    before = challenge.instruction
    challenge.instruction = "En relecture"
    challenge.save_revision()
    challenge.get_workflow().start(challenge, make_user(group="Authors"))
    _rewrite(pack, "4.1", lambda d: d["challenges"][0].update(instruction="V2"))

    output = _load(pack)

    challenge.refresh_from_db()
    assert challenge.instruction == before
    assert challenge.workflow_in_progress
    assert f"épreuves {uid} : modifié dans l'atelier" in output
    assert "en cours de relecture" in output


def test_the_admin_upload_reports_what_it_kept(pack):
    """An import by a user keeps the same items and says which in its report."""
    _hint, skill, *_rest = _community_work()
    imported, problems = read_pack(pack)

    report = import_pack(imported, trusted=True)

    assert problems == []
    assert len(report.kept) == 4
    assert Skill.objects.get(pk=skill.pk).description.endswith("communauté")
