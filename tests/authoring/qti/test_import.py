"""QTI 3.0 import: drafts, all-or-nothing validation and foreign packages."""

import io
import zipfile

import pytest

from authoring.models import Challenge
from authoring.qti import import_qti_package
from authoring.qti.vocabulary import CP_NS, MATCH_CORRECT, QTI_NS, item_identifier
from tests.factories import make_challenge, make_skill

from .helpers import answer_model, export, rewrite

pytestmark = pytest.mark.django_db


def test_imported_challenges_are_unpublished_proposed_drafts_with_one_revision():
    """Import creates drafts on the given skill; nothing goes live."""
    package, _report = export([make_challenge(type="QCU", publish=True)])
    skill = make_skill()

    result = import_qti_package(source=io.BytesIO(package), skill=skill, trusted=True)

    (challenge,) = result.challenges
    challenge.refresh_from_db()
    assert (challenge.skill, challenge.status, challenge.live) == (
        skill,
        "proposed",
        False,
    )
    assert (challenge.revisions.count(), challenge.live_revision) == (1, None)


def test_an_invalid_item_cancels_the_whole_import_and_every_problem_is_reported():
    """Nothing is created when an item fails; each problem names its item."""
    good = make_challenge(type="QROC")
    bad = [make_challenge(type="QCU"), make_challenge(type="QCU")]
    package = rewrite(export([good, *bad])[0], "<qti-value>CHOICE_1<", "<qti-value>X<")
    before = Challenge.objects.count()

    result = import_qti_package(
        source=io.BytesIO(package), skill=make_skill(), trusted=True
    )

    assert (result.challenges, Challenge.objects.count()) == ([], before)
    assert [(item.identifier, item.errors) for item in result.report.items[1:]] == [
        (
            item_identifier(challenge.uid),
            [
                "solution : Ce champ ne peut pas être vide.",
                "solution : La solution est vide.",
            ],
        )
        for challenge in bad
    ]


def foreign_package(items: dict[str, str]) -> bytes:
    """Return a package with hand-written items (identifier: body of the item)."""
    buffer = io.BytesIO()
    resources = "".join(
        f'<resource identifier="{name}" type="imsqti_item_xmlv3p0" href="{name}.xml">'
        f'<file href="{name}.xml"/></resource>'
        for name in items
    )
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "imsmanifest.xml",
            f'<manifest xmlns="{CP_NS}" identifier="M"><resources>{resources}'
            "</resources></manifest>",
        )
        for name, content in items.items():
            archive.writestr(
                f"{name}.xml",
                f'<qti-assessment-item xmlns="{QTI_NS}" identifier="{name}" '
                f'title="{name}" time-dependent="false" xml:lang="en">{content}'
                "</qti-assessment-item>",
            )
    return buffer.getvalue()


ESSAY = """
<qti-response-declaration identifier="RESPONSE" cardinality="single"
 base-type="string"/>
<qti-item-body><p>Racontez.</p>
<qti-extended-text-interaction response-identifier="RESPONSE"/></qti-item-body>
"""


FOREIGN_QCM = """
<qti-response-declaration identifier="R1" cardinality="multiple" base-type="identifier">
<qti-correct-response><qti-value>b</qti-value><qti-value>c</qti-value>
</qti-correct-response></qti-response-declaration>
<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
<qti-item-body><qti-choice-interaction response-identifier="R1" max-choices="0">
<qti-prompt>Which are colours?</qti-prompt>
<qti-simple-choice identifier="a">chair</qti-simple-choice>
<qti-simple-choice identifier="b">red</qti-simple-choice>
<qti-simple-choice identifier="c"><em>green</em></qti-simple-choice>
</qti-choice-interaction></qti-item-body>
<qti-response-processing template="{template}"/>
<qti-modal-feedback outcome-identifier="FEEDBACK" identifier="OK" show-hide="show">
Bien.</qti-modal-feedback>
"""


def test_a_foreign_package_imports_its_supported_items_and_reports_the_rest():
    """Unsupported interactions are skipped with a message; ignored parts noted."""
    package = foreign_package(
        {
            "essay": ESSAY,
            "colours": FOREIGN_QCM.format(template=MATCH_CORRECT),
        }
    )

    result = import_qti_package(
        source=io.BytesIO(package), skill=make_skill(), trusted=True
    )

    assert [answer_model(c) for c in result.challenges] == [
        {
            "type": "QCM",
            "instruction": "Which are colours?",
            "alternative_instruction": "",
            "proposals": ["chair", "red", "*green*"],
            "solution": [2, 3],
            "shuffled": False,
        }
    ]
    assert result.challenges[0].locales == ["en"]
    assert [(i.identifier, i.skipped, i.notes) for i in result.report.items] == [
        (
            "essay",
            "interaction(s) non prise(s) en charge : qti-extended-text-interaction.",
            [],
        ),
        ("colours", "", ["Élément QTI ignoré : qti-modal-feedback."]),
    ]
