"""A content pack's files are checked before anything is written (issue #13, 7).

A bad image left a file on disk without a row (a 500), a 2,100-level path was a
RecursionError and a 300-character name an ENAMETOOLONG: each is now a French
message naming the file, and neither a row nor a file is stored.
"""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from authoring.content_pack import baselines, export_pack, import_pack, read_pack
from authoring.content_pack.files import document_problem
from authoring.models import Challenge
from tests.factories import make_challenge, make_user

from .test_content_pack import delete_content, make_content

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_on_disk(settings, tmp_path_factory):
    """Store uploads on disk (tests use memory) to see the files left behind."""
    root = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


def media_files() -> set[Path]:
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def illustrated_pack(folder: Path) -> str:
    """Export a challenge with an illustration, empty the base; return its path."""
    image = Image.objects.create(title="carte.png", file=get_test_image_file())
    make_challenge(illustration=image, illustration_alt="Une carte de France")
    export_pack(folder)
    Challenge.objects.all().delete()
    Image.objects.all().delete()
    return "files/1.1/carte.png"


def zipped(folder: Path, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(client, archive: bytes):
    client.force_login(make_user(group="Administrators"))
    return client.post(
        "/admin/content-pack/", {"archive": SimpleUploadedFile("pack.zip", archive)}
    )


def test_an_image_that_is_not_one_is_refused_and_nothing_is_stored(client, tmp_path):
    """The admin's upload lists the bad image; no row and no file are left."""
    path = illustrated_pack(tmp_path)
    (tmp_path / path).write_bytes(b"<svg onload='alert(1)'></svg>")
    before = media_files()

    response = upload(client, zipped(tmp_path))

    assert response.status_code == 200
    assert (
        "Image illisible ou d&#x27;un type refusé (PNG, JPEG, GIF ou WebP attendu) : "
        "files/1.1/carte.png."
    ) in response.content.decode()
    assert (Challenge.objects.count(), Image.objects.count()) == (0, 0)
    assert media_files() == before


def test_a_good_illustration_still_imports(tmp_path):
    """A real PNG passes the content check and is stored with its challenge."""
    illustrated_pack(tmp_path)
    pack, problems = read_pack(tmp_path)
    before = media_files()

    import_pack(pack, trusted=True)

    assert problems == []
    assert Challenge.objects.get().illustration.title == "carte.png"
    (stored,) = media_files() - before
    assert stored.read_bytes() == (tmp_path / "files/1.1/carte.png").read_bytes()


def test_an_attachment_whose_content_is_not_its_type_is_refused(tmp_path):
    """A program renamed .csv is named in the report."""
    make_content()
    export_pack(tmp_path)
    delete_content()
    (tmp_path / "files" / "1.3" / "ventes.csv").write_bytes(
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"  # a Windows executable
    )

    problems = read_pack(tmp_path)[1]

    assert [(p.field, p.message) for p in problems] == [
        (
            "attachments",
            "Le contenu du fichier ne correspond pas à son extension « .csv » : "
            "files/1.3/ventes.csv.",
        )
    ]


def test_a_file_name_of_300_characters_is_refused_in_an_upload(client, tmp_path):
    """The archive is refused before extraction, naming the file; nothing stored."""
    make_content()
    export_pack(tmp_path)
    delete_content()
    name = "files/1.3/" + "a" * 300 + ".csv"
    before = media_files()

    response = upload(client, zipped(tmp_path, {name: b"a,b\n"}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Fichiers refusés dans l&#x27;archive" in page
    assert "Nom de fichier trop long (304 octets, au plus 255)" in page
    assert (Challenge.objects.count(), Document.objects.count()) == (0, 0)
    assert media_files() == before


def test_a_file_name_of_300_characters_in_the_pack_is_a_problem(tmp_path):
    """A pack folder naming such a file gets a problem, not an OSError."""
    make_content()
    export_pack(tmp_path)
    target = tmp_path / "competences" / "1.3.json"
    data = json.loads(target.read_text())
    data["challenges"][0]["attachments"] = ["files/1.3/" + "b" * 300 + ".csv"]
    target.write_text(json.dumps(data))

    problems = read_pack(tmp_path)[1]

    assert [p.message[:52] for p in problems] == [
        "Nom de fichier trop long (304 octets, au plus 255) :"
    ]


def test_a_path_2100_levels_deep_is_refused_in_an_upload(client, tmp_path):
    """Too deep to extract or walk: refused with the depth, nothing stored."""
    make_content()
    export_pack(tmp_path)
    delete_content()
    before = media_files()

    response = upload(client, zipped(tmp_path, {"d/" * 2100 + "x.csv": b"a,b\n"}))

    assert response.status_code == 200
    assert "Chemin trop profond (2101 niveaux, au plus 32)" in (
        response.content.decode()
    )
    assert Challenge.objects.count() == 0
    assert media_files() == before


def test_files_written_by_a_failed_import_are_deleted(tmp_path, monkeypatch):
    """Rows roll back with the transaction; the files they had are deleted too."""
    illustrated_pack(tmp_path)
    pack, problems = read_pack(tmp_path)
    before = media_files()

    def fail(*_args):
        raise RuntimeError("disk full")

    # The last step of an import, after every row and file was written.
    monkeypatch.setattr(baselines, "record", fail)
    with pytest.raises(RuntimeError):
        import_pack(pack, trusted=True)

    assert problems == []
    assert (Challenge.objects.count(), Image.objects.count()) == (0, 0)
    assert media_files() == before


@pytest.mark.parametrize(
    ("name", "head", "accepted"),
    [
        ("fiche.pdf", b"%PDF-1.7\n", True),
        ("fiche.pdf", b"<html><script>alert(1)</script>", False),
        ("tableur.xlsx", b"PK\x03\x04\x14\x00", True),
        ("tableur.xlsx", b"%PDF-1.7\n", False),
        ("ancien.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", True),
        ("son.ogg", b"OggS\x00\x02", True),
        ("film.mp4", b"\x00\x00\x00\x20ftypisom", True),
        ("film.mp4", b"PK\x03\x04", False),
        ("source.html.txt", b"<!DOCTYPE html><p>Un article</p>", True),
        ("ventes.csv", b"mois;total\njanvier;12\n", True),
        ("ventes.csv", b"MZ\x90\x00\x03\x00", False),
    ],
)
def test_a_document_type_is_told_by_its_first_bytes(tmp_path, name, head, accepted):
    """The first bytes must match the extension; text must not be binary."""
    target = tmp_path / name
    target.write_bytes(head)

    assert (document_problem(target, f"files/{name}") is None) is accepted
