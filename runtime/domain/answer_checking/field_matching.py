"""Match one answered field against its accepted variants (DOMAIN.md §3)."""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .spec_reading import TextRules
from .statuses import AcceptedBy
from .treatments import (
    normalise,
    parse_number,
    parse_quantity,
    treatment_stages,
    variant_number,
    variant_quantity,
    variant_stages,
)


@dataclass(frozen=True, slots=True)
class FieldMatch:
    """How a field was accepted.

    accepted_by is the step, matched the variant. For QROCM-dep, identity tells
    answers apart (two answers with one identity count once) and distance is the
    Levenshtein distance to the variant (0 unless t3 was needed).
    """

    accepted_by: AcceptedBy
    matched: str
    identity: Hashable
    distance: int = 0


def match_field(
    text: str, variants: Sequence[str], rules: TextRules, *, select: bool
) -> FieldMatch | None:
    """Return how text matches one of variants, or None if it matches none."""
    if select:
        return match_select(text, variants)
    if rules.numeric:
        return match_number_or_text(text, variants, rules)
    return match_text(text, variants, rules)


def match_select(text: str, variants: Sequence[str]) -> FieldMatch | None:
    """Match a drop-down choice: equal to a variant after normalisation only."""
    normalised = normalise(text)
    for variant in variants:
        if variant_stages(variant, False, False)[0] == normalised:
            return FieldMatch(AcceptedBy.SELECT, variant, normalised)
    return None


def match_number_or_text(
    text: str, variants: Sequence[str], rules: TextRules
) -> FieldMatch | None:
    """Compare numbers as numbers and quantities as number plus unit, else as text.

    A number is never compared fuzzily (1000 is not 1001), and a number or a
    quantity is never compared as text with a variant that holds a number: t2
    would drop the decimal comma and accept "6,75 Mo" for "675 Mo". A bare
    number answer may omit the unit of a quantity variant ("675" for "675 Mo");
    a quantity answer must give the variant's unit, compared with t1/t2.
    """
    wordy = [v for v in variants if variant_number(v) is None and not _quantity(v)]
    number, quantity = parse_number(text), parse_quantity(text)
    if number is not None:
        return _match_number(number, variants) or _match_text_in(text, wordy, rules)
    if quantity is not None:
        return _match_quantity(quantity, variants, rules) or _match_text_in(
            text, wordy, rules
        )
    return match_text(text, variants, rules)


def _quantity(variant: str) -> tuple | None:
    return variant_quantity(variant)


def _match_text_in(text, variants, rules) -> FieldMatch | None:
    return match_text(text, variants, rules) if variants else None


def _match_number(number, variants: Sequence[str]) -> FieldMatch | None:
    """Match a bare number against numeric variants and quantities' numbers."""
    for variant in variants:
        quantity = variant_quantity(variant)
        if variant_number(variant) == number or (quantity and quantity[0] == number):
            return FieldMatch(AcceptedBy.NUMBER, variant, number)
    return None


def _match_quantity(quantity, variants: Sequence[str], rules) -> FieldMatch | None:
    """Match number and unit: equal numbers, units equal after t1 and t2."""
    number, unit = quantity
    treated_unit = treatment_stages(unit, rules.t1, rules.t2)[-1]
    for variant in variants:
        other = variant_quantity(variant)
        if (
            other
            and other[0] == number
            and variant_stages(other[1], rules.t1, rules.t2)[-1] == treated_unit
        ):
            return FieldMatch(AcceptedBy.NUMBER, variant, (number, treated_unit))
    return None


def _step_names(rules: TextRules) -> tuple[AcceptedBy, ...]:
    """Return the names of the comparison steps before t3, in order."""
    steps = [AcceptedBy.EXACT]
    if rules.t1:
        steps.append(AcceptedBy.T1)
    if rules.t2:
        steps.append(AcceptedBy.T2)
    return tuple(steps)


def match_text(
    text: str, variants: Sequence[str], rules: TextRules
) -> FieldMatch | None:
    """Match text against variants, reporting the least treatment that accepts it.

    Both sides go through normalisation, then t1, then t2 (each if enabled);
    equality at an earlier stage wins. Then t3 accepts the closest variant with
    levenshtein(answer, variant) / len(answer) <= 0.25 on the treated texts.
    """
    answer_stages = treatment_stages(text, rules.t1, rules.t2)
    all_stages = [variant_stages(variant, rules.t1, rules.t2) for variant in variants]
    for index, step in enumerate(_step_names(rules)):
        for variant, stages in zip(variants, all_stages, strict=True):
            if stages[index] == answer_stages[index]:
                return FieldMatch(step, variant, stages[-1])
    if not rules.t3:
        return None
    treated_variants = [stages[-1] for stages in all_stages]
    return closest_within_t3(answer_stages[-1], variants, treated_variants)


def closest_within_t3(
    treated_answer: str, variants: Sequence[str], treated_variants: Sequence[str]
) -> FieldMatch | None:
    """Return the closest variant with distance <= len(answer) / 4 (t3), or None.

    The denominator is the treated answer's length; an empty treated answer is
    never accepted here (it matches only an empty variant, checked before).
    """
    best = None
    cutoff = len(treated_answer) // 4
    if cutoff == 0:
        return None
    for variant, treated in zip(variants, treated_variants, strict=True):
        distance = Levenshtein.distance(treated_answer, treated, score_cutoff=cutoff)
        if distance <= cutoff:
            best = FieldMatch(AcceptedBy.T3, variant, treated, distance)
            cutoff = distance - 1
        if cutoff < 0:
            break
    return best
