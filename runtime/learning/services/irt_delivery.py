"""IRT delivery and trial slots in learners' positioning tests.

A campaign may choose the IRT algorithm (runtime.domain.irt, DOMAIN.md §4)
instead of the skill inference, when the release in service carries accepted
parameters for enough of its target skills' challenges (``unavailable_reason``).
After each answer the test is rebuilt from its history
(``AdaptiveTest.replay`` on the scope's bank) and the next challenge drawn,
seeded by the test and its position; the assessment's ``current_challenge``
keeps it, so a reload serves the same one. It follows ``irt.POSITIONING``
(the rules the release simulator measures): at most 12 scored answers,
ending after 5 once the level is known within one with 97 %. At the end,
the scope's skills no answer decided are inferred from the ability
(``ability_knowledge``), so the campaign's results cover every target skill.

Trial slots, in both algorithms: on a scope whose challenges carry
parameters, every ``POSITIONING_TRIAL_EVERY``-th position serves an
uncalibrated challenge of the scope, the least served first
(``TrialExposure``, per release), as an unscored trial item: stored with
``Answer.trial`` for calibration, it never changes the learner's knowledge.
"""

import dataclasses
from typing import NamedTuple

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from runtime import item_banks
from runtime.domain import inference, irt
from runtime.enums import KnowledgeStatus
from runtime.models import TrialExposure

from ..step_store import Learnt

MIN_CALIBRATED = 20
"""Calibrated challenges a scope needs for IRT (and for trial slots), besides
irt.MIN_CALIBRATED_SHARE of its challenges: a test of irt.POSITIONING's
length (12) still chooses among several challenges at its last position."""


class Step(NamedTuple):
    """One answer of a test's history; a trial one is unscored."""

    challenge_id: str
    skill_id: str
    result: str
    trial: bool = False


def history_steps(history: list) -> list[Step]:
    """Return the steps of a stored history ([challenge, skill, result(, trial)])."""
    return [Step(*entry) for entry in history]


def history_entries(steps: list[Step]) -> list[list]:
    """Return steps as stored: a fourth item ``True`` only on a trial answer."""
    return [[*step[:3], True] if step.trial else list(step[:3]) for step in steps]


def scored(steps: list[Step]) -> list[inference.Answer]:
    """Return the answers that count, as the inference reads them."""
    return [inference.Answer(*step[:3]) for step in steps if not step.trial]


def bank_of(scope: inference.Scope, index) -> item_banks.Bank:
    """Return the IRT bank of a test's scope."""
    return item_banks.scope_bank(index, [skill.id for skill in scope.skills])


def unavailable_reason(index, skill_ids) -> str | None:
    """Return why IRT cannot test these skills on this release, None if it can."""
    if index is None:
        return _("Aucune release n'est publiée.")
    bank = item_banks.scope_bank(index, list(skill_ids))
    if bank.enough_calibrated(MIN_CALIBRATED):
        return None
    return _(
        "La release en service porte des paramètres calibrés (difficulté et "
        "discrimination) pour %(calibrated)d des %(total)d épreuves des acquis "
        "visés : l'algorithme adaptatif IRT en demande au moins %(minimum)d et "
        "%(share)d sur 100. Choisissez « Inférence des acquis » d'ici là."
    ) % {
        "calibrated": bank.calibrated,
        "total": len(bank.items),
        "minimum": MIN_CALIBRATED,
        "share": round(100 * irt.MIN_CALIBRATED_SHARE),
    }


def _trial_every(bank: item_banks.Bank) -> int:
    """Return the trial period on this bank: 0 unless its scope is calibrated."""
    if not bank.enough_calibrated(MIN_CALIBRATED):
        return 0
    return max(settings.POSITIONING_TRIAL_EVERY, 0)


def config(bank: item_banks.Bank, scope: inference.Scope) -> irt.IrtConfig:
    """Return how a positioning test runs on this bank: ``irt.POSITIONING``
    (the rules the release simulator measures), one challenge per skill at
    most, with this scope's trial slots."""
    length = min(irt.POSITIONING.length, len(scope.skills))
    return dataclasses.replace(
        irt.POSITIONING,
        length=length,
        min_length=min(irt.POSITIONING.min_length, length),
        trial_every=_trial_every(bank),
    )


def _replay(bank, steps, known_skills, how: irt.IrtConfig) -> irt.AdaptiveTest:
    """Return the IRT state after the steps; skills known already are never asked."""
    state = irt.AdaptiveTest.replay(
        bank.items,
        [(step.challenge_id, step.result == inference.SUCCESS, step.trial)
         for step in steps],
        how,
        cuts=bank.cuts,
    )  # fmt: skip
    for skill in known_skills:
        if skill in bank.skill_items:
            state.leave_out(bank.skill_items[skill])
    return state


