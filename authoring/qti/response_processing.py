"""Response declarations and processing that encode the accepted answers.

Each field is a single-cardinality response RESPONSE_<key> whose qti-mapping gives 1
to every accepted variant. QROC and QROCM-ind score 1 when every field maps to 1.
QROCM-dep enumerates the assignments of fields to solution groups (up to
DEP_PERMUTATION_LIMIT fields) and refuses two fields with the same answer.
"""

import itertools
from dataclasses import dataclass

from lxml import etree

from .fidelity import DEP_PERMUTATION_LIMIT
from .vocabulary import MATCH_CORRECT, SCORE, qti, sub


@dataclass(frozen=True)
class FieldResponse:
    """The QTI response of one field: its identifier, base type and values."""

    identifier: str
    base_type: str
    case_sensitive: bool
    values: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...] = ()


def declare_choices(item: etree._Element, cardinality: str, correct: list[str]):
    """Append the response declaration of a choice interaction."""
    declaration = sub(
        item,
        "qti-response-declaration",
        identifier="RESPONSE",
        cardinality=cardinality,
        base_type="identifier",
    )
    correct_response = sub(declaration, "qti-correct-response")
    for value in correct:
        sub(correct_response, "qti-value", value)


def declare_field(item: etree._Element, response: FieldResponse) -> None:
    """Append the declaration of a field: first variant correct, all mapped to 1."""
    declaration = sub(
        item,
        "qti-response-declaration",
        identifier=response.identifier,
        cardinality="single",
        base_type=response.base_type,
    )
    sub(sub(declaration, "qti-correct-response"), "qti-value", response.values[0])
    mapping = sub(declaration, "qti-mapping", default_value="0")
    for value in dict.fromkeys(response.values):
        sub(
            mapping,
            "qti-map-entry",
            map_key=value,
            mapped_value="1",
            case_sensitive="true" if response.case_sensitive else "false",
        )


def declare_score(item: etree._Element) -> None:
    """Append the SCORE outcome, 0 by default."""
    outcome = sub(
        item,
        "qti-outcome-declaration",
        identifier=SCORE,
        cardinality="single",
        base_type="float",
    )
    sub(sub(outcome, "qti-default-value"), "qti-value", "0")


def process_choices(item: etree._Element) -> None:
    """Append the match_correct template processing."""
    sub(item, "qti-response-processing", template=MATCH_CORRECT)


def process_fields(item: etree._Element, responses: list[FieldResponse], *, dep):
    """Append the processing that sets SCORE to 1 when every field is right."""
    processing = sub(item, "qti-response-processing")
    condition = sub(processing, "qti-response-condition")
    branch = sub(condition, "qti-response-if")
    if dep:
        branch.append(_dep_condition(responses))
    else:
        branch.append(_all([_mapped(response) for response in responses]))
    _set_score(branch, "1")
    _set_score(sub(condition, "qti-response-else"), "0")


def _set_score(parent: etree._Element, value: str) -> None:
    """Append a qti-set-outcome-value of SCORE."""
    setter = sub(parent, "qti-set-outcome-value", identifier=SCORE)
    sub(setter, "qti-base-value", value, base_type="float")


def _all(conditions: list[etree._Element]) -> etree._Element:
    """Return the conjunction of conditions (the condition itself when alone)."""
    return _combine("qti-and", conditions)


def _any(conditions: list[etree._Element]) -> etree._Element:
    """Return the disjunction of conditions (false when there is none)."""
    if not conditions:
        false = etree.Element(qti("qti-base-value"), {"base-type": "boolean"})
        false.text = "false"
        return false
    return _combine("qti-or", conditions)


def _combine(tag: str, conditions: list[etree._Element]) -> etree._Element:
    """Return conditions joined by a qti-and or qti-or."""
    if len(conditions) == 1:
        return conditions[0]
    combined = etree.Element(qti(tag))
    combined.extend(conditions)
    return combined


def _mapped(response: FieldResponse) -> etree._Element:
    """Return 'the answer maps to at least 1' for a field."""
    test = etree.Element(qti("qti-gte"))
    sub(test, "qti-map-response", identifier=response.identifier)
    sub(test, "qti-base-value", "1", base_type="float")
    return test


def _dep_condition(responses: list[FieldResponse]) -> etree._Element:
    """Return 'each field fills a different solution group' for a QROCM-dep."""
    group_count = len(responses[0].groups)
    if len(responses) > DEP_PERMUTATION_LIMIT:
        fills = [
            _any([_equals(response, group) for group in range(group_count)])
            for response in responses
        ]
        return _all(fills + _distinct(responses))
    assignments = [
        _all(
            [
                _equals(response, group)
                for response, group in zip(responses, order, strict=True)
            ]
        )
        for order in itertools.permutations(range(group_count), len(responses))
    ]
    return _all([_any(assignments), *_distinct(responses)])


def _equals(response: FieldResponse, group: int) -> etree._Element:
    """Return 'the field's answer is one of the group's values'."""
    return _any([_value_test(response, value) for value in response.groups[group]])


def _value_test(response: FieldResponse, value: str) -> etree._Element:
    """Return the comparison of a field's answer with one value."""
    if response.base_type == "string":
        test = etree.Element(qti("qti-string-match"))
        test.set("case-sensitive", "true" if response.case_sensitive else "false")
    elif response.base_type == "float":
        test = etree.Element(qti("qti-equal"), {"tolerance-mode": "exact"})
    else:
        test = etree.Element(qti("qti-match"))
    sub(test, "qti-variable", identifier=response.identifier)
    sub(test, "qti-base-value", value, base_type=response.base_type)
    return test


def _distinct(responses: list[FieldResponse]) -> list[etree._Element]:
    """Return 'these two text fields differ' for every pair of text fields."""
    texts = [response for response in responses if response.base_type == "string"]
    conditions = []
    for first, second in itertools.combinations(texts, 2):
        test = etree.Element(qti("qti-string-match"))
        sensitive = first.case_sensitive and second.case_sensitive
        test.set("case-sensitive", "true" if sensitive else "false")
        sub(test, "qti-variable", identifier=first.identifier)
        sub(test, "qti-variable", identifier=second.identifier)
        negation = etree.Element(qti("qti-not"))
        negation.append(test)
        conditions.append(negation)
    return conditions
