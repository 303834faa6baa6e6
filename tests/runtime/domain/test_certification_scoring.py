"""Golden values for the classic certification scoring of DOMAIN.md §7."""

import pytest

from runtime.domain.certification_scoring import (
    AnswerRecord,
    Outcome,
    certified_level,
    competence_outcome,
    reproducibility_rate,
    score_certification,
)


@pytest.mark.parametrize(
    ("correct", "counted", "rate"),
    [
        (0, 0, 0),  # everything neutralised
        (0, 9, 0),
        (9, 9, 100),
        (2, 3, 67),
        (1, 3, 33),
        (147, 200, 74),  # 73.5 rounds half up
        (159, 200, 80),  # 79.5 rounds half up: the 80 % edge
        (139, 200, 70),  # 69.5 → 70: the 70 % edge
        (99, 200, 50),  # 49.5 → 50: the rejection edge
        (98, 200, 49),
    ],
)
def test_reproducibility_rate(correct, counted, rate):
    assert reproducibility_rate(correct=correct, non_neutralized=counted) == rate


def test_reproducibility_rate_refuses_impossible_counts():
    with pytest.raises(ValueError, match="more correct"):
        reproducibility_rate(correct=4, non_neutralized=3)
    with pytest.raises(ValueError, match="negative"):
        reproducibility_rate(correct=-1, non_neutralized=3)


# (asked, correct, neutralised): outcome at R = 85, 80, 79, 75, 70, 69, 50
RATES = (85, 80, 79, 75, 70, 69, 50)
C, D, F = Outcome.CERTIFIED, Outcome.DOWNGRADED, Outcome.FAILED
TABLE = {
    (3, 3, 0): (C, C, C, C, C, C, C),
    (3, 2, 0): (C, C, D, D, D, D, D),
    (3, 2, 1): (C, C, C, C, C, C, C),
    (3, 1, 1): (C, C, D, D, D, F, F),
    (3, 1, 2): (C, C, C, C, C, D, D),
    (3, 1, 0): (F, F, F, F, F, F, F),
    (2, 2, 0): (C, C, C, C, C, C, C),
    (2, 1, 0): (C, C, D, D, D, F, F),
    (2, 1, 1): (C, C, C, C, C, D, D),
    (1, 1, 0): (C, C, C, C, C, D, D),
    (3, 0, 0): (F,) * 7,
    (3, 0, 3): (F,) * 7,
    (2, 0, 1): (F,) * 7,
    (1, 0, 1): (F,) * 7,
    (1, 0, 0): (F,) * 7,
}


@pytest.mark.parametrize("row", sorted(TABLE))
def test_every_row_of_the_competence_table(row):
    asked, correct, neutralized = row
    got = tuple(
        competence_outcome(
            challenges_asked=asked,
            correct=correct,
            neutralized=neutralized,
            reproducibility_rate=rate,
        )
        for rate in RATES
    )
    assert got == TABLE[row]


@pytest.mark.parametrize(
    ("asked", "correct", "neutralized"),
    [(4, 3, 0), (0, 0, 0), (3, 3, 1), (2, 2, 1), (3, 2, 2), (1, 1, 1), (3, -1, 0)],
)
def test_no_rule_applies_is_an_error_not_a_silent_result(asked, correct, neutralized):
    with pytest.raises(ValueError, match="asked"):
        certified_level(
            challenges_asked=asked,
            correct=correct,
            neutralized=neutralized,
            profile_level=3,
            reproducibility_rate=90,
        )


@pytest.mark.parametrize(
    ("asked", "correct", "neutralized", "rate", "level"),
    [
        (3, 3, 0, 90, 4),
        (3, 2, 0, 80, 4),  # the 80 % edge certifies
        (3, 2, 0, 79, 3),  # just below: downgraded one level
        (3, 1, 1, 70, 3),  # the 70 % edge downgrades
        (3, 1, 1, 69, None),  # just below: failed
        (3, 3, 0, 49, None),  # rejected certification: nothing is certified
        (3, 3, 0, 50, 4),  # the 50 % edge is not rejected
        (3, 0, 0, 95, None),
    ],
)
def test_certified_level_at_the_edges(asked, correct, neutralized, rate, level):
    assert (
        certified_level(
            challenges_asked=asked,
            correct=correct,
            neutralized=neutralized,
            profile_level=4,
            reproducibility_rate=rate,
        )
        == level
    )


