"""The CSV export of a campaign, ready for a French spreadsheet: UTF-8 with a
byte order mark, ``;`` between columns, one line per participant, streamed.

Columns (DOMAIN.md §6): identity, class, external id, progress, dates,
shared, stage, badges, mastery, per competence and per area the rate, the
targeted and the validated skills; optionally one column per skill (OK, KO,
or "non testé"). Results appear for shared participations only.
"""

import csv
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from .dashboard import participant_rows, profile_competences
from .enums import ParticipationStatus
from .selectors import profile_target_skills

BOM = "\ufeff"
# A cell a spreadsheet would run as a formula ("=HYPERLINK(...)", typed as an
# external id) is written as text: prefixed with an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Line:
    """A file-like object whose ``write`` returns the line (for streaming)."""

    def write(self, value: str) -> str:
        return value


def as_text(value) -> object:
    """Return a cell a spreadsheet shows as typed, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _date(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def _percent(validated: int, targeted: int) -> str:
    return f"{round(100 * validated / targeted)} %" if targeted else ""


def campaign_csv(campaign, index, *, per_skill: bool = False) -> Iterator[str]:
    """Yield the export's lines; participants are read 2,000 at a time."""
    writer = csv.writer(_Line(), delimiter=";")
    competences = profile_competences(campaign, index)
    areas = sorted({index.competences[code].area for code in competences})
    skills = profile_target_skills(campaign.target_profile, index) if per_skill else []
    stages = {stage.pk: stage.title for stage in campaign.target_profile.stages.all()}
    badges = {badge.pk: badge.title for badge in campaign.target_profile.badges.all()}
    statuses = dict(ParticipationStatus.choices)
    header = _header(
        campaign, competences, areas, [index.skills[s].name for s in skills]
    )
    yield BOM + writer.writerow([as_text(cell) for cell in header])
    extra = ("skill_results",) if per_skill else ()
    with_external = bool(campaign.external_id_label)
    for row in participant_rows(campaign, competences, iterator=True, extra=extra):
        yield writer.writerow(
            _safe_line(
                row,
                index,
                competences,
                areas,
                skills,
                with_external,
                stages,
                badges,
                statuses,
            )
        )


def _safe_line(*args) -> list:
    return [as_text(cell) for cell in _line(*args)]


def _header(campaign, competences, areas, skill_names) -> list[str]:
    columns = [_("Nom"), _("Prénom"), _("Classe")]
    if campaign.external_id_label:
        columns.append(campaign.external_id_label)
    columns += [
        _("Progression"), _("Date de début"), _("Date d'envoi"), _("Envoi (O/N)"),
        _("Palier"), _("Badges"), _("Maîtrise"),
    ]  # fmt: skip
    for code in competences:
        columns += [
            _("%(code)s : maîtrise") % {"code": code},
            _("%(code)s : acquis visés") % {"code": code},
            _("%(code)s : acquis validés") % {"code": code},
        ]
    for area in areas:
        columns += [
            _("Domaine %(area)s : maîtrise") % {"area": area},
            _("Domaine %(area)s : acquis visés") % {"area": area},
            _("Domaine %(area)s : acquis validés") % {"area": area},
        ]
    return columns + skill_names


def _line(row, index, competences, areas, skills, with_external, stages, badges,
          statuses) -> list[str]:  # fmt: skip
    values = row.values
    first = values["learner__first_name"] or values["user__first_name"]
    last = values["learner__last_name"] or values["user__last_name"]
    line = [last or values["user__username"], first, row.division]
    if with_external:
        line.append(values["external_id"])
    shared = row.shared
    results = values["competence_results"] or {} if shared else {}
    line += [
        statuses.get(values["status"], values["status"]),
        _date(values["created_at"]),
        _date(values["shared_at"]),
        _("O") if shared else _("N"),
        stages.get(values["stage_id"], "") if shared else "",
        ", ".join(badges[b] for b in values["badges"] if b in badges) if shared else "",
        _percent(values["validated_count"], values["targeted_count"]) if shared else "",
    ]
    for code in competences:
        validated, targeted = results.get(code, [0, 0])
        line += _triple(shared, validated, targeted)
    for area in areas:
        validated = sum(results.get(c, [0, 0])[0] for c in competences
                        if index.competences[c].area == area)  # fmt: skip
        targeted = sum(results.get(c, [0, 0])[1] for c in competences
                       if index.competences[c].area == area)  # fmt: skip
        line += _triple(shared, validated, targeted)
    if skills:
        mine = values["skill_results"] if shared else {}
        labels = {"ok": "OK", "ko": "KO"}
        line += [labels.get(mine.get(skill), _("non testé")) if shared else ""
                 for skill in skills]  # fmt: skip
    return line


def _triple(shared: bool, validated: int, targeted: int) -> list:
    if not shared:
        return ["", "", ""]
    return [_percent(validated, targeted), targeted, validated]
