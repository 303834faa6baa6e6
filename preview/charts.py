"""Small server-rendered SVG charts of a release simulation (no script, no style).

Colours and sizes are SVG presentation attributes, which a Content Security
Policy without 'unsafe-inline' styles allows; the figures are also in the
summary table beside each chart (the text alternative).
"""

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

BAR_HEIGHT = 16
GAP = 6
LABEL_WIDTH = 64
PLOT_WIDTH = 320
VALUE_WIDTH = 80
LIGHT, DARK, WARN = "#9bb8d3", "#1f4e79", "#b3261e"


def _svg(title: str, height: int, body: SafeString) -> SafeString:
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="simulation-chart" '
        'role="img" width="{}" height="{}" viewBox="0 0 {} {}">'
        "<title>{}</title>{}</svg>",
        width,
        height,
        width,
        height,
        title,
        body,
    )


def _bar(y: float, width: float, colour: str, x: float = LABEL_WIDTH) -> SafeString:
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
        round(x, 1),
        round(y, 1),
        round(max(width, 0.0), 1),
        BAR_HEIGHT,
        colour,
    )


def _text(x: float, y: float, text: str, anchor: str = "start") -> SafeString:
    return format_html(
        '<text x="{}" y="{}" font-size="11" text-anchor="{}">{}</text>',
        round(x, 1),
        round(y, 1),
        anchor,
        text,
    )


def placement_chart(rows: list[dict], threshold: float) -> SafeString:
    """Return bars per competence: placed within one level (light), exactly (dark)."""
    simulated = [row for row in rows if "within_one" in row]
    parts = []
    for number, row in enumerate(simulated):
        y = number * (BAR_HEIGHT + GAP)
        within, exact = row["within_one"], row.get("exact", 0.0)
        colour = WARN if within < threshold else LIGHT
        parts += [
            _text(LABEL_WIDTH - 6, y + 12, row["code"], "end"),
            _bar(y, within * PLOT_WIDTH, colour),
            _bar(y + 4, exact * PLOT_WIDTH, DARK),
            _text(
                LABEL_WIDTH + PLOT_WIDTH + 6,
                y + 12,
                f"{within:.0%} · {exact:.0%}",
            ),
        ]
    height = max(len(simulated), 1) * (BAR_HEIGHT + GAP)
    x = LABEL_WIDTH + threshold * PLOT_WIDTH
    parts.append(
        format_html(
            '<line x1="{}" y1="0" x2="{}" y2="{}" stroke="{}" '
            'stroke-dasharray="4 3"></line>',
            round(x, 1),
            round(x, 1),
            height,
            WARN,
        )
    )
    return _svg(
        _("Apprenants simulés placés à un niveau près (clair) et exactement (foncé)"),
        height,
        format_html_join("", "{}", ((part,) for part in parts)),
    )


def questions_chart(rows: list[dict]) -> SafeString:
    """Return bars per competence: mean questions asked, the 95th centile marked."""
    simulated = [row for row in rows if "mean_questions" in row]
    top = max([row["p95_questions"] for row in simulated] + [1])
    parts = []
    for number, row in enumerate(simulated):
        y = number * (BAR_HEIGHT + GAP)
        mean, p95 = row["mean_questions"], row["p95_questions"]
        x95 = LABEL_WIDTH + p95 / top * PLOT_WIDTH
        parts += [
            _text(LABEL_WIDTH - 6, y + 12, row["code"], "end"),
            _bar(y, mean / top * PLOT_WIDTH, DARK),
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>',
                round(x95, 1),
                y,
                round(x95, 1),
                y + BAR_HEIGHT,
                WARN,
            ),
            _text(
                LABEL_WIDTH + PLOT_WIDTH + 6,
                y + 12,
                f"{number_format(mean, 1)} · {p95}",
            ),
        ]
    height = max(len(simulated), 1) * (BAR_HEIGHT + GAP)
    return _svg(
        _("Questions posées en moyenne (barre) et 95e centile (trait)"),
        height,
        format_html_join("", "{}", ((part,) for part in parts)),
    )


def exposure_chart(counts: list[int], bins: tuple[float, ...]) -> SafeString:
    """Return a histogram of the items' exposure rates (share of tests served)."""
    top = max([*counts, 1])
    parts = []
    for number, count in enumerate(counts):
        y = number * (BAR_HEIGHT + GAP)
        label = f"{bins[number]:.0%}-{bins[number + 1]:.0%}"
        parts += [
            _text(LABEL_WIDTH - 6, y + 12, label, "end"),
            _bar(y, count / top * PLOT_WIDTH, DARK),
            _text(LABEL_WIDTH + PLOT_WIDTH + 6, y + 12, str(count)),
        ]
    height = max(len(counts), 1) * (BAR_HEIGHT + GAP)
    return _svg(
        _("Nombre d'épreuves par taux d'exposition"),
        height,
        format_html_join("", "{}", ((part,) for part in parts)),
    )
