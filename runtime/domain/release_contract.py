"""The release snapshot as a typed, versioned contract (no Django).

The release builder (authoring.releases.snapshot) writes a ``Snapshot`` through
``to_json``; every reader (the runtime's release index, the learner pages, the
API, the preview) loads it with ``from_json`` and reads attributes. It lives
in the pure domain so that the presenter, which imports only the domain, can
take a release challenge as it is typed here.

The stored JSON is format 1, unchanged since the first release: this module
reads every snapshot stored so far and writes the same JSON, so checksums
(over the canonical JSON) stay comparable. Bump ``SNAPSHOT_FORMAT`` and teach
``from_json`` the previous format whenever the stored JSON changes.
"""

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from typing import Any, NamedTuple

SNAPSHOT_FORMAT = 1


@dataclasses.dataclass(frozen=True)
class Competence:
    code: str
    title: str
    area: str
    area_title: str
    digcomp: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Tube:
    id: str
    name: str
    title: str
    competence: str
    thematic: str


@dataclasses.dataclass(frozen=True)
class Skill:
    id: str
    name: str
    tube: str
    level: int
    pix: float


@dataclasses.dataclass(frozen=True)
class Illustration:
    """A Wagtail image by id, and the alternative text the author wrote."""

    id: int
    alt: str


@dataclasses.dataclass(frozen=True)
class Attachment:
    id: int
    title: str
    url: str

    @property
    def extension(self) -> str:
        """Return the file's extension in capitals ("PDF"), from its title."""
        return self.title.rsplit(".", 1)[-1].upper()


@dataclasses.dataclass(frozen=True)
class Embed:
    """A simulator shown in an iframe."""

    url: str
    title: str
    height: int
    auto_reply: bool = False


@dataclasses.dataclass(frozen=True)
class Accessibility:
    blind: str
    colour_blind: str


@dataclasses.dataclass(frozen=True)
class Calibration:
    """2PL parameters (b, a); with a calibration run's, their errors too.

    The optional fields were added to format 1: written only when set, so
    a snapshot without them reads and writes back unchanged.
    """

    difficulty: float | None = None
    discrimination: float | None = None
    difficulty_se: float | None = None
    discrimination_se: float | None = None
    answers: int | None = None
    run: int | None = None
    """The accepted calibration run the parameters come from (None: imported)."""

    OPTIONAL = ("difficulty_se", "discrimination_se", "answers", "run")

    @property
    def calibrated(self) -> bool:
        """Return True when both parameters are known."""
        return self.difficulty is not None and self.discrimination is not None


@dataclasses.dataclass(frozen=True)
class Challenge:
    """A validated challenge as learners are served it.

    ``spec`` is what runtime.domain.answer_checking.check() takes: the
    checker's own plain-dict input, kept as the checker reads it.
    """

    id: str
    skill: str
    type: str
    instruction: str
    alternative_instruction: str
    proposals: str
    spec: Mapping[str, Any]
    timer: int | None
    focused: bool
    shuffled: bool
    locales: tuple[str, ...]
    pedagogy: str
    accessibility: Accessibility
    prototype: str | None
    declinaison_number: int | None
    calibration: Calibration
    illustration: Illustration | None = None
    attachments: tuple[Attachment, ...] = ()
    embed: Embed | None = None


class TutorialSkill(NamedTuple):
    """A skill a tutorial teaches, and how ("remediation" or "further")."""

    skill: str
    kind: str


@dataclasses.dataclass(frozen=True)
class Tutorial:
    id: str
    title: str
    link: str
    source: str
    format: str
    duration_seconds: int
    locale: str
    skills: tuple[TutorialSkill, ...] = ()


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """Everything a release serves: referential, challenges, hints, tutorials."""

    competences: tuple[Competence, ...]
    tubes: tuple[Tube, ...]
    skills: tuple[Skill, ...]
    challenges: tuple[Challenge, ...]
    hints: Mapping[str, str]  # skill id -> hint text
    tutorials: tuple[Tutorial, ...]
    format: int = SNAPSHOT_FORMAT


class SnapshotFormatError(ValueError):
    """The stored snapshot is of a format this code cannot read."""


def to_json(value: Snapshot | Challenge | Tutorial) -> dict:
    """Return a snapshot (or one of its items) as the JSON data a release stores."""
    return _plain(dataclasses.asdict(value, dict_factory=_fields))


_CALIBRATION_FIELDS = frozenset(f.name for f in dataclasses.fields(Calibration))


def _fields(pairs: list[tuple[str, Any]]) -> dict:
    """Return a dataclass's fields as a dict, a calibration's unset extras left out."""
    data = dict(pairs)
    if data.keys() == _CALIBRATION_FIELDS:
        for name in Calibration.OPTIONAL:
            if data[name] is None:
                del data[name]
    return data


def canonical_json(data: dict) -> str:
    """Return the canonical text of a snapshot's JSON (what the checksum covers)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def checksum(data: dict) -> str:
    """Return the SHA-256 of a snapshot's canonical JSON."""
    return hashlib.sha256(canonical_json(data).encode()).hexdigest()


def _plain(value):
    """Return JSON data: tuples (and named tuples) as lists, all the way down."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def from_json(data: Mapping[str, Any]) -> Snapshot:
    """Return the snapshot a release stored, of any format up to SNAPSHOT_FORMAT."""
    version = data.get("format", 1)
    if not isinstance(version, int) or not 1 <= version <= SNAPSHOT_FORMAT:
        raise SnapshotFormatError(f"Unknown snapshot format: {version!r}")
    return Snapshot(
        competences=tuple(competence_from_json(item) for item in data["competences"]),
        tubes=tuple(Tube(**item) for item in data["tubes"]),
        skills=tuple(Skill(**item) for item in data["skills"]),
        challenges=tuple(challenge_from_json(item) for item in data["challenges"]),
        hints=dict(data["hints"]),
        tutorials=tuple(tutorial_from_json(item) for item in data["tutorials"]),
        format=SNAPSHOT_FORMAT,
    )


def competence_from_json(data: Mapping[str, Any]) -> Competence:
    return Competence(**{**data, "digcomp": tuple(data.get("digcomp", ()))})


def challenge_from_json(data: Mapping[str, Any]) -> Challenge:
    """Return a challenge from its stored JSON."""
    illustration = data.get("illustration")
    embed = data.get("embed")
    return Challenge(
        id=data["id"],
        skill=data["skill"],
        type=data["type"],
        instruction=data["instruction"],
        alternative_instruction=data["alternative_instruction"],
        proposals=data["proposals"],
        spec=data["spec"],
        timer=data["timer"],
        focused=data["focused"],
        shuffled=data.get("shuffled", False),
        locales=tuple(data["locales"]),
        pedagogy=data["pedagogy"],
        accessibility=Accessibility(**data["accessibility"]),
        prototype=data["prototype"],
        declinaison_number=data["declinaison_number"],
        calibration=Calibration(**data["calibration"]),
        illustration=Illustration(**illustration) if illustration else None,
        attachments=tuple(Attachment(**item) for item in data.get("attachments", ())),
        embed=Embed(**embed) if embed else None,
    )


def tutorial_from_json(data: Mapping[str, Any]) -> Tutorial:
    skills = tuple(TutorialSkill(skill, kind) for skill, kind in data["skills"])
    return Tutorial(**{**data, "skills": skills})
