"""Shared helpers for the QTI 3.0 export and import tests."""

import io
import zipfile

from lxml import etree

from authoring.models import Challenge
from authoring.qti import export_qti_package
from authoring.qti.vocabulary import QTI_NS
from runtime.domain.challenge_format import (
    parse_choices,
    parse_indexes,
    parse_keyed_variants,
    parse_variants,
    split_proposals,
)

ROUND_TRIP_CASES = [
    {
        "type": "QCU",
        "instruction": "Quelle est la **capitale** de la "
        "[France](https://fr.wikipedia.org/wiki/France) ?",
        "shuffled": True,
    },
    {
        "type": "QCM",
        "instruction": "Cochez les couleurs :\n\n- primaires\n- secondaires",
        "proposals": "- *rouge*\n- vert\n- `bleu`\n- chaise",
        "solution": "3,1",
    },
    {"type": "QROC", "alternative_instruction": "Nommez la capitale."},
    {"type": "QROC", "proposals": "", "solution": "Paris"},
    {"type": "QROCM-ind"},
    {
        "type": "QROCM-ind",
        "instruction": "Complétez :\n\n1. la ville\n2. le code postal",
        "proposals": "| Ville | Code postal |\n|---|---|\n| ${ville} | ${cp#75000} |",
    },
    {"type": "QROCM-dep"},
    {
        "type": "QROC",
        "proposals": 'Format\u00a0: ${r options=["A","B"]}',
        "solution": "B",
    },
]


def q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def local(element) -> str:
    return etree.QName(element).localname


def export(challenges) -> tuple[bytes, object]:
    buffer = io.BytesIO()
    report = export_qti_package(challenges=challenges, destination=buffer)
    return buffer.getvalue(), report


def items_of(package: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("items/")
        }


def only_item(package: bytes) -> etree._Element:
    (item,) = items_of(package).values()
    return item


def rewrite(package: bytes, old: str, new: str) -> bytes:
    """Return the package with old replaced by new in every item file."""
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("items/"):
                data = data.replace(old.encode(), new.encode())
            target.writestr(name, data)
    return buffer.getvalue()


def answer_model(challenge: Challenge) -> dict:
    """Return what a learner sees and what is accepted, parsed structurally."""
    if challenge.type in ("QCU", "QCM"):
        proposals = parse_choices(challenge.proposals)
        solution = sorted(parse_indexes(challenge.solution))
    else:
        proposals = split_proposals(challenge.proposals)
        solution = (
            parse_variants(challenge.solution)
            if challenge.type == "QROC"
            else parse_keyed_variants(challenge.solution)
        )
    return {
        "type": challenge.type,
        "instruction": challenge.instruction,
        "alternative_instruction": challenge.alternative_instruction,
        "proposals": proposals,
        "solution": solution,
        "shuffled": challenge.shuffled,
    }
