"""Content packs: lossless round trip, idempotent import, all problems at once."""

import datetime
import json
import shutil
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from reversion.models import Version
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.search.backends import get_search_backend

from authoring.content_pack import export_pack, import_pack, read_pack
from authoring.models import Challenge, Hint, Tutorial, TutorialSkill
from authoring.validation import ALT_MISSING
from referential.models import Skill, Thematic, Tube
from tests.factories import make_challenge, make_hint, make_skill

pytestmark = pytest.mark.django_db


def make_content():
    """Build a little of everything: types, statuses, files, genealogy, tutorial."""
    skill = make_skill(level=2, competence_code="1.3", description="Savoir filtrer")
    other = make_skill(level=5, competence_code="4.1")
    document = Document.objects.create(
        title="ventes.csv", file=ContentFile(b"mois,total\njanvier,12\n", name="v.csv")
    )
    prototype = make_challenge(
        skill=skill, type="QROCM-dep", partial_min=1, partial_max=2
    )
    prototype.attachments = [document]
    prototype.save()
    prototype.save_revision().publish()
    make_challenge(
        skill=skill, prototype=prototype, declinaison_number=1, publish=True, timer=60
    )
    make_challenge(skill=other, type="QCM", tolerance_t3=False)
    make_hint(skill=skill, publish=True)
    tutorial = Tutorial(
        title="Filtrer un tableau",
        link="https://fr.wikipedia.org/wiki/Tableur",
        source="Wikipédia",
        duration=datetime.timedelta(minutes=4, seconds=30),
    )
    tutorial.skill_links = [TutorialSkill(skill=skill, kind="remediation")]
    tutorial.save()
    tutorial.save_revision().publish()


def delete_content():
    Challenge.objects.filter(prototype__isnull=False).delete()
    for model in (Challenge, Hint, Tutorial, Skill, Tube, Thematic, Document):
        model.objects.all().delete()


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_export_import_export_is_byte_identical(tmp_path):
    """Export, import into an empty database, export again: not a byte differs."""
    make_content()
    export_pack(tmp_path / "first")
    delete_content()

    pack, problems = read_pack(tmp_path / "first")
    import_pack(pack, trusted=True)
    export_pack(tmp_path / "second")

    assert problems == []
    assert snapshot(tmp_path / "second") == snapshot(tmp_path / "first")
    assert sorted(snapshot(tmp_path / "first")) == [
        "competences/1.3.json",
        "competences/4.1.json",
        "files/1.3/ventes.csv",
        "pack.json",
    ]


def test_reimporting_the_same_pack_changes_nothing(tmp_path):
    """A second import of the same pack creates no item, revision or version."""
    make_content()
    export_pack(tmp_path)
    revisions = sum(c.revisions.count() for c in Challenge.objects.all())
    versions = Version.objects.count()

    report = import_pack(read_pack(tmp_path)[0], trusted=True)

    assert not report.created
    assert not report.updated
    assert sum(c.revisions.count() for c in Challenge.objects.all()) == revisions
    assert Version.objects.count() == versions


def test_a_newer_pack_updates_through_a_new_revision(tmp_path):
    """A changed challenge gets a new revision; its history is kept."""
    make_content()
    export_pack(tmp_path)
    path = tmp_path / "competences" / "4.1.json"
    data = json.loads(path.read_text())
    data["challenges"][0]["instruction"] = "Nouvelle consigne"
    path.write_text(json.dumps(data))
    challenge = Challenge.objects.get(uid=data["challenges"][0]["id"])
    before = challenge.revisions.count()

    report = import_pack(read_pack(tmp_path)[0], trusted=True)

    challenge.refresh_from_db()
    assert challenge.instruction == "Nouvelle consigne"
    assert list(get_search_backend().search("Nouvelle", Challenge)) == [challenge]
    assert challenge.revisions.count() == before + 1
    assert sum(report.updated.values()) == 1


def test_every_problem_is_reported_with_its_location_and_nothing_imported(tmp_path):
    """Schema, reference and content problems are all listed; nothing is written."""
    make_content()
    export_pack(tmp_path)
    path = tmp_path / "competences" / "1.3.json"
    data = json.loads(path.read_text())
    prototype = next(c for c in data["challenges"] if c["prototype"] is None)
    declinaison = next(c for c in data["challenges"] if c["prototype"])
    prototype["solution"] = "a:\n- rouge"
    declinaison["skill"] = "skill-inconnu"
    data["tutorials"][0]["format"] = "hologramme"
    path.write_text(json.dumps(data))
    (tmp_path / "files" / "1.3" / "ventes.csv").unlink()
    delete_content()

    with pytest.raises(CommandError):
        call_command("load_content", str(tmp_path))
    schema_problems = read_pack(tmp_path)[1]
    data["tutorials"][0]["format"] = "video"
    path.write_text(json.dumps(data))
    rule_problems = read_pack(tmp_path)[1]

    assert [(p.item, p.field) for p in schema_problems] == [
        (data["tutorials"][0]["id"], "tutorials.0.format")
    ]
    assert sorted(
        (p.file, p.item, p.field, p.message) for p in rule_problems
    ) == sorted(
        [
            (
                "competences/1.3.json",
                prototype["id"],
                "attachments",
                "Fichier absent du paquet : files/1.3/ventes.csv.",
            ),
            (
                "competences/1.3.json",
                prototype["id"],
                "solution",
                "Aucune réponse acceptée pour le(s) champ(s) : b.",
            ),
            (
                "competences/1.3.json",
                declinaison["id"],
                "skill",
                "Acquis inconnu : skill-inconnu.",
            ),
            (
                "competences/1.3.json",
                declinaison["id"],
                "prototype",
                "Le prototype porte sur un autre acquis que cette épreuve.",
            ),
        ]
    )
    assert Challenge.objects.count() == 0


