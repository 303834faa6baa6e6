"""Reads of a campaign's dashboard and export: a fixed number of queries at
any size, since sharing stored each participant's results on their row.

Only shared results reach the organisation (DOMAIN.md §6): rows not shared
show their progress only.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from .enums import ParticipationStatus

PARTICIPANT_FIELDS = (
    "id", "user_id", "status", "created_at", "completed_at", "shared_at",
    "external_id", "mastery", "validated_count", "targeted_count", "stage_id",
    "badges", "competence_results", "pix_total",
    "learner__first_name", "learner__last_name", "learner__division",
    "user__first_name", "user__last_name", "user__username",
    "assessment__estimated_level", "assessment__ability",
    "assessment__ability_error",
)  # fmt: skip
PAGE_SIZE = 50
"""Participants shown per page (table and heatmap); figures cover them all."""
RECOMMENDED_SKILLS = 5


@dataclass
class Row:
    """One participant as the dashboard and the export show them."""

    values: dict
    competence_rates: dict[str, float | None] = field(default_factory=dict)
    # Filled for the rows a page shows.
    stage_title: str = ""
    badge_titles: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        v = self.values
        first = v["learner__first_name"] or v["user__first_name"]
        last = v["learner__last_name"] or v["user__last_name"]
        return f"{last} {first}".strip() or v["user__username"]

    @property
    def division(self) -> str:
        return self.values["learner__division"] or ""

    @property
    def shared(self) -> bool:
        return self.values["status"] == ParticipationStatus.SHARED

    def percent(self, code: str) -> str:
        rate = self.competence_rates.get(code)
        return "—" if rate is None else f"{round(100 * rate)} %"

    @property
    def estimated_level(self) -> int | None:
        """Return the level an IRT test estimated, once shared; else None."""
        return self.values["assessment__estimated_level"] if self.shared else None

    @property
    def mastery_percent(self) -> int | None:
        mastery = self.values["mastery"]
        return None if not self.shared or mastery is None else round(100 * mastery)


def participation_counts(campaign) -> dict[str, int]:
    """Return how many participants started, completed (to share) and shared."""
    counts = campaign.participations.filter(is_improved=False).aggregate(
        started=Count("id"),
        completed=Count("id", filter=~Q(status=ParticipationStatus.STARTED)),
        shared=Count("id", filter=Q(status=ParticipationStatus.SHARED)),
    )
    return counts


def participant_rows(campaign, competences: list[str], *, iterator=False, extra=()):
    """Return (or stream) the current participations as Rows, by name."""
    rows = (
        campaign.participations.filter(is_improved=False)
        .order_by("learner__last_name", "user__last_name", "id")
        .values(*PARTICIPANT_FIELDS, *extra)
    )
    source = rows.iterator(chunk_size=2000) if iterator else rows
    for values in source:
        shared = values["status"] == ParticipationStatus.SHARED
        results = values["competence_results"] or {}
        rates = {
            code: (results[code][0] / results[code][1])
            if shared and code in results and results[code][1]
            else None
            for code in competences
        }
        yield Row(values, rates)


def profile_competences(campaign, index) -> list[str]:
    """Return the codes of the competences the campaign's tubes belong to, in order."""
    tubes = campaign.target_profile.tubes.values_list("tube", flat=True)
    codes = {index.tubes[tube].competence for tube in tubes if tube in index.tubes}
    return [code for code in index.competences if code in codes]


