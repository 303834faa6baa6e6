"""IRT item banks of a release's scopes, and how often their items were served.

An adaptive certification (a candidate's certifiable competences) and a
positioning test (a competence, or a campaign's target skills) both read a
bank of the scope's challenges with the release's calibrated parameters
(runtime.domain.irt.ItemBank). Releases are immutable, so a bank is built
once per process and release, keyed by the scope's skills; challenges
without parameters are in the bank too, as trial items.

Exposure counts (the certification's ItemExposure, the positioning tests'
TrialExposure) are rows of (release, challenge, counters): ``count_served``
and ``served_counts`` work on either.
"""

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.db import IntegrityError, transaction
from django.db.models import F

from runtime.domain import certification_adaptive, irt

_CACHE_SIZE = 64
_banks: OrderedDict[tuple, "Bank"] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class Bank:
    """The IRT bank of one release and scope, with each item's skill level."""

    items: irt.ItemBank
    levels: np.ndarray
    cuts: tuple[np.ndarray, np.ndarray]
    """``certification_adaptive.level_cuts``: the ability each level needs."""
    skill_items: dict[str, np.ndarray]
    """Skill id → the numbers of its items in ``items``."""

    @property
    def calibrated(self) -> int:
        return int(self.items.calibrated.sum())

    def enough_calibrated(self, minimum: int) -> bool:
        """Return True when IRT can serve this bank (``irt.enough_calibrated``)."""
        return irt.enough_calibrated(self.calibrated, len(self.items), minimum=minimum)

    def level_of(self, ability: float) -> int:
        """Return the highest skill level whose cut the ability reaches (0 below)."""
        return certification_adaptive.global_level(ability, *self.cuts)


def scope_bank(index, skill_ids: Sequence[str]) -> Bank:
    """Return the bank of these skills' challenges (in the skills' order, then
    the release's), built once per process."""
    key = (index.release_id, index.checksum, tuple(skill_ids))
    with _lock:
        if key in _banks:
            _banks.move_to_end(key)
            return _banks[key]
    challenges = [
        challenge
        for skill_id in key[2]
        if skill_id in index.skills
        for challenge in index.challenges_for(skill_id)
    ]
    skills = [index.skills[challenge.skill] for challenge in challenges]
    items = irt.ItemBank(
        ids=[challenge.id for challenge in challenges],
        discrimination=[_number(c.calibration.discrimination) for c in challenges],
        difficulty=[_number(c.calibration.difficulty) for c in challenges],
        skills=[skill.id for skill in skills],
        tubes=[skill.tube for skill in skills],
        competences=[index.competence_of_skill(skill.id) for skill in skills],
        calibrated=[c.calibration.calibrated for c in challenges],
    )
    levels = np.array([skill.level for skill in skills], dtype=int)
    numbers: dict[str, list[int]] = {}
    for number, skill in enumerate(skills):
        numbers.setdefault(skill.id, []).append(number)
    bank = Bank(
        items=items,
        levels=levels,
        cuts=certification_adaptive.level_cuts(levels, items.b, items.calibrated),
        skill_items={skill: np.array(found) for skill, found in numbers.items()},
    )
    with _lock:
        _banks[key] = bank
        while len(_banks) > _CACHE_SIZE:
            _banks.popitem(last=False)
    return bank


def _number(value) -> float:
    return np.nan if value is None else float(value)


def count_served(model, *, release_id: int, challenge: str, field: str) -> None:
    """Add one to a challenge's ``field`` counter on a release (row made if new)."""
    rows = model.objects.filter(release_id=release_id, challenge=challenge)
    if rows.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(
                release_id=release_id, challenge=challenge, **{field: 1}
            )
    except IntegrityError:  # created by a concurrent test meanwhile
        rows.update(**{field: F(field) + 1})


def served_counts(model, *, release_id: int, bank: Bank, fields: Sequence[str]):
    """Return one array per field: each bank item's counter on the release."""
    counts = [np.zeros(len(bank.items)) for _ in fields]
    rows = model.objects.filter(release_id=release_id).values_list("challenge", *fields)
    for challenge, *values in rows:
        number = bank.items.index.get(challenge)
        if number is not None:
            for array, value in zip(counts, values, strict=True):
                array[number] = value
    return counts
