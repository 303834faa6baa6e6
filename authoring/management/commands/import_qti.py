"""Import a QTI 3.0 content package as proposed draft challenges of a skill."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from authoring.qti import QtiPackageError, import_qti_package
from referential.models import Skill


class Command(BaseCommand):
    help = (
        "Importe un paquet QTI 3.0 (zip) en épreuves proposées, non publiées, "
        "de l'acquis donné, et affiche le rapport de fidélité. Si un item est "
        "invalide, rien n'est importé."
    )

    def add_arguments(self, parser):
        parser.add_argument("package", help=_("Chemin du paquet zip à importer."))
        parser.add_argument(
            "--skill", required=True, help=_("Identifiant (uid) de l'acquis.")
        )

    def handle(self, *args, package, skill, **options):
        target = Skill.objects.select_related("tube").filter(uid=skill).first()
        if target is None:
            raise CommandError(_("Acquis introuvable : %(uid)s.") % {"uid": skill})
        try:
            result = import_qti_package(source=package, skill=target, trusted=True)
        except (OSError, QtiPackageError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(result.report.to_markdown())
        if result.report.has_errors:
            raise CommandError(
                _("Import annulé : des items sont invalides, aucune épreuve créée.")
            )
        self.stdout.write(
            _("%(count)s épreuve(s) créée(s) en brouillon proposé sur %(skill)s.")
            % {"count": len(result.challenges), "skill": target.name}
        )
