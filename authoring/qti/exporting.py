"""Export challenges as a QTI 3.0 content package, with a fidelity report.

Layout of the package:

    imsmanifest.xml              one imsqti_item_xmlv3p0 resource per challenge
    items/<identifier>.xml       one qti-assessment-item per challenge
    media/<identifier>/<file>    its illustration and attachments
"""

import posixpath
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

import lxml.html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from lxml import etree

from authoring.enums import AnswerFormat
from authoring.models import Challenge
from runtime.domain.answer_checking.treatments import parse_number
from runtime.domain.challenge_format import (
    CHOICE_TYPES,
    Field,
    parse_choices,
    parse_indexes,
    parse_keyed_variants,
    parse_variants,
    split_proposals,
)
from runtime.presentation.markdown import render_markdown

from . import response_processing as processing
from .fidelity import FidelityReport, ItemReport, challenge_losses
from .fidelity import export_general_notes as general_notes
from .response_processing import FieldResponse
from .vocabulary import (
    ALTERNATIVE_CLASS,
    CP_NS,
    CP_SCHEMA,
    INSTRUCTION_CLASS,
    ITEM_RESOURCE,
    LOCALE_TO_LANG,
    MANIFEST,
    MEDIA_CLASS,
    PROPOSALS_CLASS,
    QTI_NS,
    QTI_SCHEMA,
    RESPONSE,
    TOOL_NAME,
    TOOL_VERSION,
    XML_LANG,
    XSI_NS,
    item_identifier,
    qti,
    response_identifier,
    serialise,
    sub,
)
from .xhtml import markdown_div, markdown_inline, replace_tokens, token


@dataclass(frozen=True)
class MediaFile:
    """A file copied into the package: an illustration or an attachment."""

    path: str
    data: bytes
    label: str
    is_illustration: bool


@dataclass
class ExportedItem:
    """One assessment item ready to be written into the package."""

    identifier: str
    path: str
    xml: bytes
    media: list[MediaFile] = field(default_factory=list)


def export_qti_package(
    *, challenges: Iterable[Challenge], destination: str | BinaryIO
) -> FidelityReport:
    """Write the QTI 3.0 package of challenges and return its fidelity report."""
    report = FidelityReport(_("Rapport de fidélité — export QTI 3.0"))
    report.general = general_notes()
    items = []
    for challenge in challenges:
        current = current_content(challenge)
        identifier = item_identifier(current.uid)
        note = report.add_item(identifier, item_title(current))
        note.notes += challenge_losses(current)
        items.append(build_item(current, note))
    write_package(items, destination)
    return report


def current_content(challenge: Challenge) -> Challenge:
    """Return the live content, or the latest draft of a never-published challenge."""
    if challenge.live or not challenge.latest_revision_id:
        return challenge
    return challenge.get_latest_revision_as_object()


def item_title(challenge: Challenge) -> str:
    """Return the plain-text title of an item: the start of its instruction."""
    html = str(render_markdown(challenge.instruction)).strip() or "<p></p>"
    text = " ".join(lxml.html.fragment_fromstring(html, "div").text_content().split())
    return Truncator(text).chars(80) or challenge.type


def build_item(challenge: Challenge, note: ItemReport) -> ExportedItem:
    """Return the assessment item of a challenge, with its media files."""
    identifier = item_identifier(challenge.uid)
    media = media_files(challenge, identifier, note)
    item = item_root(challenge, identifier)
    if challenge.type in CHOICE_TYPES:
        _choice_item(item, challenge, media)
    else:
        _field_item(item, challenge, media, note)
    path = f"items/{identifier}.xml"
    return ExportedItem(identifier, path, serialise(item), media)


def item_root(challenge: Challenge, identifier: str) -> etree._Element:
    """Return an empty qti-assessment-item carrying the challenge's identity."""
    item = etree.Element(
        qti("qti-assessment-item"), nsmap={None: QTI_NS, "xsi": XSI_NS}
    )
    item.set(f"{{{XSI_NS}}}schemaLocation", f"{QTI_NS} {QTI_SCHEMA}")
    item.set("identifier", identifier)
    item.set("title", item_title(challenge))
    item.set("label", challenge.type)
    item.set("adaptive", "false")
    item.set("time-dependent", "false")
    item.set("tool-name", TOOL_NAME)
    item.set("tool-version", TOOL_VERSION)
    locale = (challenge.locales or ["fr-fr"])[0]
    item.set(XML_LANG, LOCALE_TO_LANG.get(locale, locale))
    return item


