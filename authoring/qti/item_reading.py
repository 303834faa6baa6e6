"""Read one QTI 3.0 assessment item into the fields of a draft challenge.

The subset understood is the one the export writes: one choice interaction (QCU,
QCM) or text-entry and inline-choice interactions (QROC, QROCM). Accepted answers
are read from the response declarations (qti-mapping, else qti-correct-response);
a custom response processing is not interpreted.
"""

import json
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree

from runtime.domain.challenge_format import TYPES

from .fidelity import ItemReport
from .media_reading import PackageFile, Resolver, extract_media
from .vocabulary import (
    ALTERNATIVE_CLASS,
    CHOICE_INTERACTION,
    FIELD_INTERACTIONS,
    INLINE_CHOICE_INTERACTION,
    MAP_RESPONSE,
    MATCH_CORRECT,
    RESPONSE,
    SCORE,
    TOOL_NAME,
    XML_LANG,
    local_name,
    qti,
)
from .xhtml import remove, to_markdown

IGNORED_PARTS = (
    "qti-modal-feedback",
    "qti-feedback-block",
    "qti-feedback-inline",
    "qti-rubric-block",
    "qti-template-declaration",
    "qti-template-processing",
    "qti-stylesheet",
    "qti-companion-materials-info",
    "qti-assessment-stimulus-ref",
)
LANG_TO_LOCALE = {"fr-fr": "fr-fr", "fr": "fr", "en": "en"}
_KEY_CHARACTERS = re.compile(r"[^A-Za-z0-9_]")


@dataclass
class ChallengeDraft:
    """What an item becomes: challenge field values plus its files."""

    identifier: str
    values: dict
    illustration: PackageFile | None = None
    attachments: list[PackageFile] = field(default_factory=list)


@dataclass
class _FieldInfo:
    """A field met in the item body, with what its declaration accepts."""

    key: str
    identifier: str
    options: dict[str, str] | None = None


def read_item(root: etree._Element, resolve: Resolver, note: ItemReport):
    """Return the ChallengeDraft of an item, or None when it is skipped."""
    body = root.find(qti("qti-item-body"))
    if root.tag != qti("qti-assessment-item") or body is None:
        note.skipped = _("ce n'est pas un qti-assessment-item QTI 3.0 avec un corps.")
        return None
    interactions = [el for el in body.iter() if local_name(el).endswith("-interaction")]
    if reason := unsupported(interactions):
        note.skipped = reason
        return None
    note_ignored_parts(root, note)
    declarations = {
        declaration.get("identifier"): declaration
        for declaration in root.iter(qti("qti-response-declaration"))
    }
    values = common_values(root, note)
    illustration, attachments = extract_media(body, resolve, note)
    if local_name(interactions[0]) == CHOICE_INTERACTION:
        values |= choice_values(body, interactions[0], declarations, root.get("label"))
    else:
        values |= field_values(body, declarations, root, note)
    return ChallengeDraft(root.get("identifier", ""), values, illustration, attachments)


def unsupported(interactions: list[etree._Element]) -> str:
    """Return why these interactions cannot make a challenge ('' when they can)."""
    names = [local_name(element) for element in interactions]
    others = sorted(set(names) - {CHOICE_INTERACTION, *FIELD_INTERACTIONS})
    if not names:
        return _("aucune interaction.")
    if others:
        return _("interaction(s) non prise(s) en charge : %(names)s.") % {
            "names": ", ".join(others)
        }
    choices = names.count(CHOICE_INTERACTION)
    if choices and (choices > 1 or len(names) > choices):
        return _(
            "une seule qti-choice-interaction, sans autre interaction, est prise "
            "en charge."
        )
    return ""


def note_ignored_parts(root: etree._Element, note: ItemReport) -> None:
    """Note the QTI constructs the import does not carry over."""
    for element in root.iter():
        name = local_name(element)
        if name in IGNORED_PARTS:
            note.notes.append(_("Élément QTI ignoré : %(name)s.") % {"name": name})
        elif name == "qti-outcome-declaration" and element.get("identifier") != SCORE:
            note.notes.append(
                _("Variable de résultat ignorée : %(name)s.")
                % {"name": element.get("identifier")}
            )
    processing = root.find(qti("qti-response-processing"))
    template = processing.get("template", "") if processing is not None else ""
    if template and template not in (MATCH_CORRECT, MAP_RESPONSE):
        note.notes.append(
            _("Modèle de traitement inconnu ignoré : %(t)s.") % {"t": template}
        )
    elif processing is not None and not template and root.get("tool-name") != TOOL_NAME:
        note.notes.append(
            _(
                "Traitement des réponses personnalisé non interprété : les réponses "
                "acceptées sont lues dans les déclarations (qti-mapping, "
                "qti-correct-response)."
            )
        )


