"""Editorial notes on a statement: typography, near duplicates, given-away answers.

None of them blocks approval: typography is fixed on save, and the validator
judges whether a near duplicate or a visible answer is a problem.
"""

import re
import unicodedata
from collections.abc import Sequence

from django.utils.translation import gettext, ngettext
from rapidfuzz import fuzz

from authoring.typography import (
    TYPOGRAPHY_FIELDS,
    find_typography_issues,
    is_french,
    line_and_column,
)
from runtime.domain import challenge_format

from .registry import CheckResult, challenge_check, check_failed, check_passed

MAX_REPORTED_PLACES = 10
NEAR_DUPLICATE_SIMILARITY = 90.0  # rapidfuzz ratio, in percent
MIN_GIVEN_AWAY_LENGTH = 3


@challenge_check()
def french_typography(challenge) -> CheckResult | None:
    """Return the missing no-break spaces of a French challenge's texts."""
    if not is_french(challenge):
        return None
    places = [
        (name, issue)
        for name in TYPOGRAPHY_FIELDS
        for issue in find_typography_issues(getattr(challenge, name) or "")
    ]
    if not places:
        message = gettext("La typographie française est respectée.")
        return check_passed("french_typography", message, blocking=False)
    message = gettext(
        "Espaces insécables à poser (typographie française), ajoutées "
        "automatiquement à l'enregistrement : %(places)s."
    )
    described = _describe_places(challenge, places)
    return check_failed(
        "french_typography",
        message % {"places": described},
        blocking=False,
        field=places[0][0],
    )


def _describe_places(challenge, places: list) -> str:
    """Return 'consigne, ligne 1, colonne 9 : « ? »; …' for the first places."""
    described = []
    for name, issue in places[:MAX_REPORTED_PLACES]:
        line, column = line_and_column(getattr(challenge, name), issue.offset)
        described.append(
            gettext("%(field)s, ligne %(line)s, colonne %(column)s : « %(mark)s »")
            % {
                "field": challenge._meta.get_field(name).verbose_name,
                "line": line,
                "column": column,
                "mark": issue.mark,
            }
        )
    if len(places) > MAX_REPORTED_PLACES:
        others = len(places) - MAX_REPORTED_PLACES
        described.append(gettext("et %(count)s autre(s)") % {"count": others})
    return " ; ".join(described)


def normalised_statement(text: str) -> str:
    """Return text folded for comparison: NFKC, case-folded, words only."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split())


@challenge_check(uses_siblings=True)
def near_duplicate_statement(challenge, *, siblings: Sequence) -> CheckResult | None:
    """Return the siblings whose normalised instruction is ≥ 90 % similar.

    Similarity is rapidfuzz's ratio (Indel), 0 to 100, of normalised_statement().
    """
    statement = normalised_statement(challenge.instruction)
    if not statement:
        return None
    matches = []
    for sibling in siblings:
        if sibling is challenge or (challenge.pk and sibling.pk == challenge.pk):
            continue
        other = normalised_statement(sibling.instruction)
        score = fuzz.ratio(statement, other, score_cutoff=NEAR_DUPLICATE_SIMILARITY)
        if score:
            matches.append((sibling.uid, score))
    if not matches:
        message = gettext(
            "Aucune autre épreuve du même acquis n'a une consigne presque identique."
        )
        return check_passed("near_duplicate_statement", message, blocking=False)
    matches.sort(key=lambda match: (-match[1], match[0]))
    described = ", ".join(
        gettext("%(uid)s (similarité %(percent)s %%)")
        % {"uid": uid, "percent": round(score)}
        for uid, score in matches
    )
    message = ngettext(
        "Consigne presque identique à celle d'une autre épreuve du même acquis : "
        "%(matches)s.",
        "Consigne presque identique à celles d'autres épreuves du même acquis : "
        "%(matches)s.",
        len(matches),
    )
    return check_failed(
        "near_duplicate_statement",
        message % {"matches": described},
        blocking=False,
        field="instruction",
    )


@challenge_check()
def answer_given_away(challenge) -> CheckResult | None:
    """Return the accepted answers (≥ 3 characters) the instruction spells out.

    A match is case-insensitive, on whole words. QCU, QCM and drop-down fields
    are skipped: their options are shown to the learner anyway.
    """
    if challenge.type not in challenge_format.FIELD_TYPES:
        return None
    instruction = _fold_spaces(challenge.instruction)
    found: dict[str, str] = {}
    for answer in typed_answers(challenge):
        if _contains_word(instruction, answer):
            found.setdefault(answer.casefold(), answer)
    if not found:
        message = gettext("La consigne ne contient aucune réponse acceptée.")
        return check_passed("answer_given_away", message, blocking=False)
    message = ngettext(
        "La consigne contient mot pour mot une réponse acceptée : %(answers)s.",
        "La consigne contient mot pour mot des réponses acceptées : %(answers)s.",
        len(found),
    )
    answers = ", ".join(f"« {answer} »" for answer in found.values())
    return check_failed(
        "answer_given_away",
        message % {"answers": answers},
        blocking=False,
        field="instruction",
    )


def typed_answers(challenge) -> list[str]:
    """Return the accepted answers of free-text fields, at least 3 characters."""
    selects = {
        parsed.key
        for parsed in challenge_format.parse_fields(challenge.proposals)
        if parsed and parsed.is_select
    }
    if challenge.type == "QROC":
        variants = (
            [] if selects else challenge_format.parse_variants(challenge.solution)
        )
    else:
        keyed = challenge_format.parse_keyed_variants(challenge.solution)[0]
        variants = [
            variant
            for key, values in keyed.items()
            if key not in selects
            for variant in values
        ]
    answers = (_fold_spaces(variant).strip() for variant in variants)
    return [answer for answer in answers if len(answer) >= MIN_GIVEN_AWAY_LENGTH]


def _fold_spaces(text: str) -> str:
    """Return text in NFC with no-break spaces as ordinary spaces."""
    composed = unicodedata.normalize("NFC", text or "")
    return composed.replace("\u00a0", " ").replace("\u202f", " ")


def _contains_word(text: str, answer: str) -> bool:
    """Return True if answer appears in text as whole words, ignoring case."""
    words = r"\s+".join(re.escape(word) for word in answer.split())
    return re.search(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE) is not None