def _choice_item(item: etree._Element, challenge: Challenge, media: list) -> None:
    """Fill a QCU/QCM item: identifiers CHOICE_n, match_correct processing."""
    indexes = sorted(set(parse_indexes(challenge.solution) or []))
    cardinality = "single" if challenge.type == "QCU" else "multiple"
    processing.declare_choices(item, cardinality, [f"CHOICE_{i}" for i in indexes])
    processing.declare_score(item)
    body = item_body(item, challenge, media)
    interaction = sub(
        body,
        "qti-choice-interaction",
        response_identifier=RESPONSE,
        shuffle="true" if challenge.shuffled else "false",
        max_choices="1" if challenge.type == "QCU" else "0",
    )
    for number, option in enumerate(parse_choices(challenge.proposals), start=1):
        choice = sub(interaction, "qti-simple-choice", identifier=f"CHOICE_{number}")
        rendered = markdown_inline(option)
        choice.text = rendered.text
        choice.extend(list(rendered))
    processing.process_choices(item)


def _field_item(item, challenge: Challenge, media: list, note: ItemReport) -> None:
    """Fill a QROC/QROCM item: one response per field, custom processing."""
    fields = [
        piece for piece in split_proposals(challenge.proposals) if _is_field(piece)
    ]
    responses = field_responses(challenge, fields or [None], note)
    for response in responses:
        processing.declare_field(item, response)
    processing.declare_score(item)
    body = item_body(item, challenge, media)
    body.append(proposals_div(challenge.proposals, fields, note))
    processing.process_fields(item, responses, dep=challenge.type == "QROCM-dep")


def _is_field(piece: str | Field) -> bool:
    """Return True for a parsed field of split_proposals()."""
    return isinstance(piece, Field)


def item_body(
    item: etree._Element, challenge: Challenge, media: list
) -> etree._Element:
    """Append the item body: instruction, alternative instruction, media."""
    body = sub(item, "qti-item-body")
    instruction = markdown_div(challenge.instruction, INSTRUCTION_CLASS)
    body.append(instruction)
    if challenge.alternative_instruction.strip():
        # Screen readers read the alternative instead of the visual statement.
        instruction.set("aria-hidden", "true")
        classes = f"{ALTERNATIVE_CLASS} qti-visually-hidden"
        body.append(markdown_div(challenge.alternative_instruction, classes))
    if media:
        body.append(media_div(media))
    return body


def media_div(media: list[MediaFile]) -> etree._Element:
    """Return the div showing the illustration and linking the attachments."""
    div = etree.Element(qti("div"), {"class": MEDIA_CLASS})
    links = None
    for medium in media:
        href = posixpath.relpath(medium.path, "items")
        if medium.is_illustration:
            sub(sub(div, "p"), "img", src=href, alt=medium.label)
            continue
        links = links if links is not None else sub(div, "ul")
        sub(sub(links, "li"), "a", medium.label, href=href)
    return div


def proposals_div(proposals: str, fields: list[Field], note: ItemReport):
    """Return the proposals as XHTML with an interaction where each field was."""
    text, position = "", 0
    for piece in split_proposals(proposals):
        if _is_field(piece):
            text += token(position)
            position += 1
        else:
            text += piece
    if not fields:
        text += "\n\n" + token(0)
    div = markdown_div(text, PROPOSALS_CLASS)
    replace_tokens(
        div, lambda index: interaction(fields[index] if fields else None, note)
    )
    return div


def interaction(parsed: Field | None, note: ItemReport) -> etree._Element:
    """Return the inline interaction of a field: text entry or drop-down."""
    identifier = response_identifier(parsed.key if parsed else None)
    if parsed is None or not parsed.is_select:
        element = etree.Element(qti("qti-text-entry-interaction"))
        element.set("response-identifier", identifier)
        if parsed and parsed.placeholder:
            element.set("placeholder-text", parsed.placeholder)
    else:
        element = etree.Element(qti("qti-inline-choice-interaction"))
        element.set("response-identifier", identifier)
        element.set("shuffle", "false")
        for number, option in enumerate(parsed.options, start=1):
            sub(element, "qti-inline-choice", option, identifier=f"CHOICE_{number}")
        if parsed.placeholder:
            note.notes.append(
                _("Indication « %(text)s » du champ déroulant %(key)s perdue.")
                % {"text": parsed.placeholder, "key": parsed.key}
            )
    if parsed and parsed.aria_label:
        element.set("aria-label", parsed.aria_label)
    return element