def _rng(assessment, steps) -> np.random.Generator:
    return np.random.default_rng([assessment.pk, len(steps)])


def _draw(assessment, bank, state, steps) -> tuple[str, bool] | None:
    """Draw the next item; a trial one is counted on the release."""
    counts = None
    if state.is_trial_position() and state.trial_open.any():
        (counts,) = item_banks.served_counts(
            TrialExposure,
            release_id=assessment.release_id,
            bank=bank,
            fields=("trial_served",),
        )
    choice = state.next_item(_rng(assessment, steps), trial_counts=counts)
    if choice is None:
        return None
    number, trial = choice
    challenge = bank.items.ids[number]
    if trial:
        item_banks.count_served(
            TrialExposure,
            release_id=assessment.release_id,
            challenge=challenge,
            field="trial_served",
        )
    return challenge, trial


def irt_next(assessment, index, scope, steps, kept) -> tuple[str, bool] | None:
    """Return (next challenge, is trial) of an IRT test, None when it is over.

    ``kept``: the baseline a campaign keeps (earlier results), never asked.
    """
    bank = bank_of(scope, index)
    known = [answer.skill_id for answer in kept]
    state = _replay(bank, steps, known, config(bank, scope))
    return _draw(assessment, bank, state, steps)


def trial_next(assessment, index, scope, steps, answers) -> str | None:
    """Return the trial challenge of an inference test's trial slot, else None.

    Only on skills the inference settled without asking them (inferred from
    ``answers``, the scored ones with a campaign's baseline): the inference
    never asks them again, so the trial challenge cannot come back as a
    scored one. After a timed challenge, only untimed ones (DOMAIN.md §4).
    """
    every = settings.POSITIONING_TRIAL_EVERY
    if every <= 0 or (len(steps) + 1) % every:
        return None
    bank = bank_of(scope, index)
    if not _trial_every(bank):
        return None
    # Only the trial slots matter here: no length ends this replay.
    trials_only = irt.IrtConfig(length=len(bank.items), trial_every=every)
    state = _replay(bank, steps, [], trials_only)
    after_timed = _last_timed(index, steps)
    decided = inference.infer(scope, answers)
    state.leave_out(
        np.array(
            [
                number
                for number, challenge_id in enumerate(bank.items.ids)
                if index.challenges[challenge_id].skill not in decided
                or (after_timed and index.challenges[challenge_id].timer)
            ],
            dtype=int,
        )
    )
    if not state.trial_open.any():
        return None
    choice = _draw(assessment, bank, state, steps)
    return choice[0] if choice and choice[1] else None


def _last_timed(index, steps) -> bool:
    return bool(steps) and bool(index.challenges[steps[-1].challenge_id].timer)


def ability_knowledge(
    bank: item_banks.Bank, scope: inference.Scope, ability: float, decided
) -> list[tuple[str, bool]]:
    """Return (skill, validated) for the scope's skills not ``decided``.

    Validated when the mean P(right | θ) over the skill's calibrated
    challenges is at least 0.5; a skill without one is validated when the
    ability reaches its level's cut (``Bank.level_of``).
    """
    level = bank.level_of(ability)
    inferred = []
    for skill in scope.skills:
        if skill.id in decided:
            continue
        items = bank.skill_items.get(skill.id, np.array([], dtype=int))
        items = items[bank.items.calibrated[items]]
        if len(items):
            chance = irt.success_probabilities(bank.items, items, ability).mean()
            validated = bool(chance >= 0.5)
        else:
            validated = skill.level <= level
        inferred.append((skill.id, validated))
    return inferred


def irt_end(index, scope, steps, kept) -> tuple[list[Learnt], dict]:
    """Return what an IRT test's end adds: the skills inferred from the ability
    (unsaved) and the assessment's ability, its error and level."""
    bank = bank_of(scope, index)
    estimate = _replay(bank, steps, [], config(bank, scope)).estimate
    decided = inference.infer(scope, [*kept, *scored(steps)])
    knowledge = [
        Learnt(
            skill=skill,
            competence=index.competence_of_skill(skill),
            status=KnowledgeStatus.VALIDATED
            if validated
            else KnowledgeStatus.INVALIDATED,
            direct=False,
            pix=index.skills[skill].pix,
        )
        for skill, validated in ability_knowledge(
            bank, scope, estimate.ability, decided
        )
    ]
    changes = {
        "ability": round(estimate.ability, 4),
        "ability_error": round(estimate.standard_error, 4),
        "estimated_level": bank.level_of(estimate.ability),
    }
    return knowledge, changes
