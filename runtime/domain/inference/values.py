"""Plain values of the adaptive positioning test (DOMAIN.md §4). No Django."""

from dataclasses import dataclass
from typing import NamedTuple

SUCCESS = "ok"


@dataclass(frozen=True)
class Skill:
    """An active skill of the tested scope, in its tube, at level 1-8."""

    id: str
    tube: str
    level: int


@dataclass(frozen=True)
class Challenge:
    """A servable challenge of a release, testing one skill."""

    id: str
    skill_id: str
    timed: bool
    locales: tuple[str, ...]
    prototype_id: str | None = None

    @property
    def prototype(self) -> str:
        """Return the prototype grouping its déclinaisons (itself when it has none)."""
        return self.prototype_id or self.id


class Answer(NamedTuple):
    """An answer already given in this assessment; "ok" is a success.

    Answers and knowledge elements are tuples: a step builds dozens of them.
    """

    challenge_id: str
    skill_id: str
    result: str

    @property
    def succeeded(self) -> bool:
        """Return True when the answer counts as a success."""
        return self.result == SUCCESS


class KnowledgeElement(NamedTuple):
    """What the test established on one skill: answered (direct) or inferred."""

    skill_id: str
    validated: bool
    direct: bool
