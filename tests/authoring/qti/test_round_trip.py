"""QTI 3.0 round trip: exported then imported, challenges and media survive."""

import io

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from authoring.qti import import_qti_package
from tests.factories import make_challenge, make_skill

from .helpers import ROUND_TRIP_CASES, answer_model, export

pytestmark = pytest.mark.django_db


def test_every_type_round_trips_through_a_qti_package():
    """Exported then imported, each type keeps its statement, proposals, solution."""
    originals = [make_challenge(**case) for case in ROUND_TRIP_CASES]
    package, _report = export(originals)

    result = import_qti_package(
        source=io.BytesIO(package), skill=make_skill(), trusted=True
    )

    assert [answer_model(c) for c in result.challenges] == [
        answer_model(c) for c in originals
    ]
    assert result.challenges[-1].proposals == 'Format\u00a0: ${r options=["A","B"]}'


def test_media_are_copied_into_the_package_and_imported_back():
    """The illustration (with alt) and attachments travel as package files."""
    image = Image.objects.create(title="Capture", file=get_test_image_file())
    document = Document.objects.create(
        title="Ventes", file=ContentFile(b"mois;ventes\n", name="ventes.csv")
    )
    challenge = make_challenge(illustration=image, illustration_alt="Une carte")
    challenge.attachments.set([document])
    challenge.save()
    package, _report = export([challenge])

    imported = import_qti_package(
        source=io.BytesIO(package), skill=make_skill(), trusted=True
    )

    (copy,) = imported.challenges
    assert copy.illustration_alt == "Une carte"
    assert copy.illustration.file.read() == image.file.open("rb").read()
    assert [(d.title, d.file.read()) for d in copy.attachments.all()] == [
        ("Ventes", b"mois;ventes\n")
    ]


def test_an_imported_html_or_svg_file_is_left_out_and_reported():
    """A package may not bring in what the upload forms refuse (active content)."""
    document = Document.objects.create(
        title="Page", file=ContentFile(b"<script>alert(1)</script>", name="page.html")
    )
    challenge = make_challenge()
    challenge.attachments.set([document])
    challenge.save()
    package, _report = export([challenge])
    documents_before = Document.objects.count()

    imported = import_qti_package(
        source=io.BytesIO(package), skill=make_skill(), trusted=True
    )

    (copy,) = imported.challenges
    (item,) = imported.report.items
    assert list(copy.attachments.all()) == []
    assert Document.objects.count() == documents_before
    assert [n for n in item.notes if "refusé" in n] == [
        "Fichier d'un type refusé, ignoré : page.html."
    ]
