"""Pix values, competence levels and profile totals (DOMAIN.md §5). No Django."""

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass

PIX_PER_LEVEL = 8
MAX_PIX_PER_SKILL = 4.0
COMPETENCE_COUNT = 16
EARNED_PIX_DECIMALS = 4
"""Σ earned pix is rounded to this many decimals before it is floored."""


def skill_pix_value(active_skills_at_level: int) -> float:
    """Return a skill's pix value: min(4, 8 / N).

    N is the number of active skills of the same level in the same competence
    (N >= 1); a competence level is therefore worth 8 pix at most.
    """
    if active_skills_at_level < 1:
        raise ValueError("a skill's level counts at least the skill itself")
    return min(MAX_PIX_PER_SKILL, PIX_PER_LEVEL / active_skills_at_level)


def level_pix(active_skills_at_level: int) -> float:
    """Return what a competence level with N active skills is worth: N · min(4, 8 / N).

    4 pix with a single skill, 8 from two skills on (0 without any): a level
    reaches its 8 pix only with at least two active skills.
    """
    if active_skills_at_level < 1:
        return 0.0
    total = active_skills_at_level * skill_pix_value(active_skills_at_level)
    return round(total, EARNED_PIX_DECIMALS)


@dataclass(frozen=True)
class CompetenceScore:
    """Pix (whole number) and level (0 to the cap) of one competence."""

    pix: int
    level: int


def competence_score(earned_pix: float, *, max_level: int) -> CompetenceScore:
    """Return pix = min(floor(round(Σ earned pix, 4)), max_level * 8), level = pix // 8.

    max_level is the highest reachable level (1-8; the public service uses 5).

    The sum is rounded to 4 decimals first, so that a level made of skills of
    8/N pix counts 8 whole pix: float sums such as 6 * 8/6 = 7.999…, and the
    values older releases stored rounded to 6 decimals (6 * 1.333333 =
    7.999998). Rounding cannot lift a real total below a whole number to it:
    every real total is a sum of multiples of 8/N_l (N_l the skill count of
    level l), so one below a whole number k is below it by at least 1/lcm(N_l),
    2e-4 or more while the counts stay at 10 skills per level or fewer
    (lcm(1..10) = 2520), whereas rounding moves the sum by 5e-5 at most and the
    6-decimal values are off by 5e-7 each (3.2e-5 over 64 skills).
    """
    if not 1 <= max_level <= 8:
        raise ValueError("the reachable level is between 1 and 8")
    whole = math.floor(round(earned_pix, EARNED_PIX_DECIMALS))
    pix = min(whole, max_level * PIX_PER_LEVEL)
    return CompetenceScore(pix=max(pix, 0), level=max(pix, 0) // PIX_PER_LEVEL)


def profile_total(scores: Iterable[CompetenceScore]) -> int:
    """Return the profile's pix: the sum over competences (at most 16 * 64)."""
    return sum(score.pix for score in scores)


def can_improve(
    *,
    last_answer_at: datetime.datetime | None,
    now: datetime.datetime,
    level: int,
    max_level: int,
    delay: datetime.timedelta = datetime.timedelta(days=4),
) -> bool:
    """Return True when a finished competence may be improved.

    Allowed once ``delay`` has passed since the last answer on it, unless the
    competence is already at the reachable maximum.
    """
    if last_answer_at is None or level >= max_level:
        return False
    return now - last_answer_at >= delay


def days_until_improvement(
    *,
    last_answer_at: datetime.datetime,
    now: datetime.datetime,
    delay: datetime.timedelta = datetime.timedelta(days=4),
) -> int:
    """Return the whole days left before an improvement: ceil(wait / 1 day), >= 0.

    3.5 days left is said "dans 4 jours": the learner is never told too early.
    """
    left = last_answer_at + delay - now
    if left <= datetime.timedelta(0):
        return 0
    return -(-left // datetime.timedelta(days=1))


def can_reset(
    *,
    last_answer_at: datetime.datetime | None,
    now: datetime.datetime,
    delay: datetime.timedelta = datetime.timedelta(days=7),
) -> bool:
    """Return True when a competence may be reset: ``delay`` after its last answer."""
    return last_answer_at is not None and now - last_answer_at >= delay


def kept_for_improvement(
    results: Iterable[tuple[str, bool, datetime.datetime]],
    *,
    now: datetime.datetime,
    delay: datetime.timedelta = datetime.timedelta(days=4),
) -> set[str]:
    """Return the skill ids whose results an improvement run keeps.

    ``results`` are (skill id, validated, answered at). Validated results are
    kept; failed results older than ``delay`` are dropped to be tested again.
    """
    return {
        skill_id
        for skill_id, validated, answered_at in results
        if validated or now - answered_at < delay
    }
