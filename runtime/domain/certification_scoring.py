"""Scoring of a classic certification (DOMAIN.md §7). No Django.

A certification asks up to three challenges per certifiable competence. Every
answer is correct, wrong or skipped, and a challenge may be neutralised (by the
jury, or automatically after a qualifying incident report): a neutralised
challenge counts neither for nor against the candidate.

The global reproducibility rate R = round(100 * correct / non-neutralised)
decides everything: below 50 % the whole certification is rejected; otherwise
each competence is certified at its profile level, downgraded one level (8 pix
less), or failed (0 pix), by the table of DOMAIN.md §7.
"""

import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass

from runtime.domain.scoring import PIX_PER_LEVEL

REJECTION_THRESHOLD = 50
"""Below this reproducibility rate (%) the certification is rejected."""
HIGH_RATE = 80
LOW_RATE = 70
TRUSTED_SHARE = 2 / 3
"""Below this share of non-neutralised answers the jury must look at the result."""
CHALLENGES_PER_COMPETENCE = 3


class Outcome(enum.StrEnum):
    CERTIFIED = "certified"
    DOWNGRADED = "downgraded"
    FAILED = "failed"


def reproducibility_rate(*, correct: int, non_neutralized: int) -> int:
    """Return round(100 * correct / non-neutralised), 0 when nothing counts.

    Rounding is half up (73.5 → 74), as a person reading the rule would do it,
    not Python's round-half-to-even.
    """
    if correct < 0 or non_neutralized < 0:
        raise ValueError("counts cannot be negative")
    if correct > non_neutralized:
        raise ValueError("more correct answers than counted answers")
    if non_neutralized == 0:
        return 0
    return math.floor(100 * correct / non_neutralized + 0.5)


def _by_rate(rate: int, *, certified_from: int, downgraded_from: int | None) -> Outcome:
    if rate >= certified_from:
        return Outcome.CERTIFIED
    if downgraded_from is not None and rate >= downgraded_from:
        return Outcome.DOWNGRADED
    return Outcome.FAILED


def competence_outcome(
    *, challenges_asked: int, correct: int, neutralized: int, reproducibility_rate: int
) -> Outcome:
    """Apply one row of the per-competence table; ValueError when none applies."""
    asked, rate = challenges_asked, reproducibility_rate
    if not 1 <= asked <= CHALLENGES_PER_COMPETENCE:
        raise ValueError(f"{asked} challenges asked: a competence asks 1 to 3")
    if correct < 0 or neutralized < 0 or correct + neutralized > asked:
        raise ValueError(
            f"{correct} correct and {neutralized} neutralised out of {asked} asked"
        )
    if not 0 <= rate <= 100:
        raise ValueError(f"reproducibility rate {rate} is not a percentage")
    if correct == 0:
        return Outcome.FAILED
    always = Outcome.CERTIFIED
    table = {
        (3, 3, 0): lambda: always,
        (3, 2, 0): lambda: _by_rate(rate, certified_from=HIGH_RATE, downgraded_from=0),
        (3, 2, 1): lambda: always,
        (3, 1, 1): lambda: _by_rate(
            rate, certified_from=HIGH_RATE, downgraded_from=LOW_RATE
        ),
        (3, 1, 2): lambda: _by_rate(rate, certified_from=LOW_RATE, downgraded_from=0),
        (3, 1, 0): lambda: Outcome.FAILED,
        (2, 2, 0): lambda: always,
        (2, 1, 0): lambda: _by_rate(
            rate, certified_from=HIGH_RATE, downgraded_from=LOW_RATE
        ),
        (2, 1, 1): lambda: _by_rate(rate, certified_from=LOW_RATE, downgraded_from=0),
        (1, 1, 0): lambda: _by_rate(rate, certified_from=LOW_RATE, downgraded_from=0),
    }
    rule = table.get((asked, correct, neutralized))
    if rule is None:
        raise ValueError(
            f"no rule for {asked} asked, {correct} correct, {neutralized} neutralised"
        )
    return rule()


