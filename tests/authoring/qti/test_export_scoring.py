"""QTI 3.0 export: the response processing scores the accepted answers."""

import pytest

from tests.factories import make_challenge

from .helpers import export, only_item, q
from .interpreter import score

pytestmark = pytest.mark.django_db


def test_every_accepted_variant_of_a_text_field_scores():
    """The mapping gives 1 to each variant; without T1 the match is case-sensitive."""
    tolerant = make_challenge(type="QROC")
    strict = make_challenge(type="QROC", tolerance_t1=False)

    items = [only_item(export([tolerant])[0]), only_item(export([strict])[0])]

    entries = [
        [
            (e.get("map-key"), e.get("case-sensitive"))
            for e in it.iter(q("qti-map-entry"))
        ]
        for it in items
    ]
    assert entries == [
        [("Paris", "false"), ("paris intra-muros", "false")],
        [("Paris", "true"), ("paris intra-muros", "true")],
    ]
    answers = ["PARIS", "paris intra-muros", "Lyon", ""]
    assert [score(items[0], {"RESPONSE_reponse": a}) for a in answers] == [1, 1, 0, 0]
    assert [score(items[1], {"RESPONSE_reponse": a}) for a in answers] == [0, 1, 0, 0]


def test_qrocm_ind_scores_only_when_every_field_is_right():
    """Each field is checked against its own variants."""
    item = only_item(export([make_challenge(type="QROCM-ind")])[0])

    scores = [
        score(item, {"RESPONSE_ville": ville, "RESPONSE_cp": cp})
        for ville, cp in [("paris", "75001"), ("Paris", "75002"), ("75001", "Paris")]
    ]

    assert scores == [1, 0, 0]


def test_qrocm_dep_accepts_the_groups_in_any_order_but_not_twice_the_same():
    """Order-free matching: each field fills a different solution group."""
    challenge = make_challenge(
        type="QROCM-dep",
        proposals="${a} et ${b}",
        solution="a:\n- Paris\n- paname\nb:\n- Lyon",
    )
    item = only_item(export([challenge])[0])

    scores = [
        score(item, {"RESPONSE_a": first, "RESPONSE_b": second})
        for first, second in [
            ("Paris", "Lyon"),
            ("lyon", "PANAME"),
            ("Paris", "paname"),
            ("Lyon", "Lyon"),
        ]
    ]

    assert scores == [1, 1, 0, 0]


def test_a_qrocm_dep_with_many_fields_lets_each_field_take_any_group():
    """Past six fields the permutations are replaced by 'any group, all distinct'."""
    keys = "abcdefg"
    challenge = make_challenge(
        type="QROCM-dep",
        proposals=" ".join(f"${{{key}}}" for key in keys),
        solution="\n".join(f"{key}: mot{key}" for key in keys),
    )
    item = only_item(export([challenge])[0])
    reversed_answers = {
        f"RESPONSE_{key}": f"mot{other}"
        for key, other in zip(keys, reversed(keys), strict=True)
    }

    scores = [
        score(item, reversed_answers),
        score(item, reversed_answers | {"RESPONSE_a": "motb", "RESPONSE_b": "motb"}),
        score(item, reversed_answers | {"RESPONSE_a": "autre"}),
    ]

    assert scores == [1, 0, 0]


def test_a_drop_down_is_an_inline_choice_with_exact_identifiers():
    """${r options=[…]} becomes a qti-inline-choice-interaction; no tolerance."""
    challenge = make_challenge(
        type="QROC", proposals='Format : ${r options=["A","B"]}', solution="B"
    )

    item = only_item(export([challenge])[0])

    interaction = next(item.iter(q("qti-inline-choice-interaction")))
    assert [(c.get("identifier"), c.text) for c in interaction] == [
        ("CHOICE_1", "A"),
        ("CHOICE_2", "B"),
    ]
    assert [score(item, {"RESPONSE_r": v}) for v in ("CHOICE_2", "CHOICE_1")] == [1, 0]
