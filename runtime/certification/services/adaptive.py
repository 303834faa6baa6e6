"""Adaptive (IRT) certification delivery: the bank, the next challenge, exposure.

A session in adaptive mode gives each candidate an IRT test (DOMAIN.md §4,
runtime.domain.irt) over the challenges of their certifiable competences,
when the release carries accepted parameters for enough of them
(``unavailable_reason``); otherwise the candidate gets the classic test and
the test keeps why. After each answer the test's state is rebuilt from its
stored answers (``AdaptiveTest.replay``) and the next challenge is drawn
(seeded by the test's seed and position) and stored in ``picks``: a reload
or another worker shows the stored challenge, never a new draw.

Each challenge served counts in ``ItemExposure`` (per release), whose rates
leave out the over-served challenges (exposure control); every
``CERTIFICATION_TRIAL_EVERY``-th position is a trial slot that asks an
uncalibrated challenge, the least answered first, stored with
``CertificationAnswer.trial`` so a calibration run can use it; it never
changes the candidate's result.
"""

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from runtime import item_banks
from runtime.domain import certification_adaptive, irt
from runtime.domain.certification_scoring import CertificationResult

from ..enums import SessionMode
from ..models import CertificationTest, ItemExposure

LENGTH = 32
MIN_LENGTH = 20
MIN_CALIBRATED = 2 * LENGTH
"""Calibrated challenges a release (and a candidate's bank) needs for IRT."""

Bank = item_banks.Bank


def config() -> irt.IrtConfig:
    """Return how an adaptive certification runs (32 scored answers, trials)."""
    return irt.IrtConfig(
        length=LENGTH,
        min_length=MIN_LENGTH,
        trial_every=settings.CERTIFICATION_TRIAL_EVERY,
    )


def _calibrated_count(challenges) -> int:
    return sum(challenge.calibration.calibrated for challenge in challenges)


def unavailable_reason(index) -> str | None:
    """Return why the release cannot serve adaptive tests, None when it can."""
    if index is None:
        return _("Aucune release n'est publiée.")
    challenges = list(index.challenges.values())
    calibrated = _calibrated_count(challenges)
    if irt.enough_calibrated(calibrated, len(challenges), minimum=MIN_CALIBRATED):
        return None
    return _(
        "La release en service porte des paramètres calibrés (difficulté et "
        "discrimination) pour %(calibrated)d épreuves sur %(total)d : le mode "
        "adaptatif en demande au moins %(minimum)d et %(share)d sur 100. Les "
        "candidats passent le test classique d'ici là."
    ) % {
        "calibrated": calibrated,
        "total": len(challenges),
        "minimum": MIN_CALIBRATED,
        "share": round(100 * irt.MIN_CALIBRATED_SHARE),
    }


def test_bank(index, competences) -> Bank:
    """Return the bank of these competences' challenges, built once per process."""
    skills = [
        skill
        for code in sorted(competences)
        for skill in index.skills_by_competence.get(code, [])
    ]
    return item_banks.scope_bank(index, skills)


def candidate_unavailable_reason(index, competences) -> str | None:
    """Return why these competences cannot make an adaptive test, None if they can."""
    if not competences:
        return None  # the classic test says there is nothing to draw
    bank = test_bank(index, competences)
    calibrated = int(bank.items.calibrated.sum())
    if irt.enough_calibrated(calibrated, len(bank.items), minimum=MIN_CALIBRATED):
        return None
    return _(
        "Vos compétences certifiables ne comptent que %(calibrated)d épreuves "
        "calibrées sur %(total)d dans la release en service : le test classique "
        "vous est proposé."
    ) % {"calibrated": calibrated, "total": len(bank.items)}


def _replay(test: CertificationTest, bank: Bank) -> irt.AdaptiveTest:
    answers = test.answers.order_by("position").values_list(
        "challenge", "result", "trial"
    )
    return irt.AdaptiveTest.replay(
        bank.items,
        [(challenge, result == "ok", trial) for challenge, result, trial in answers],
        config(),
    )


def _exposure(test: CertificationTest, bank: Bank) -> tuple[np.ndarray, np.ndarray]:
    """Return per bank item: the share of the release's adaptive tests that
    served it, and its trial answers so far."""
    served, trials = item_banks.served_counts(
        ItemExposure,
        release_id=test.release_id,
        bank=bank,
        fields=("served", "trial_served"),
    )
    tests = CertificationTest.objects.filter(
        release_id=test.release_id, mode=SessionMode.ADAPTIVE
    ).count()
    return served / max(tests, 1), trials


def next_pick(test: CertificationTest, index) -> dict | None:
    """Choose, count and return the test's next challenge; None when it is over."""
    bank = test_bank(index, test.profile)
    state = _replay(test, bank)
    rates, trials = _exposure(test, bank)
    rng = np.random.default_rng([int(test.seed, 16), len(state.served)])
    choice = state.next_item(rng, trial_counts=trials, exposure_rates=rates)
    if choice is None:
        return None
    number, trial = choice
    challenge = index.challenges[bank.items.ids[number]]
    skill = index.skills[challenge.skill]
    item_banks.count_served(
        ItemExposure,
        release_id=test.release_id,
        challenge=challenge.id,
        field="trial_served" if trial else "served",
    )
    return {
        "competence": index.competence_of_skill(skill.id),
        "skill": skill.id,
        "challenge": challenge.id,
        "level": skill.level,
        "trial": trial,
    }


def score(test: CertificationTest, index) -> CertificationResult:
    """Score an adaptive test from its answers (trials and neutralised left out)."""
    bank = test_bank(index, test.profile)
    answers = [
        certification_adaptive.AdaptiveAnswer(
            item=bank.items.index[answer.challenge],
            competence=answer.competence,
            correct=answer.result == "ok",
            neutralized=answer.neutralised,
            trial=answer.trial,
        )
        for answer in test.answers.all()
        if answer.challenge in bank.items.index
    ]
    profile = {code: (pix, level) for code, (pix, level) in test.profile.items()}
    return certification_adaptive.score_adaptive_certification(
        answers,
        bank=bank.items,
        profile=profile,
        cuts=bank.cuts,
        min_length=MIN_LENGTH,
    )


def planned_length(test: CertificationTest) -> int:
    """Return the number of questions the candidate should expect in all."""
    if test.mode != SessionMode.ADAPTIVE:
        return len(test.picks)
    every = settings.CERTIFICATION_TRIAL_EVERY
    trials = (LENGTH - 1) // (every - 1) if every > 1 else 0
    return max(len(test.picks), LENGTH + trials)