def common_values(root: etree._Element, note: ItemReport) -> dict:
    """Return the locale of an item (from xml:lang)."""
    lang = (root.get(XML_LANG) or "").lower()
    locale = LANG_TO_LOCALE.get(lang) or LANG_TO_LOCALE.get(lang.split("-")[0])
    if locale is None:
        note.notes.append(
            _("Langue « %(lang)s » inconnue : fr-fr retenu.") % {"lang": lang or "—"}
        )
    return {"locales": [locale or "fr-fr"]}


def split_alternative(body: etree._Element) -> str:
    """Remove the alternative instruction from the body and return its Markdown."""
    for div in list(body.iter(qti("div"))):
        if ALTERNATIVE_CLASS in div.get("class", "").split():
            text = to_markdown(div, _no_field)
            remove(div)
            return text
    return ""


def _no_field(element: etree._Element) -> None:
    """Render no element as a field."""
    return None


def choice_values(body, interaction, declarations: dict, label: str | None) -> dict:
    """Return type, proposals, solution and shuffling of a choice item."""
    alternative = split_alternative(body)
    choices = interaction.findall(qti("qti-simple-choice"))
    prompt = interaction.find(qti("qti-prompt"))
    options = [to_markdown(choice, _no_field).replace("\n", " ") for choice in choices]
    identifiers = [choice.get("identifier") for choice in choices]
    declaration = declarations.get(interaction.get("response-identifier"))
    correct = accepted(declaration)[0] if declaration is not None else []
    indexes = sorted(
        identifiers.index(value) + 1 for value in correct if value in identifiers
    )
    multiple = declaration is not None and declaration.get("cardinality") != "single"
    kind = label if label in ("QCU", "QCM") else ("QCM" if multiple else "QCU")
    shuffled = interaction.get("shuffle") == "true"
    remove(interaction)
    instruction = to_markdown(body, _no_field)
    if prompt is not None:
        instruction = "\n\n".join(
            filter(None, [instruction, to_markdown(prompt, _no_field)])
        )
    return {
        "type": kind,
        "instruction": instruction,
        "alternative_instruction": alternative,
        "proposals": "\n".join(f"- {option}" for option in options),
        "solution": ",".join(map(str, indexes)),
        "shuffled": shuffled,
    }


def accepted(declaration: etree._Element) -> tuple[list[str], bool]:
    """Return (accepted values, case-sensitive) of a response declaration."""
    mapping = declaration.find(qti("qti-mapping"))
    if mapping is not None:
        entries = [
            entry
            for entry in mapping.findall(qti("qti-map-entry"))
            if _number(entry.get("mapped-value")) > 0
        ]
        if entries:
            sensitive = all(entry.get("case-sensitive") != "false" for entry in entries)
            return [entry.get("map-key", "") for entry in entries], sensitive
    path = f"{qti('qti-correct-response')}/{qti('qti-value')}"
    return [(value.text or "").strip() for value in declaration.iterfind(path)], True


def _number(text: str | None) -> float:
    """Return text as a float, 0 when it is not a number."""
    try:
        return float(text or 0)
    except ValueError:
        return 0.0


