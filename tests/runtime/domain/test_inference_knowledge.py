"""Skill inference along tubes and earned pix (DOMAIN.md §4)."""

import pytest

from runtime.domain.inference import (
    Answer,
    KnowledgeElement,
    Skill,
    earned_pix,
    infer,
    untested_skills,
)

WEB = [Skill(f"@rechercheWeb{level}", "@rechercheWeb", level) for level in range(1, 7)]
PASSWORD = [Skill(f"@motDePasse{level}", "@motDePasse", level) for level in (1, 2, 3)]
SCOPE = WEB + PASSWORD


def answered(skill_id: str, result: str = "ok") -> Answer:
    """Build the answer to the challenge "c-<skill>" of a skill."""
    return Answer(challenge_id=f"c-{skill_id}", skill_id=skill_id, result=result)


def direct(skill_id: str, validated: bool) -> KnowledgeElement:
    """Build a direct knowledge element."""
    return KnowledgeElement(skill_id, validated=validated, direct=True)


def inferred(skill_id: str, validated: bool) -> KnowledgeElement:
    """Build an inferred knowledge element."""
    return KnowledgeElement(skill_id, validated=validated, direct=False)


def test_success_infers_easier_skills_of_the_tube_validated():
    """A right answer on level 4 validates levels 1-3 of its tube, nothing else."""
    answers = [answered("@rechercheWeb4")]

    knowledge = infer(SCOPE, answers)

    assert knowledge == {
        "@rechercheWeb4": direct("@rechercheWeb4", True),
        "@rechercheWeb1": inferred("@rechercheWeb1", True),
        "@rechercheWeb2": inferred("@rechercheWeb2", True),
        "@rechercheWeb3": inferred("@rechercheWeb3", True),
    }


def test_failure_infers_harder_skills_of_the_tube_failed():
    """A wrong answer on level 4 fails levels 5-6 of its tube, nothing else."""
    answers = [answered("@rechercheWeb4", "ko")]

    knowledge = infer(SCOPE, answers)

    assert knowledge == {
        "@rechercheWeb4": direct("@rechercheWeb4", False),
        "@rechercheWeb5": inferred("@rechercheWeb5", False),
        "@rechercheWeb6": inferred("@rechercheWeb6", False),
    }


@pytest.mark.parametrize("result", ["ko", "timedout", "aband", "partially", ""])
def test_anything_but_ok_is_a_failure(result):
    """Only the result "ok" counts as a success."""
    answers = [answered("@motDePasse2", result)]

    knowledge = infer(SCOPE, answers)

    assert knowledge == {
        "@motDePasse2": direct("@motDePasse2", False),
        "@motDePasse3": inferred("@motDePasse3", False),
    }


def test_direct_answer_beats_an_earlier_inference():
    """Level 2 inferred validated, then answered wrong: the direct failure stays.

    The failure still infers the untested levels 4-6 failed, never level 3.
    """
    answers = [answered("@rechercheWeb3"), answered("@rechercheWeb2", "ko")]

    knowledge = infer(SCOPE, answers)

    assert knowledge == {
        "@rechercheWeb3": direct("@rechercheWeb3", True),
        "@rechercheWeb1": inferred("@rechercheWeb1", True),
        "@rechercheWeb2": direct("@rechercheWeb2", False),
        "@rechercheWeb4": inferred("@rechercheWeb4", False),
        "@rechercheWeb5": inferred("@rechercheWeb5", False),
        "@rechercheWeb6": inferred("@rechercheWeb6", False),
    }


def test_later_answer_never_overrides_a_direct_result():
    """Level 5 right after level 3 wrong: level 3 stays a direct failure."""
    answers = [answered("@rechercheWeb3", "ko"), answered("@rechercheWeb5")]

    knowledge = infer(SCOPE, answers)

    assert knowledge == {
        "@rechercheWeb3": direct("@rechercheWeb3", False),
        "@rechercheWeb4": inferred("@rechercheWeb4", False),
        "@rechercheWeb5": direct("@rechercheWeb5", True),
        "@rechercheWeb6": inferred("@rechercheWeb6", False),
        "@rechercheWeb1": inferred("@rechercheWeb1", True),
        "@rechercheWeb2": inferred("@rechercheWeb2", True),
    }


def test_inferred_skill_is_not_inferred_again():
    """Level 4 inferred failed by level 2 wrong stays failed after level 6 right."""
    answers = [answered("@rechercheWeb2", "ko"), answered("@rechercheWeb6")]

    knowledge = infer(SCOPE, answers)

    assert knowledge["@rechercheWeb4"] == inferred("@rechercheWeb4", False)
    assert knowledge["@rechercheWeb1"] == inferred("@rechercheWeb1", True)


def test_last_direct_answer_on_a_skill_wins():
    """An "improve" run answers level 2 twice: the second result is kept."""
    answers = [answered("@motDePasse2", "ko"), answered("@motDePasse2")]

    knowledge = infer(SCOPE, answers)

    assert knowledge == {
        "@motDePasse2": direct("@motDePasse2", True),
        "@motDePasse3": inferred("@motDePasse3", False),
        "@motDePasse1": inferred("@motDePasse1", True),
    }


def test_answer_outside_the_scope_is_kept_but_infers_nothing():
    """An unknown skill has no tube: only its direct element is recorded."""
    answers = [answered("@archive4")]

    knowledge = infer(SCOPE, answers)

    assert knowledge == {"@archive4": direct("@archive4", True)}


def test_untested_skills_are_neither_answered_nor_inferred():
    """After level 2 of the password tube right, only level 3 is left there."""
    knowledge = infer(SCOPE, [answered("@motDePasse2")])

    untested = untested_skills(PASSWORD, knowledge)

    assert untested == [PASSWORD[2]]


def test_earned_pix_sums_validated_skills_direct_or_inferred():
    """Validated: levels 1-3 (2 + 2 + 4 pix); failed and unknown skills earn 0."""
    knowledge = infer(
        SCOPE, [answered("@motDePasse3"), answered("@rechercheWeb1", "ko")]
    )
    pix_by_skill = {"@motDePasse1": 2.0, "@motDePasse2": 2.0, "@motDePasse3": 4.0}
    pix_by_skill["@rechercheWeb1"] = 8 / 3

    pix = earned_pix(knowledge, pix_by_skill)

    assert pix == pytest.approx(8.0)


def test_earned_pix_of_no_knowledge_is_zero():
    """Nothing tested, nothing earned."""
    pix = earned_pix({}, {"@motDePasse1": 4.0})

    assert pix == 0.0