def test_a_downgrade_from_level_one_is_not_certified():
    assert (
        certified_level(
            challenges_asked=3,
            correct=2,
            neutralized=0,
            profile_level=1,
            reproducibility_rate=75,
        )
        is None
    )


def answers(competence, pattern):
    """'c' correct, 'w' wrong, 'n' neutralised (whatever the answer was)."""
    return [
        AnswerRecord(
            competence=competence, correct=mark == "c", neutralized=mark == "n"
        )
        for mark in pattern
    ]


def test_score_a_whole_certification():
    # 7 correct of 8 counted answers, 1 neutralised: R = round(87.5) = 88.
    result = score_certification(
        answers("1.1", "ccc") + answers("2.1", "cwn") + answers("3.1", "ccc"),
        profile={"1.1": (27, 3), "2.1": (40, 5), "3.1": (9, 1), "4.1": (20, 2)},
    )
    assert result.rate == 88
    assert not result.rejected
    assert not result.needs_jury
    by_code = {item.competence: item for item in result.competences}
    assert set(by_code) == {"1.1", "2.1", "3.1"}  # nothing asked on 4.1
    assert (by_code["1.1"].level, by_code["1.1"].pix) == (3, 27)
    assert by_code["2.1"].outcome is Outcome.CERTIFIED  # 3 asked, 1 correct, 1 neutr.
    assert (by_code["2.1"].level, by_code["2.1"].pix) == (5, 40)
    assert result.pix == 27 + 40 + 9
    assert "R=88" in by_code["2.1"].reason


def test_downgraded_competence_loses_eight_pix_and_failed_gets_none():
    # 6 correct of 9: R = 67; 2/3 correct without neutralisation → downgraded.
    result = score_certification(
        answers("1.1", "ccw") + answers("2.1", "ccw") + answers("3.1", "ccw"),
        profile={"1.1": (27, 3), "2.1": (40, 5), "3.1": (12, 1)},
    )
    assert result.rate == 67
    by_code = {item.competence: item for item in result.competences}
    assert (by_code["1.1"].level, by_code["1.1"].pix) == (2, 19)
    assert (by_code["2.1"].level, by_code["2.1"].pix) == (4, 32)
    assert (by_code["3.1"].level, by_code["3.1"].pix) == (None, 0)
    assert result.pix == 19 + 32


def test_below_fifty_percent_the_certification_is_rejected():
    result = score_certification(
        answers("1.1", "cww") + answers("2.1", "ccw"),
        profile={"1.1": (27, 3), "2.1": (40, 5)},
    )
    assert result.rate == 50
    assert not result.rejected
    result = score_certification(
        answers("1.1", "cww") + answers("2.1", "cww") + answers("3.1", "ccw"),
        profile={"1.1": (27, 3), "2.1": (40, 5), "3.1": (16, 2)},
    )
    assert result.rate == 44
    assert result.rejected
    assert result.pix == 0
    assert all(item.level is None for item in result.competences)
    assert result.reason.startswith("rejected")


def test_neutralising_a_wrong_answer_raises_the_result():
    profile = {"1.1": (27, 3), "2.1": (40, 5)}
    before = score_certification(
        answers("1.1", "ccw") + answers("2.1", "cww"), profile=profile
    )
    after = score_certification(
        answers("1.1", "ccn") + answers("2.1", "cwn"), profile=profile
    )
    assert before.rate == 50
    assert after.rate == 75
    assert [item.level for item in before.competences] == [2, None]
    assert [item.level for item in after.competences] == [3, 4]


def test_too_many_neutralised_answers_go_to_the_jury():
    result = score_certification(
        answers("1.1", "cnn") + answers("2.1", "cnw"),
        profile={"1.1": (27, 3), "2.1": (40, 5)},
    )
    assert result.needs_jury  # 3 of 6 answers count: fewer than two thirds
    assert "jury" in result.reason
    result = score_certification(
        answers("1.1", "ccn") + answers("2.1", "cwc"),
        profile={"1.1": (27, 3), "2.1": (40, 5)},
    )
    assert not result.needs_jury  # 5 of 6


def test_an_answer_outside_the_profile_is_an_error():
    with pytest.raises(ValueError, match="not in the profile"):
        score_certification(answers("9.9", "c"), profile={"1.1": (27, 3)})