def campaign_dashboard(campaign, index, *, page: int = 1) -> dict:
    """Return everything the dashboard shows, from a fixed number of queries.

    Figures cover every participant; the table and the heatmap show one page
    of ``PAGE_SIZE`` participants (by name), whatever the campaign's size.
    """
    competences = profile_competences(campaign, index)
    rows = list(participant_rows(campaign, competences))
    shared = [row for row in rows if row.shared]
    stages = list(campaign.target_profile.stages.all())
    badges = {badge.pk: badge for badge in campaign.target_profile.badges.all()}
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    titles = {stage.pk: stage.title for stage in stages}
    for row in shown:
        row.stage_title = titles.get(row.values["stage_id"], "") if row.shared else ""
        row.badge_titles = (
            [badges[b].title for b in row.values["badges"] if b in badges]
            if row.shared
            else []
        )
        row.cells = [row.percent(code) for code in competences]
    return {
        "page": page,
        "pages": pages,
        "page_rows": shown,
        "competences": [index.competences[code] for code in competences],
        "rows": rows,
        "counts": {
            "started": len(rows),
            "completed": sum(
                row.values["status"] != ParticipationStatus.STARTED for row in rows
            ),
            "shared": len(shared),
        },
        "average": _mean([row.values["mastery"] for row in shared]),
        "competence_averages": [
            _mean([row.competence_rates[code] for row in shared])
            for code in competences
        ],
        "divisions": _division_averages(shared),
        "stages": _stage_distribution(stages, shared),
        "badges": badges,
        "heatmap": shown,
        # Some participant took an IRT test: the table shows the level estimated.
        "irt": any(row.estimated_level is not None for row in rows),
        "tutorials": recommended_tutorials(campaign, index),
    }


def _mean(values) -> float | None:
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else None


def _division_averages(shared: list[Row]) -> list[tuple[str, int, float | None]]:
    groups: dict[str, list[float]] = defaultdict(list)
    for row in shared:
        groups[row.division].append(row.values["mastery"])
    return [
        (name, len(values), _mean(values)) for name, values in sorted(groups.items())
    ]


def _stage_distribution(stages, shared: list[Row]) -> list[tuple[object, int]]:
    reached = Counter(row.values["stage_id"] for row in shared)
    return [(stage, reached.get(stage.pk, 0)) for stage in stages]


def recommended_tutorials(campaign, index) -> list[tuple[str, int, list]]:
    """Return the skills most failed by the shared participants and their
    remediation tutorials: (skill name, failures, tutorials)."""
    failures = Counter()
    shared = campaign.participations.filter(
        is_improved=False, status=ParticipationStatus.SHARED
    ).values_list("skill_results", flat=True)
    for results in shared.iterator(chunk_size=2000):
        failures.update(skill for skill, result in results.items() if result == "ko")
    found = []
    for skill, count in failures.most_common():
        tutorials = [
            index.tutorials[tutorial]
            for tutorial, kind in index.tutorials_by_skill.get(skill, [])
            if kind == "remediation"
        ]
        if skill in index.skills and tutorials:
            found.append((index.skills[skill].name, count, tutorials))
        if len(found) == RECOMMENDED_SKILLS:
            break
    return found


def progress_between(before, after) -> dict:
    """Return the mastery of the learners who shared both campaigns: before,
    after, and the mean change (a unit of teaching in between)."""
    values = ("user_id", "mastery", "learner__last_name", "learner__first_name",
              "user__username")  # fmt: skip
    shared = {"is_improved": False, "status": ParticipationStatus.SHARED}
    first = {
        row["user_id"]: row
        for row in before.participations.filter(**shared).values(*values)
    }
    pairs = []
    for row in after.participations.filter(**shared).values(*values):
        earlier = first.get(row["user_id"])
        if earlier is not None:
            name = (
                f"{row['learner__last_name']} {row['learner__first_name']}".strip()
                or row["user__username"]
            )
            pairs.append((name, earlier["mastery"], row["mastery"]))
    pairs.sort()
    return {
        "pairs": pairs,
        "before": _mean([pair[1] for pair in pairs]),
        "after": _mean([pair[2] for pair in pairs]),
    }


def comparable_campaigns(campaign):
    """Return the organisation's other campaigns on the same target profile."""
    return campaign.organisation.campaigns.filter(
        target_profile_id=campaign.target_profile_id
    ).exclude(pk=campaign.pk)
