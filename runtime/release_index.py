"""The read-only, in-process index of a release, as the runtime reads it.

Releases are immutable, so an index is built once per process and release id
and kept; a learner's assessment keeps the release it started on.
"""

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from runtime.domain import inference
from runtime.domain.release_contract import (
    Challenge,
    Competence,
    Skill,
    Snapshot,
    Tube,
    Tutorial,
    from_json,
)
from runtime.models import Release

_CACHE_SIZE = 4
_cache: OrderedDict[int, "ReleaseIndex"] = OrderedDict()
_lock = threading.Lock()


@dataclass
class ReleaseIndex:
    """Lookups over one release's typed snapshot (frozen values, never mutated)."""

    release_id: int
    checksum: str
    competences: dict[str, Competence] = field(default_factory=dict)
    tubes: dict[str, Tube] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    challenges: dict[str, Challenge] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    tutorials: dict[str, Tutorial] = field(default_factory=dict)
    skills_by_competence: dict[str, list[str]] = field(default_factory=dict)
    skills_by_tube: dict[str, list[str]] = field(default_factory=dict)
    challenges_by_skill: dict[str, list[str]] = field(default_factory=dict)
    tutorials_by_skill: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # Filled on first use: a competence's scope as the adaptive test reads it.
    _scopes: dict[str | tuple[str, ...], inference.Scope] = field(
        default_factory=dict, repr=False
    )
    # Filled on first use: HTML derived from the release (runtime.learning).
    rendered: dict[tuple, object] = field(default_factory=dict, repr=False)

    def competence_of_skill(self, skill_id: str) -> str:
        return self.tubes[self.skills[skill_id].tube].competence

    def challenges_for(
        self, skill_id: str, locale: str | None = None
    ) -> list[Challenge]:
        """Return a skill's challenges, those in the locale first."""
        found = [self.challenges[c] for c in self.challenges_by_skill.get(skill_id, [])]
        if locale is None:
            return found
        return sorted(found, key=lambda challenge: locale not in challenge.locales)

    def scope(self, competence: str) -> inference.Scope:
        """Return a competence's skills and challenges as the inference reads them.

        Built once per competence: every step of every test reads it.
        """
        found = self._scopes.get(competence)
        if found is None:
            found = self._scopes[competence] = self._build_scope(
                self.skills_by_competence.get(competence, [])
            )
        return found

    def skills_scope(self, skill_ids: tuple[str, ...]) -> inference.Scope:
        """Return the scope of a campaign's target skills (across competences).

        Skills no longer in the release are left out. Built once per list.
        """
        found = self._scopes.get(skill_ids)
        if found is None:
            found = self._scopes[skill_ids] = self._build_scope(
                [skill_id for skill_id in skill_ids if skill_id in self.skills]
            )
        return found

    def _build_scope(self, skill_ids) -> inference.Scope:
        """Return the skills given and the challenges that may test them."""
        skills = tuple(
            inference.Skill(id=skill.id, tube=skill.tube, level=skill.level)
            for skill in (self.skills[skill_id] for skill_id in skill_ids)
        )
        challenges = tuple(
            inference.Challenge(
                id=challenge.id,
                skill_id=challenge.skill,
                timed=bool(challenge.timer),
                locales=challenge.locales,
                prototype_id=challenge.prototype,
            )
            for skill in skills
            for challenge in self.challenges_for(skill.id)
        )
        return inference.Scope(skills, challenges)


def build_index(release_id: int, checksum: str, snapshot: Snapshot) -> ReleaseIndex:
    """Return the index of a snapshot."""
    index = ReleaseIndex(release_id=release_id, checksum=checksum)
    index.competences = {item.code: item for item in snapshot.competences}
    index.tubes = {item.id: item for item in snapshot.tubes}
    index.skills = {item.id: item for item in snapshot.skills}
    index.challenges = {item.id: item for item in snapshot.challenges}
    index.hints = dict(snapshot.hints)
    index.tutorials = {item.id: item for item in snapshot.tutorials}
    by_competence, by_tube = defaultdict(list), defaultdict(list)
    for skill in snapshot.skills:
        by_tube[skill.tube].append(skill.id)
        by_competence[index.tubes[skill.tube].competence].append(skill.id)
    by_skill = defaultdict(list)
    for challenge in snapshot.challenges:
        by_skill[challenge.skill].append(challenge.id)
    tutorials_by_skill = defaultdict(list)
    for tutorial in snapshot.tutorials:
        for link in tutorial.skills:
            tutorials_by_skill[link.skill].append((tutorial.id, link.kind))
    index.skills_by_competence = dict(by_competence)
    index.skills_by_tube = dict(by_tube)
    index.challenges_by_skill = dict(by_skill)
    index.tutorials_by_skill = dict(tutorials_by_skill)
    return index


def release_index(release_id: int) -> ReleaseIndex:
    """Return the index of a release, loading it at most once per process."""
    with _lock:
        if release_id in _cache:
            _cache.move_to_end(release_id)
            return _cache[release_id]
    release = Release.objects.only("id", "checksum", "content").get(pk=release_id)
    index = build_index(release.pk, release.checksum, from_json(release.content))
    with _lock:
        _cache[release_id] = index
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return index


def current_release_index() -> ReleaseIndex | None:
    """Return the index of the current release, or None before the first one."""
    release_id = (
        Release.objects.filter(is_current=True).values_list("id", flat=True).first()
    )
    return None if release_id is None else release_index(release_id)


def clear_release_index_cache() -> None:
    """Forget loaded indexes (tests reuse release ids across rolled-back data)."""
    with _lock:
        _cache.clear()
