"""Blocking checks on a challenge: readable solution, checkable answers, media."""

import itertools

from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from authoring.validation import (
    embed_url_errors,
    format_errors,
    illustration_alt_errors,
)
from runtime.domain import challenge_format
from runtime.domain.answer_checking import AnswerStatus, check

from .registry import CheckResult, challenge_check, check_failed, check_passed

# Combinations of the other fields' variants tried for each QROCM variant: enough
# to be exhaustive for real challenges, bounded for pathological ones.
MAX_COMBINATIONS = 64


@challenge_check()
def solution_matches_proposals(challenge) -> CheckResult | None:
    """Return whether the solution parses and matches the proposals."""
    if not challenge.type:
        return None
    errors = format_errors(challenge)
    if not errors:
        message = gettext("La solution est lisible et correspond aux propositions.")
        return check_passed("solution_matches_proposals", message, blocking=True)
    problems = " ".join(str(text) for texts in errors.values() for text in texts)
    message = gettext("La solution ne correspond pas aux propositions : %(problems)s")
    return check_failed(
        "solution_matches_proposals",
        message % {"problems": problems},
        blocking=True,
        field=next(iter(errors)),
    )


@challenge_check()
def accepted_answers_pass_checker(challenge) -> CheckResult | None:
    """Return whether answer checking accepts every accepted answer as typed.

    QROC: each variant alone. QROCM: each variant of each field, with variants of
    the other fields (QROCM-dep needs different answers in different fields).
    Not applicable to QCU/QCM or to a solution that does not parse.
    """
    if challenge.type not in challenge_format.FIELD_TYPES or format_errors(challenge):
        return None
    refused = _refused_variants(challenge.to_check_spec())
    if not refused:
        message = gettext("Chaque réponse acceptée est reconnue par la correction.")
        return check_passed("accepted_answers_pass_checker", message, blocking=True)
    answers = ", ".join(_quote(variant, key) for key, variant in refused)
    message = ngettext(
        "Cette réponse acceptée serait refusée par la correction : %(answers)s.",
        "Ces réponses acceptées seraient refusées par la correction : %(answers)s.",
        len(refused),
    )
    return check_failed(
        "accepted_answers_pass_checker",
        message % {"answers": answers},
        blocking=True,
        field="solution",
    )


def _refused_variants(spec: dict) -> list[tuple[str, str]]:
    """Return (field key, variant) of every variant no right answer can carry."""
    solutions = spec["solutions"]
    if isinstance(solutions, list):
        return [("", variant) for variant in solutions if not _is_ok(spec, variant)]
    return [
        (key, variant)
        for key, variants in solutions.items()
        for variant in variants
        if not _some_answer_passes(spec, key, variant)
    ]


def _some_answer_passes(spec: dict, key: str, variant: str) -> bool:
    """Return True if variant in field key, with other fields' variants, is ok."""
    others = [other for other in spec["solutions"] if other != key]
    combinations = itertools.product(*(spec["solutions"][other] for other in others))
    for combination in itertools.islice(combinations, MAX_COMBINATIONS):
        answer = {key: variant, **dict(zip(others, combination, strict=True))}
        if _is_ok(spec, answer):
            return True
    return False


def _is_ok(spec: dict, answer) -> bool:
    return check(spec, answer) == AnswerStatus.OK


def _quote(variant: str, key: str) -> str:
    """Return « variant » (key), the variant cut to 40 characters."""
    quoted = f"« {Truncator(variant).chars(40)} »"
    return f"{quoted} ({key})" if key else quoted


@challenge_check()
def illustration_has_alt(challenge) -> CheckResult | None:
    """Return whether the illustration, if any, has an alternative text."""
    if not challenge.illustration_id:
        return None
    errors = illustration_alt_errors(
        has_illustration=True, alt=challenge.illustration_alt
    )
    if not errors:
        message = gettext("L'illustration a un texte alternatif.")
        return check_passed("illustration_has_alt", message, blocking=True)
    (field, (message,)), *_others = errors.items()
    return check_failed(
        "illustration_has_alt", str(message), blocking=True, field=field
    )


@challenge_check()
def embed_is_https(challenge) -> CheckResult | None:
    """Return whether the embedded simulator, if any, is served over https."""
    if not challenge.embed_url:
        return None
    errors = embed_url_errors(challenge.embed_url)
    if not errors:
        message = gettext("Le simulateur est servi en https.")
        return check_passed("embed_is_https", message, blocking=True)
    (field, (message,)), *_others = errors.items()
    return check_failed("embed_is_https", str(message), blocking=True, field=field)
