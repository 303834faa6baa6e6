"""QTI 3.0 export: the package and its items are structurally valid.

See validation.py for why packages are validated structurally rather than
against the QTI 3.0 XSD.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from authoring.qti.vocabulary import MATCH_CORRECT
from tests.factories import make_challenge

from .helpers import ROUND_TRIP_CASES, export, only_item, q, rewrite
from .validation import structural_problems

pytestmark = pytest.mark.django_db


def test_the_exported_package_is_structurally_valid_qti_3():
    """Manifest, items, responses, choices, files and processing follow QTI 3.0."""
    image = Image.objects.create(title="Capture", file=get_test_image_file())
    document = Document.objects.create(
        title="Ventes", file=ContentFile(b"mois;ventes\n", name="ventes.csv")
    )
    challenges = [make_challenge(**case) for case in ROUND_TRIP_CASES]
    challenges[0].illustration, challenges[0].illustration_alt = image, "Une carte"
    challenges[0].save()
    challenges[0].attachments.set([document])
    challenges[0].save()

    package, _report = export(challenges)

    assert structural_problems(package) == []


def test_the_structural_check_catches_a_correct_response_naming_no_choice():
    """The validator used above is not vacuous."""
    package = export([make_challenge(type="QCU")])[0]

    problems = structural_problems(rewrite(package, ">CHOICE_1<", ">CHOICE_9<"))

    assert [problem.split(": ", 1)[1] for problem in problems] == [
        "unknown choice CHOICE_9"
    ]


def test_a_choice_item_declares_its_right_choices_and_the_match_correct_template():
    """QCM: multiple cardinality, CHOICE_n identifiers, max-choices 0, shuffle."""
    challenge = make_challenge(type="QCM", solution="3,1", shuffled=True)

    item = only_item(export([challenge])[0])

    interaction = item.find(f"{q('qti-item-body')}/{q('qti-choice-interaction')}")
    assert [v.text for v in item.iter(q("qti-value"))][:2] == ["CHOICE_1", "CHOICE_3"]
    assert dict(interaction.attrib) == {
        "response-identifier": "RESPONSE",
        "shuffle": "true",
        "max-choices": "0",
    }
    assert [c.text for c in interaction] == ["rouge", "vert", "bleu", "chaise"]
    assert item.find(q("qti-response-processing")).get("template") == MATCH_CORRECT


def test_a_number_field_is_compared_as_a_float():
    """Answer format number: base-type float and normalised numbers."""
    challenge = make_challenge(
        type="QROC", answer_format="number", solution="25 000\n3,50"
    )

    item = only_item(export([challenge])[0])

    declaration = next(item.iter(q("qti-response-declaration")))
    assert declaration.get("base-type") == "float"
    assert [e.get("map-key") for e in item.iter(q("qti-map-entry"))] == ["25000", "3.5"]