def field_values(body, declarations: dict, root, note: ItemReport) -> dict:
    """Return type, instruction, proposals, solution and tolerances of a field item."""
    label = root.get("label")
    alternative = split_alternative(body)
    fields: list[_FieldInfo] = []
    render = _field_renderer(fields)
    instruction, proposals = _split_body(body, render)
    kind = label if label in TYPES and label not in ("QCU", "QCM") else None
    kind = kind or ("QROC" if len(fields) == 1 else "QROCM-ind")
    if kind == "QROC" and len(fields) > 1:
        kind = "QROCM-ind"
    if (
        kind == "QROC"
        and fields
        and fields[0].identifier == RESPONSE
        and proposals == "${reponse}"
    ):
        proposals = ""  # the implicit field of a QROC without proposals
    if not instruction:
        note.notes.append(
            _("Aucune consigne hors des champs : le titre de l'item est repris.")
        )
    solution, sensitive, numeric = _solution(kind, fields, declarations)
    texts = [info for info in fields if info.options is None]
    if texts:
        note.notes.append(_tolerance_note(sensitive))
    return {
        "type": kind,
        "instruction": instruction or root.get("title", ""),
        "alternative_instruction": alternative,
        "proposals": proposals,
        "solution": solution,
        "tolerance_t1": bool(texts) and not sensitive,
        "tolerance_t2": False,
        "tolerance_t3": False,
        "answer_format": "number" if numeric else "words",
    }


def _tolerance_note(sensitive: bool) -> str:
    """Return the note on the tolerances given to imported text fields."""
    if sensitive:
        return _(
            "Tolérances T1, T2 et T3 désactivées : la correspondance QTI est exacte."
        )
    return _(
        "T1 activée car la correspondance QTI ignore la casse (T1 ignore aussi "
        "accents et espaces) ; T2 et T3 désactivées."
    )


def _split_body(body: etree._Element, render) -> tuple[str, str]:
    """Return (instruction, proposals): proposals start at the first field block.

    The blocks before it are moved out of the body, which keeps the proposals.
    """
    holder = etree.Element(qti("div"))
    holder.text, body.text = body.text, None
    for child in list(body):
        if any(local_name(element) in FIELD_INTERACTIONS for element in child.iter()):
            break
        holder.append(child)
    return to_markdown(holder, _no_field), to_markdown(body, render)


def _field_renderer(fields: list[_FieldInfo]):
    """Return a renderer writing ${key…} for interactions, recording each field."""

    def render(element: etree._Element) -> str | None:
        name = local_name(element)
        if name not in FIELD_INTERACTIONS:
            return None
        identifier = element.get("response-identifier", "")
        key = field_key(identifier, {info.key for info in fields})
        options = None
        if name == INLINE_CHOICE_INTERACTION:
            options = {
                choice.get("identifier"): "".join(choice.itertext()).strip()
                for choice in element.findall(qti("qti-inline-choice"))
            }
        fields.append(_FieldInfo(key, identifier, options))
        return _field_markup(key, element, options)

    return render


def field_key(identifier: str, taken: set[str]) -> str:
    """Return a field key from a response identifier: RESPONSE_ville gives ville."""
    key = (
        identifier.removeprefix(f"{RESPONSE}_") if identifier != RESPONSE else "reponse"
    )
    key = _KEY_CHARACTERS.sub("_", key) or "champ"
    key = key if key[0].isalpha() else f"champ_{key}"
    candidate, number = key, 1
    while candidate in taken:
        number += 1
        candidate = f"{key}{number}"
    return candidate


def _field_markup(key: str, element: etree._Element, options: dict | None) -> str:
    """Return the ${key…} markup of an interaction."""
    markup = key
    if options is not None:
        texts = list(options.values())
        markup += " options=" + json.dumps(
            texts, ensure_ascii=False, separators=(",", ":")
        )
    if placeholder := element.get("placeholder-text"):
        markup += f"#{placeholder}"
    if label := element.get("aria-label"):
        markup += f"§{label}"
    return "${" + markup + "}"


def _solution(kind: str, fields: list[_FieldInfo], declarations: dict):
    """Return (solution text, all case-sensitive, any numeric) for the fields."""
    variants_by_key, sensitive, numeric = {}, True, False
    for info in fields:
        declaration = declarations.get(info.identifier)
        if declaration is None:
            variants_by_key[info.key] = []
            continue
        values, case_sensitive = accepted(declaration)
        if info.options is not None:
            values = [info.options[value] for value in values if value in info.options]
        else:
            sensitive = sensitive and case_sensitive
            numeric = numeric or declaration.get("base-type") in ("float", "integer")
        variants_by_key[info.key] = values
    if kind == "QROC":
        first = next(iter(variants_by_key.values()), [])
        return "\n".join(first), sensitive, numeric
    lines = []
    for key, values in variants_by_key.items():
        lines += [f"{key}:", *(f"- {value}" for value in values)]
    return "\n".join(lines), sensitive, numeric
