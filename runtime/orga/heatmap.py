"""The heatmap of a campaign: participants by competences, server-rendered SVG."""

from django.utils.html import escape
from django.utils.translation import gettext as _

CELL_WIDTH, CELL_HEIGHT, NAME_WIDTH, HEADER_HEIGHT = 56, 22, 200, 28
# From "not mastered" to "mastered", readable by the colour-blind (blue-orange).
COLOURS = ("#b34000", "#e4794a", "#fcc63a", "#9ad2e8", "#3a7ab5", "#000091")


def colour(rate: float | None) -> str:
    """Return the cell colour of a mastery rate (0-1), grey when not shared."""
    if rate is None:
        return "#e5e5e5"
    return COLOURS[min(len(COLOURS) - 1, int(rate * len(COLOURS)))]


def heatmap_svg(rows, competences) -> str:
    """Return the SVG; each cell has a title with its value (text alternative)."""
    title = _("Taux de maîtrise par participant et par compétence")
    width = NAME_WIDTH + CELL_WIDTH * len(competences)
    height = HEADER_HEIGHT + CELL_HEIGHT * len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="heatmap-title"><title id="heatmap-title">'
        f"{escape(title)}</title>"
    ]
    for column, competence in enumerate(competences):
        x = NAME_WIDTH + column * CELL_WIDTH + CELL_WIDTH / 2
        parts.append(
            f'<text x="{x}" y="18" text-anchor="middle" font-size="12">'
            f"{escape(competence.code)}</text>"
        )
    for line, row in enumerate(rows):
        y = HEADER_HEIGHT + line * CELL_HEIGHT
        parts.append(
            f'<text x="4" y="{y + 15}" font-size="12">{escape(row.name[:28])}</text>'
        )
        for column, competence in enumerate(competences):
            rate = row.competence_rates.get(competence.code)
            label = "—" if rate is None else f"{round(100 * rate)} %"
            parts.append(
                f'<rect x="{NAME_WIDTH + column * CELL_WIDTH}" y="{y}" '
                f'width="{CELL_WIDTH - 2}" height="{CELL_HEIGHT - 2}" '
                f'fill="{colour(rate)}"><title>{escape(row.name)} · '
                f"{escape(competence.code)} : {label}</title></rect>"
            )
    parts.append("</svg>")
    return "".join(parts)
