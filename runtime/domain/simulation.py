"""Simulated learners played through the adaptive test and scoring. No Django.

A simulated learner has a true level T (0-8) and answers a challenge of a
skill of level L right with probability 1 - slip when L <= T, and with
probability guess otherwise. ``play_test`` drives one learner through the
real ``inference.next_challenge`` (seeded per step as the runtime seeds it)
and scores the knowledge with the real ``scoring.competence_score``;
``summarise`` gives the figures the bench prints and the tests assert.
"""

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import inference, scoring

LOCALE = "fr-fr"
MAX_QUESTIONS = 100
"""A safety net: a test asks at most one question per skill of its scope."""


@dataclass(frozen=True)
class LearnerModel:
    """How a simulated learner answers: slip and guess probabilities (0-1)."""

    slip: float = 0.10
    guess: float = 0.15

    def succeeds(self, skill_level: int, true_level: int, rng: random.Random) -> bool:
        """Return True when the learner answers a challenge of this level right."""
        chance = 1 - self.slip if skill_level <= true_level else self.guess
        return rng.random() < chance


@dataclass(frozen=True)
class PlayedTest:
    """One simulated test: the learner's true level, what was served, the score."""

    true_level: int
    served: tuple[str, ...]
    placed_level: int
    pix: int


def play_test(
    scope: inference.Scope,
    pix_by_skill: Mapping[str, float],
    *,
    true_level: int,
    key: str,
    model: LearnerModel = LearnerModel(),
    max_level: int = 8,
) -> PlayedTest:
    """Return the outcome of one learner's positioning test on ``scope``.

    ``key`` seeds everything: the learner's answers, and the inference's draws
    at each step (``random.Random(f"{key}:{answer count}")``, as the runtime
    seeds them with the assessment id). The level is scored uncapped by
    default (``max_level`` 8), to measure the placement itself.
    """
    answers_rng = random.Random(f"{key}:answers")  # noqa: S311 - a simulation
    answers: list[inference.Answer] = []
    while len(answers) < MAX_QUESTIONS:
        challenge_id = inference.next_challenge(
            skills=scope,
            answers=answers,
            locale=LOCALE,
            seen_challenge_ids=(),
            rng=random.Random(f"{key}:{len(answers)}"),  # noqa: S311 - a simulation
        )
        if challenge_id is None:
            break
        skill_id = scope.challenges_by_id[challenge_id].skill_id
        level = scope.skills_by_id[skill_id].level
        right = model.succeeds(level, true_level, answers_rng)
        answers.append(
            inference.Answer(challenge_id, skill_id, "ok" if right else "ko")
        )
    earned = inference.earned_pix(inference.infer(scope, answers), pix_by_skill)
    score = scoring.competence_score(earned, max_level=max_level)
    return PlayedTest(
        true_level=true_level,
        served=tuple(answer.challenge_id for answer in answers),
        placed_level=score.level,
        pix=score.pix,
    )


@dataclass(frozen=True)
class Summary:
    """Figures over many tests of one scope (shares are 0-1)."""

    tests: int
    exact: float
    within_one: float
    mean_questions: float
    most_served: str
    most_served_share: float
    bank_served_share: float


def summarise(outcomes: Sequence[PlayedTest], bank: Sequence[str]) -> Summary:
    """Return the figures of ``outcomes``; ``bank`` lists the servable challenges.

    - exact / within_one: share of tests placing the learner at their true
      level / at most one level away;
    - most_served_share: share of tests in which the most-served challenge
      was asked (1.0: every learner meets it);
    - bank_served_share: share of ``bank`` asked in at least one test.
    """
    count = len(outcomes)
    per_test = Counter(
        challenge for outcome in outcomes for challenge in set(outcome.served)
    )
    most_served, most_count = max(
        sorted(per_test.items()), key=lambda item: item[1], default=("", 0)
    )
    return Summary(
        tests=count,
        exact=sum(o.placed_level == o.true_level for o in outcomes) / count,
        within_one=sum(abs(o.placed_level - o.true_level) <= 1 for o in outcomes)
        / count,
        mean_questions=sum(len(o.served) for o in outcomes) / count,
        most_served=most_served,
        most_served_share=most_count / count,
        bank_served_share=len(set(per_test) & set(bank)) / len(bank) if bank else 0.0,
    )