def certified_level(
    *,
    challenges_asked: int,
    correct: int,
    neutralized: int,
    profile_level: int,
    reproducibility_rate: int,
) -> int | None:
    """Return the certified level of one competence, None when not certified.

    None when the certification is rejected (R < 50), when the table says
    failed, or when a downgrade would fall below level 1. Raises ValueError
    when no rule of the table applies.
    """
    if profile_level < 1:
        raise ValueError(
            f"profile level {profile_level}: only levels ≥ 1 are certified"
        )
    outcome = competence_outcome(
        challenges_asked=challenges_asked,
        correct=correct,
        neutralized=neutralized,
        reproducibility_rate=reproducibility_rate,
    )
    if reproducibility_rate < REJECTION_THRESHOLD:
        return None
    if outcome is Outcome.CERTIFIED:
        return profile_level
    if outcome is Outcome.DOWNGRADED and profile_level > 1:
        return profile_level - 1
    return None


def certified_pix(*, profile_pix: int, profile_level: int, level: int | None) -> int:
    """Pix a competence keeps: all when certified, 8 less per level lost, else 0."""
    if level is None:
        return 0
    return max(0, profile_pix - PIX_PER_LEVEL * (profile_level - level))


@dataclass(frozen=True)
class AnswerRecord:
    """One certification answer as scoring sees it."""

    competence: str
    correct: bool
    neutralized: bool


@dataclass(frozen=True)
class CompetenceResult:
    competence: str
    asked: int
    correct: int
    neutralized: int
    profile_level: int
    outcome: Outcome
    level: int | None
    pix: int
    reason: str


@dataclass(frozen=True)
class CertificationResult:
    rate: int
    rejected: bool
    needs_jury: bool
    pix: int
    competences: tuple[CompetenceResult, ...]
    reason: str


def score_certification(
    answers: Iterable[AnswerRecord],
    *,
    profile: dict[str, tuple[int, int]],
) -> CertificationResult:
    """Score a whole classic certification.

    ``profile`` maps each certifiable competence to (profile pix, profile level)
    at the start of the test. Every decision carries its reason, in English
    for the audit log (the pages translate the outcome, not the reason).
    """
    counts: dict[str, list[int]] = {code: [0, 0, 0] for code in profile}
    for answer in answers:
        if answer.competence not in counts:
            raise ValueError(f"answer on {answer.competence}, not in the profile")
        entry = counts[answer.competence]
        entry[0] += 1
        if answer.neutralized:
            entry[2] += 1
        elif answer.correct:
            entry[1] += 1
    asked = sum(entry[0] for entry in counts.values())
    neutralized = sum(entry[2] for entry in counts.values())
    correct = sum(entry[1] for entry in counts.values())
    rate = reproducibility_rate(correct=correct, non_neutralized=asked - neutralized)
    rejected = rate < REJECTION_THRESHOLD
    needs_jury = asked > 0 and (asked - neutralized) < TRUSTED_SHARE * asked
    results = []
    for code, (n_asked, n_correct, n_neutralized) in counts.items():
        if n_asked == 0:
            continue
        profile_pix, profile_level = profile[code]
        outcome = competence_outcome(
            challenges_asked=n_asked,
            correct=n_correct,
            neutralized=n_neutralized,
            reproducibility_rate=rate,
        )
        level = certified_level(
            challenges_asked=n_asked,
            correct=n_correct,
            neutralized=n_neutralized,
            profile_level=profile_level,
            reproducibility_rate=rate,
        )
        reason = (
            f"{n_asked} asked, {n_correct} correct, {n_neutralized} neutralised, "
            f"R={rate}: {outcome.value}"
        )
        if rejected:
            reason += f"; certification rejected (R < {REJECTION_THRESHOLD})"
        elif outcome is Outcome.DOWNGRADED and level is None:
            reason += "; downgrade below level 1 is not certified"
        results.append(
            CompetenceResult(
                competence=code,
                asked=n_asked,
                correct=n_correct,
                neutralized=n_neutralized,
                profile_level=profile_level,
                outcome=outcome,
                level=level,
                pix=certified_pix(
                    profile_pix=profile_pix, profile_level=profile_level, level=level
                ),
                reason=reason,
            )
        )
    total = 0 if rejected else sum(result.pix for result in results)
    if rejected:
        reason = f"rejected: reproducibility rate {rate} % < {REJECTION_THRESHOLD} %"
    else:
        reason = f"validated: reproducibility rate {rate} %"
    if needs_jury:
        reason += f"; only {asked - neutralized} of {asked} answers count: jury review"
    return CertificationResult(
        rate=rate,
        rejected=rejected,
        needs_jury=needs_jury,
        pix=total,
        competences=tuple(results),
        reason=reason,
    )