def field_responses(challenge: Challenge, fields: list, note: ItemReport) -> list:
    """Return the QTI response of every field (None: the implicit QROC field)."""
    if challenge.type == "QROC":
        key = fields[0].key if fields[0] else None
        keyed = {key: parse_variants(challenge.solution)}
    else:
        keyed = parse_keyed_variants(challenge.solution)[0]
    dep = challenge.type == "QROCM-dep"
    number = challenge.answer_format == AnswerFormat.NUMBER and not dep
    groups = [keyed.get(parsed.key, []) for parsed in fields] if dep else []
    responses = []
    for parsed in fields:
        key = parsed.key if parsed else None
        base_type, values = typed_values(parsed, keyed.get(key, []), number=number)
        if number and base_type == "string":
            note.notes.append(
                _("Une variante n'est pas un nombre : comparée comme texte.")
            )
        responses.append(
            FieldResponse(
                identifier=response_identifier(key),
                base_type=base_type,
                case_sensitive=base_type != "string" or not challenge.tolerance_t1,
                values=values,
                groups=tuple(typed_values(parsed, group)[1] for group in groups),
            )
        )
    return responses


def typed_values(
    parsed: Field | None, variants: list[str], *, number: bool = False
) -> tuple[str, tuple[str, ...]]:
    """Return (base type, QTI values) of accepted variants for a field."""
    if parsed is not None and parsed.is_select:
        identifiers = [
            f"CHOICE_{parsed.options.index(variant) + 1}"
            for variant in variants
            if variant in parsed.options
        ]
        return "identifier", tuple(identifiers)
    numbers = [parse_number(variant) for variant in variants]
    if number and all(value is not None for value in numbers):
        return "float", tuple(format(value.normalize(), "f") for value in numbers)
    return "string", tuple(variants)


def media_files(challenge: Challenge, identifier: str, note: ItemReport) -> list:
    """Return the illustration and attachments of a challenge, read from storage."""
    wanted = []
    if challenge.illustration_id:
        image = challenge.illustration
        wanted.append((image.file, challenge.illustration_alt, True))
    for document in challenge.attachments.all():
        wanted.append((document.file, document.title, False))
    media, taken = [], set()
    for stored, label, is_illustration in wanted:
        data = read_file(stored)
        if data is None:
            note.notes.append(
                _("Fichier introuvable, non exporté : %(name)s.")
                % {"name": stored.name}
            )
            continue
        name = unique_name(posixpath.basename(stored.name), taken)
        media.append(
            MediaFile(f"media/{identifier}/{name}", data, label, is_illustration)
        )
    return media


def read_file(stored) -> bytes | None:
    """Return the bytes of a stored file through Django storage, None if missing."""
    try:
        with stored.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def unique_name(name: str, taken: set[str]) -> str:
    """Return name, or a numbered variant of it, not yet in taken (then add it)."""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{number}-{name}"
    taken.add(candidate)
    return candidate


def manifest(items: list[ExportedItem]) -> etree._Element:
    """Return the imsmanifest.xml root: one item resource per challenge."""
    root = etree.Element(f"{{{CP_NS}}}manifest", nsmap={None: CP_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{CP_NS} {CP_SCHEMA}")
    root.set("identifier", f"MANIFEST-{uuid.uuid4().hex}")
    metadata = etree.SubElement(root, f"{{{CP_NS}}}metadata")
    etree.SubElement(metadata, f"{{{CP_NS}}}schema").text = "QTI Package"
    etree.SubElement(metadata, f"{{{CP_NS}}}schemaversion").text = "3.0.0"
    etree.SubElement(root, f"{{{CP_NS}}}organizations")
    resources = etree.SubElement(root, f"{{{CP_NS}}}resources")
    for item in items:
        resource = etree.SubElement(resources, f"{{{CP_NS}}}resource")
        resource.set("identifier", item.identifier)
        resource.set("type", ITEM_RESOURCE)
        resource.set("href", item.path)
        for path in [item.path, *(medium.path for medium in item.media)]:
            etree.SubElement(resource, f"{{{CP_NS}}}file", href=path)
    return root


def write_package(items: list[ExportedItem], destination: str | BinaryIO) -> None:
    """Write the zip: manifest first, then items and their media."""
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(MANIFEST, serialise(manifest(items)))
        for item in items:
            package.writestr(item.path, item.xml)
            for medium in item.media:
                package.writestr(medium.path, medium.data)
