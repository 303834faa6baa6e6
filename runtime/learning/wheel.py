"""The competence wheel: 16 sectors whose length shows each level (SVG paths)."""

import math
from dataclasses import dataclass

AREA_COLOURS = {
    "1": "#f1a33b",
    "2": "#3bb0c9",
    "3": "#e55c8a",
    "4": "#43a564",
    "5": "#6a6af4",
}
CENTER, INNER, OUTER = 160, 30, 150


@dataclass(frozen=True)
class Sector:
    code: str
    title: str
    level: int
    colour: str
    track: str
    path: str
    label_x: float
    label_y: float


def _point(angle: float, radius: float) -> tuple[float, float]:
    return (
        round(CENTER + radius * math.sin(angle), 2),
        round(CENTER - radius * math.cos(angle), 2),
    )


def _sector_path(start: float, end: float, radius: float) -> str:
    """Return an SVG path of a ring sector between INNER and radius."""
    x1, y1 = _point(start, INNER)
    x2, y2 = _point(start, radius)
    x3, y3 = _point(end, radius)
    x4, y4 = _point(end, INNER)
    return (
        f"M{x1},{y1} L{x2},{y2} A{radius},{radius} 0 0 1 {x3},{y3} "
        f"L{x4},{y4} A{INNER},{INNER} 0 0 0 {x1},{y1} Z"
    )


def wheel_sectors(competences, max_level: int) -> list[Sector]:
    """Return one sector per competence, its length proportional to level / max."""
    count = len(competences)
    sectors = []
    for position, competence in enumerate(competences):
        start = 2 * math.pi * position / count + 0.01
        end = 2 * math.pi * (position + 1) / count - 0.01
        share = min(competence.level, max_level) / max_level
        radius = INNER + (OUTER - INNER) * max(share, 0.02)
        middle = (start + end) / 2
        label_x, label_y = _point(middle, OUTER + 8)
        sectors.append(
            Sector(
                code=competence.code,
                title=competence.title,
                level=competence.level,
                colour=AREA_COLOURS.get(competence.area, "#888"),
                track=_sector_path(start, end, OUTER),
                path=_sector_path(start, end, radius),
                label_x=label_x,
                label_y=label_y,
            )
        )
    return sectors
