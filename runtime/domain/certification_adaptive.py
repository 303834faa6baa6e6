"""Scoring of an adaptive (IRT) certification (DOMAIN.md §4 and §7). No Django.

The scored answers (trial answers and neutralised ones left out) give the EAP
ability θ (runtime.domain.irt.estimate_ability). The global level is the
highest skill level whose cut the ability reaches; a level's cut is the median
difficulty b of the bank's calibrated challenges of that level, never below
the cut of an easier level (``level_cuts``, shared with positioning in
runtime.domain.irt).

Each certifiable competence is then certified at its profile level when the
global level reaches it; downgraded to the global level (8 pix less per level
lost) when that is at least 1; failed otherwise. Fewer than ``min_length``
scored answers reject the certification (DOMAIN.md §4: at least 20 needed);
fewer than two thirds of the answers counting sends it to the jury, as in the
classic test. The result has the classic result's shape
(certification_scoring.CertificationResult), so the jury, the pages and the
certificates read both alike; ``rate`` is the share of scored answers right.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from runtime.domain import irt
from runtime.domain.certification_scoring import (
    TRUSTED_SHARE,
    CertificationResult,
    CompetenceResult,
    Outcome,
    certified_pix,
    reproducibility_rate,
)


@dataclass(frozen=True)
class AdaptiveAnswer:
    """One answer of an adaptive certification as scoring sees it."""

    item: int
    """The challenge's number in the test's ItemBank."""
    competence: str
    correct: bool
    neutralized: bool = False
    trial: bool = False


level_cuts = irt.level_cuts


def global_level(ability: float, levels: np.ndarray, cuts: np.ndarray) -> int:
    """Return the highest level whose cut the ability reaches, 0 below all."""
    return irt.placed_level(ability, levels, cuts)


def score_adaptive_certification(
    answers: Iterable[AdaptiveAnswer],
    *,
    bank: irt.ItemBank,
    profile: Mapping[str, tuple[int, int]],
    cuts: tuple[np.ndarray, np.ndarray],
    min_length: int = irt.IrtConfig().min_length,
) -> CertificationResult:
    """Score an adaptive certification from its answers in order.

    ``profile`` maps each certifiable competence to (profile pix, profile
    level) at the start; ``cuts`` is ``level_cuts`` of the test's bank.
    """
    scored = [answer for answer in answers if not answer.trial]
    counted = [answer for answer in scored if not answer.neutralized]
    estimate = irt.estimate_ability(
        bank,
        [answer.item for answer in counted],
        [answer.correct for answer in counted],
    )
    level = global_level(estimate.ability, *cuts)
    correct = sum(answer.correct for answer in counted)
    rate = reproducibility_rate(correct=correct, non_neutralized=len(counted))
    rejected = len(counted) < min_length
    needs_jury = bool(scored) and len(counted) < TRUSTED_SHARE * len(scored)
    results = tuple(
        _competence(code, pix, profile_level, level, scored, rejected)
        for code, (pix, profile_level) in profile.items()
    )
    reason = (
        f"adaptive: {len(counted)} scored answers, ability "
        f"{estimate.ability:.2f} ± {estimate.standard_error:.2f}, global level {level}"
    )
    if rejected:
        reason = f"rejected: {len(counted)} scored answers < {min_length}; " + reason
    if needs_jury:
        reason += f"; only {len(counted)} of {len(scored)} answers count: jury review"
    return CertificationResult(
        rate=rate,
        rejected=rejected,
        needs_jury=needs_jury,
        pix=0 if rejected else sum(result.pix for result in results),
        competences=results,
        reason=reason,
    )


def _competence(code, profile_pix, profile_level, level, scored, rejected):
    """Return one competence's result from the global level."""
    own = [answer for answer in scored if answer.competence == code]
    certified = None if rejected or level < 1 else min(level, profile_level)
    if certified == profile_level:
        outcome = Outcome.CERTIFIED
    elif certified is not None:
        outcome = Outcome.DOWNGRADED
    else:
        outcome = Outcome.FAILED
    return CompetenceResult(
        competence=code,
        asked=len(own),
        correct=sum(a.correct for a in own if not a.neutralized),
        neutralized=sum(a.neutralized for a in own),
        profile_level=profile_level,
        outcome=outcome,
        level=certified,
        pix=certified_pix(
            profile_pix=profile_pix, profile_level=profile_level, level=certified
        ),
        reason=f"global level {level}, profile level {profile_level}: {outcome.value}",
    )
