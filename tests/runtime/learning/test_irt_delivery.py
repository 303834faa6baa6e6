"""Knowledge an IRT positioning test infers from the ability at its end."""

import numpy as np

from runtime.domain import certification_adaptive, inference, irt
from runtime.item_banks import Bank
from runtime.learning.services.irt_delivery import (
    Step,
    ability_knowledge,
    history_entries,
    history_steps,
    scored,
)


def tube_bank() -> tuple[Bank, inference.Scope]:
    """One tube: s1 (level 1, decided elsewhere), s2 (b -0.5), s3 (b 0.5),
    s4 (level 4, a challenge without parameters), s5 (level 2, no challenge)."""
    items = irt.ItemBank(
        ids=["c2", "c3", "c4"],
        discrimination=[1.5, 1.5, np.nan],
        difficulty=[-0.5, 0.5, np.nan],
        skills=["s2", "s3", "s4"],
        tubes=["t"] * 3,
        competences=["k"] * 3,
        calibrated=[True, True, False],
    )
    levels = np.array([2, 3, 4])
    bank = Bank(
        items=items,
        levels=levels,
        cuts=certification_adaptive.level_cuts(levels, items.b, items.calibrated),
        skill_items={"s2": np.array([0]), "s3": np.array([1]), "s4": np.array([2])},
    )
    skills = [("s1", 1), ("s2", 2), ("s3", 3), ("s4", 4), ("s5", 2)]
    scope = inference.Scope(
        tuple(inference.Skill(skill, "t", level) for skill, level in skills)
    )
    return bank, scope


def test_undecided_skills_are_validated_when_a_right_answer_is_likely():
    """P(right | θ) ≥ 0.5 on the skill's calibrated challenges; without one,
    the ability must reach the level's cut (level 2: -0.5, level 3: 0.5)."""
    bank, scope = tube_bank()

    at_zero = ability_knowledge(bank, scope, 0.0, {"s1"})
    at_one = ability_knowledge(bank, scope, 1.0, {"s1"})
    low = ability_knowledge(bank, scope, -1.0, {"s1"})

    assert at_zero == [("s2", True), ("s3", False), ("s4", False), ("s5", True)]
    assert at_one == [("s2", True), ("s3", True), ("s4", False), ("s5", True)]
    assert low == [("s2", False), ("s3", False), ("s4", False), ("s5", False)]


def test_histories_keep_a_trial_flag_only_on_trial_answers():
    stored = [["c1", "s1", "ok"], ["c2", "s2", "ko", True]]

    steps = history_steps(stored)

    assert steps == [Step("c1", "s1", "ok"), Step("c2", "s2", "ko", True)]
    assert history_entries(steps) == stored
    assert scored(steps) == [inference.Answer("c1", "s1", "ok")]