def test_load_content_reports_an_unreadable_pack(tmp_path):
    """A missing manifest is a clear error, not a traceback."""
    with pytest.raises(CommandError, match="1 problème"):
        call_command("load_content", str(tmp_path))


def test_export_content_command_writes_the_pack(tmp_path, capsys):
    """The command writes pack.json and says what it wrote."""
    make_content()

    call_command("export_content", str(tmp_path / "out"))

    assert json.loads((tmp_path / "out" / "pack.json").read_text())["version"] == 1
    assert "3 épreuve(s)" in capsys.readouterr().out


def test_a_pack_path_cannot_escape_the_pack(tmp_path):
    """An attachment path that climbs out of the pack folder is refused."""
    make_content()
    export_pack(tmp_path / "pack")
    shutil.copy(tmp_path / "pack" / "files" / "1.3" / "ventes.csv", tmp_path / "x.csv")
    path = tmp_path / "pack" / "competences" / "1.3.json"
    data = json.loads(path.read_text())
    data["challenges"][0]["attachments"] = ["files/../../x.csv"]
    path.write_text(json.dumps(data))

    problems = read_pack(tmp_path / "pack")[1]

    assert [p.field for p in problems] == ["challenges.0.attachments.0"]


def zipped(folder: Path) -> bytes:
    from authoring.content_pack.archives import build_archive

    return build_archive(folder).read_bytes()


def test_an_administrator_downloads_and_uploads_a_pack(client, tmp_path):
    """The admin exports a zip, and importing it back is a no-op with a report."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import make_user

    make_content()
    client.force_login(make_user(group="Administrators"))

    download = client.get("/admin/content-pack/export/")
    archive = b"".join(download.streaming_content)
    response = client.post(
        "/admin/content-pack/",
        {"archive": SimpleUploadedFile("pack.zip", archive)},
        follow=True,
    )

    assert download["Content-Disposition"].startswith('attachment; filename="paquet')
    assert "épreuves : 0 créé(s), 0 mis à jour, 3 inchangé(s)" in (
        response.content.decode()
    )


def test_an_uploaded_pack_with_problems_lists_them_and_imports_nothing(
    client, tmp_path
):
    """Problems are shown to the administrator; the database is left as it was."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import make_user

    make_content()
    export_pack(tmp_path)
    (tmp_path / "files" / "1.3" / "ventes.csv").unlink()
    delete_content()
    client.force_login(make_user(group="Administrators"))

    response = client.post(
        "/admin/content-pack/",
        {"archive": SimpleUploadedFile("pack.zip", zipped(tmp_path))},
    )

    assert "Fichier absent du paquet : files/1.3/ventes.csv." in (
        response.content.decode()
    )
    assert Challenge.objects.count() == 0


def test_authors_cannot_use_content_packs(client, author):
    """Import and export are for administrators only."""
    client.force_login(author)

    response = client.get("/admin/content-pack/export/")

    assert response.status_code == 302


def test_an_illustration_without_alt_is_refused_with_the_models_message(tmp_path):
    """The pack applies the model's one alt-text rule to the image it will store."""
    image = Image.objects.create(title="carte.png", file=get_test_image_file())
    challenge = make_challenge(illustration=image, illustration_alt="Une carte")
    export_pack(tmp_path)
    path = tmp_path / "competences" / "1.1.json"
    data = json.loads(path.read_text())
    data["challenges"][0]["illustration"]["alt"] = "  "
    path.write_text(json.dumps(data))

    problems = read_pack(tmp_path)[1]

    assert [(p.item, p.field, p.message) for p in problems] == [
        (challenge.uid, "illustration_alt", str(ALT_MISSING))
    ]


def test_schema_and_json_errors_are_told_in_french(tmp_path):
    """jsonschema and the JSON parser speak English: the pack report does not."""
    make_content()
    export_pack(tmp_path)
    path = tmp_path / "competences" / "1.3.json"
    data = json.loads(path.read_text())
    data["tutorials"][0]["format"] = "hologramme"
    del data["tutorials"][0]["title"]
    data["challenges"][0]["timer"] = "soixante"
    path.write_text(json.dumps(data))

    messages = sorted(p.message for p in read_pack(tmp_path)[1])
    path.write_text('{"competence": "1.3",\n  "thematics": [}')
    broken = [p.message for p in read_pack(tmp_path)[1]]

    assert messages == [
        "non conforme au schéma : champ obligatoire absent : title",
        "non conforme au schéma : type attendu : nombre entier ou null",
        'non conforme au schéma : valeur "hologramme" refusée ; valeurs possibles : '
        '"video", "page", "pdf", "audio", "tool", "game"',
    ]
    assert broken == ["JSON illisible ligne 2, colonne 17."]
