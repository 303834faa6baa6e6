"""Export challenges as a QTI 3.0 content package with its fidelity report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from authoring.enums import ContentStatus
from authoring.models import Challenge
from authoring.qti import export_qti_package


class Command(BaseCommand):
    help = (
        "Exporte les épreuves d'une compétence (proposées et validées) ou des "
        "épreuves choisies en paquet QTI 3.0, et écrit le rapport de fidélité "
        "OUT.fidelity.md à côté du zip."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help=_("Chemin du paquet zip à écrire."))
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--competence", help=_("Code de la compétence, par exemple 1.1.")
        )
        which.add_argument(
            "--challenge",
            nargs="+",
            dest="challenges",
            metavar="UID",
            help=_("Identifiants des épreuves à exporter."),
        )

    def handle(self, *args, output, competence=None, challenges=None, **options):
        selected = list(select_challenges(competence=competence, uids=challenges))
        report = export_qti_package(challenges=selected, destination=output)
        report_path = fidelity_path(output)
        report_path.write_text(report.to_markdown(), encoding="utf-8")
        self.stdout.write(
            _(
                "%(count)s épreuve(s) exportée(s) dans %(output)s ; %(notes)s "
                "perte(s) ou approximation(s) listée(s) dans %(report)s."
            )
            % {
                "count": len(selected),
                "output": output,
                "notes": report.note_count,
                "report": report_path,
            }
        )


def select_challenges(
    *, competence: str | None, uids: list[str] | None
) -> QuerySet[Challenge]:
    """Return the challenges to export; raise CommandError when there is none."""
    queryset = Challenge.objects.select_related(
        "skill__tube", "illustration", "prototype"
    ).prefetch_related("attachments")
    if uids:
        queryset = queryset.filter(uid__in=uids).order_by("uid")
        missing = sorted(set(uids) - set(queryset.values_list("uid", flat=True)))
        if missing:
            raise CommandError(
                _("Épreuve(s) introuvable(s) : %(uids)s.")
                % {"uids": ", ".join(missing)}
            )
        return queryset
    queryset = queryset.filter(
        skill__tube__competence__code=competence,
        status__in=ContentStatus.live_states(),
    ).order_by("skill__tube__name", "skill__level", "uid")
    if not queryset.exists():
        raise CommandError(
            _("Aucune épreuve proposée ou validée pour la compétence %(code)s.")
            % {"code": competence}
        )
    return queryset


def fidelity_path(output: str) -> Path:
    """Return the report path beside the package: OUT.zip gives OUT.fidelity.md."""
    return Path(output).with_suffix(".fidelity.md")
