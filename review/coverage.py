"""Reads of the coverage dashboard: challenges per competence and level.

The grid tells the community where to write next: for each competence (rows)
and level 1-8 (columns), the active skills and the challenges by status, with
the cells below the minimum of validated challenges per skill flagged.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Q

from authoring.enums import ContentStatus
from referential.enums import LEVELS, SkillStatus
from referential.models import Competence

CHALLENGES = "tubes__skills__challenges"


@dataclass(frozen=True)
class CoverageCell:
    """One competence at one level.

    ``skills`` counts the active skills; the challenge counts cover every skill
    of the level (as the challenge listing does); ``min_validated`` is the
    fewest validated challenges of an active skill (None without active skill).
    """

    level: int
    skills: int
    validated: int
    proposed: int
    archived: int
    min_validated: int | None
    below_minimum: bool


@dataclass(frozen=True)
class CoverageTotals:
    """Sums over a row, a column or the grid; ``gaps`` counts flagged cells."""

    skills: int
    validated: int
    proposed: int
    archived: int
    gaps: int


@dataclass(frozen=True)
class CoverageRow:
    competence_id: int
    code: str
    title: str
    cells: tuple[CoverageCell, ...]
    total: CoverageTotals


@dataclass(frozen=True)
class CoverageGrid:
    minimum: int
    levels: tuple[int, ...]
    rows: tuple[CoverageRow, ...]
    level_totals: tuple[CoverageTotals, ...]
    total: CoverageTotals


def default_minimum() -> int:
    """Return the validated challenges each active skill should have."""
    return getattr(settings, "COVERAGE_MINIMUM_VALIDATED", 3)


def coverage_grid(
    *,
    challenge_type: str | None = None,
    locale: str | None = None,
    minimum: int | None = None,
) -> CoverageGrid:
    """Return the grid of competences by level, in one query whatever the volume.

    ``challenge_type`` and ``locale`` restrict the challenges counted;
    ``minimum`` defaults to the COVERAGE_MINIMUM_VALIDATED setting.
    """
    minimum = default_minimum() if minimum is None else minimum
    competences: dict[int, tuple[str, str]] = {}
    skills_by_cell: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for row in _skill_counts(challenge_type=challenge_type, locale=locale):
        competences.setdefault(row["competence_id"], (row["code"], row["title"]))
        if row["skill_id"] is not None:
            skills_by_cell[(row["competence_id"], row["level"])].append(row)
    rows = tuple(
        _row(pk, code, title, skills_by_cell, minimum)
        for pk, (code, title) in competences.items()
    )
    return CoverageGrid(
        minimum=minimum,
        levels=tuple(LEVELS),
        rows=rows,
        level_totals=tuple(
            _totals(row.cells[index] for row in rows) for index in range(len(LEVELS))
        ),
        total=_totals(cell for row in rows for cell in row.cells),
    )


def _skill_counts(*, challenge_type: str | None, locale: str | None) -> list[dict]:
    """Return one row per competence and skill with its challenges per status.

    A competence without skill comes back once, with ``skill_id`` None.
    """
    matching = Q()
    if challenge_type:
        matching &= Q(**{f"{CHALLENGES}__type": challenge_type})
    if locale:
        # JSON containment is not portable to SQLite; match the quoted code.
        matching &= Q(**{f"{CHALLENGES}__locales__icontains": f'"{locale}"'})

    def count(*statuses: str) -> Count:
        status_filter = Q(**{f"{CHALLENGES}__status__in": statuses})
        return Count(CHALLENGES, filter=matching & status_filter)

    return list(
        Competence.objects.values(
            "code",
            "title",
            competence_id=F("pk"),
            skill_id=F("tubes__skills__pk"),
            level=F("tubes__skills__level"),
            skill_status=F("tubes__skills__status"),
        )
        .annotate(
            validated=count(ContentStatus.VALIDATED),
            proposed=count(ContentStatus.PROPOSED),
            archived=count(*ContentStatus.withdrawn_states()),
        )
        .order_by("code", "skill_id")
    )


def _row(
    competence_id: int,
    code: str,
    title: str,
    skills_by_cell: dict[tuple[int, int], list[dict]],
    minimum: int,
) -> CoverageRow:
    active_levels = [
        level
        for level in LEVELS
        if any(
            skill["skill_status"] == SkillStatus.ACTIVE
            for skill in skills_by_cell.get((competence_id, level), [])
        )
    ]
    top_level = max(active_levels, default=0)
    cells = tuple(
        _cell(level, skills_by_cell.get((competence_id, level), []), minimum, top_level)
        for level in LEVELS
    )
    return CoverageRow(competence_id, code, title, cells, _totals(cells))


def _cell(level: int, skills: list[dict], minimum: int, top_level: int) -> CoverageCell:
    """Flag a skill below the minimum, or no skill under the competence's top."""
    active = [s["validated"] for s in skills if s["skill_status"] == SkillStatus.ACTIVE]
    lowest = min(active, default=None)
    return CoverageCell(
        level=level,
        skills=len(active),
        validated=sum(s["validated"] for s in skills),
        proposed=sum(s["proposed"] for s in skills),
        archived=sum(s["archived"] for s in skills),
        min_validated=lowest,
        below_minimum=(lowest < minimum) if active else level < top_level,
    )


def _totals(cells: Iterable[CoverageCell]) -> CoverageTotals:
    cells = list(cells)
    return CoverageTotals(
        skills=sum(cell.skills for cell in cells),
        validated=sum(cell.validated for cell in cells),
        proposed=sum(cell.proposed for cell in cells),
        archived=sum(cell.archived for cell in cells),
        gaps=sum(cell.below_minimum for cell in cells),
    )
