"""A QTI import checks its files by content and leaves none behind on failure.

Issue #13, item 7: imports are all-or-nothing, files included.
"""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from authoring.models import Challenge
from authoring.qti import import_qti_package
from tests.authoring.test_pack_files import media_files, media_on_disk  # noqa: F401
from tests.factories import make_challenge, make_skill

from .helpers import export

pytestmark = pytest.mark.django_db


def package_with_attachment(data: bytes) -> bytes:
    """Export a challenge attaching ventes.csv, its bytes replaced by data."""
    document = Document.objects.create(
        title="ventes.csv", file=ContentFile(b"mois,total\n", name="ventes.csv")
    )
    challenge = make_challenge(type="QROC")
    challenge.attachments = [document]
    challenge.save()
    source = zipfile.ZipFile(io.BytesIO(export([challenge])[0]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, data if name.endswith(".csv") else content)
    return buffer.getvalue()


def test_an_attachment_that_is_not_its_type_cancels_the_import():
    """A program named .csv is an item error; nothing is created."""
    package = package_with_attachment(b"MZ\x90\x00\x03\x00\x00\x00")
    challenges, documents = Challenge.objects.count(), Document.objects.count()

    result = import_qti_package(
        source=io.BytesIO(package), skill=make_skill(), trusted=True
    )

    assert result.challenges == []
    (item,) = result.report.items
    assert item.errors == [
        "Le contenu du fichier ne correspond pas à son extension « .csv » : ventes.csv."
    ]
    assert (Challenge.objects.count(), Document.objects.count()) == (
        challenges,
        documents,
    )


def test_files_written_by_a_failed_import_are_deleted(monkeypatch):
    """Rows roll back with the transaction; the files they had are deleted too."""
    package = package_with_attachment(b"mois,total\njanvier,12\n")
    before = media_files()

    def fail(*_args, **_kwargs):
        raise RuntimeError("disk full")

    # The last write of each challenge, after its files were stored.
    monkeypatch.setattr(Challenge, "save_revision", fail)
    with pytest.raises(RuntimeError):
        import_qti_package(source=io.BytesIO(package), skill=make_skill(), trusted=True)

    assert media_files() == before
