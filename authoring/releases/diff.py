"""Compare two snapshots: what learners will see differently."""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from runtime.domain import release_contract as contract


@dataclass
class ReleaseDiff:
    added: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    hints_changed: int = 0
    tutorials_changed: int = 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.added
            or self.changed
            or self.removed
            or self.hints_changed
            or self.tutorials_changed
        )

    def by_competence_and_level(self) -> list[dict]:
        """Return rows (competence, level, added, changed, removed) in order."""
        counts: dict[tuple, Counter] = {}
        for kind in ("added", "changed", "removed"):
            for item in getattr(self, kind):
                key = (item["competence"], item["level"])
                counts.setdefault(key, Counter())[kind] += 1
        return [
            {"competence": code, "level": level, **dict(counter)}
            for (code, level), counter in sorted(counts.items())
        ]


def _fingerprint(challenge: contract.Challenge) -> str:
    text = json.dumps(contract.to_json(challenge), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _located(snapshot: contract.Snapshot | None) -> dict[str, dict]:
    """Return {challenge id: {id, competence, level, fingerprint}}."""
    if snapshot is None:
        return {}
    tubes = {tube.id: tube.competence for tube in snapshot.tubes}
    skills = {
        skill.id: (tubes.get(skill.tube, "?"), skill.level) for skill in snapshot.skills
    }
    located = {}
    for challenge in snapshot.challenges:
        competence, level = skills.get(challenge.skill, ("?", 0))
        located[challenge.id] = {
            "id": challenge.id,
            "competence": competence,
            "level": level,
            "fingerprint": _fingerprint(challenge),
        }
    return located


def diff_snapshots(
    previous: contract.Snapshot | None, current: contract.Snapshot
) -> ReleaseDiff:
    """Return challenges added, changed and removed from previous to current."""
    before, after = _located(previous), _located(current)
    diff = ReleaseDiff(
        added=[after[key] for key in sorted(after.keys() - before.keys())],
        removed=[before[key] for key in sorted(before.keys() - after.keys())],
        changed=[
            after[key]
            for key in sorted(after.keys() & before.keys())
            if after[key]["fingerprint"] != before[key]["fingerprint"]
        ],
    )
    diff.hints_changed = _count_changes(
        dict(previous.hints) if previous else {}, dict(current.hints)
    )
    diff.tutorials_changed = _count_changes(
        {t.id: t for t in previous.tutorials} if previous else {},
        {t.id: t for t in current.tutorials},
    )
    return diff


def _count_changes(before: dict, after: dict) -> int:
    keys = before.keys() | after.keys()
    return sum(1 for key in keys if before.get(key) != after.get(key))
