"""Calibrate the challenges on learners' answers (2PL), in the foreground."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from review.calibration import CalibrationError, calibration_run_accept
from review.calibration_run import calibration_run_execute
from review.models import CalibrationRun, CalibrationStatus


class Command(BaseCommand):
    # Plain strings: argparse cannot format lazy translations.
    help = (
        "Calibrate every challenge's 2PL parameters on the answers of the "
        "current and past releases, and store the run (history kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--accept",
            action="store_true",
            help="Accept the run for the next release once it is done.",
        )
        parser.add_argument(
            "--note",
            default="",
            help="What the run stands for, shown with it (at most 300 characters).",
        )

    def handle(self, *args, accept, note="", **options):
        if len(note) > 300:
            raise CommandError(_("La note ne doit pas dépasser 300 caractères."))
        if CalibrationRun.objects.filter(
            status__in=[CalibrationStatus.QUEUED, CalibrationStatus.RUNNING]
        ).exists():
            raise CommandError(
                _("Une calibration est déjà en cours : attendez qu'elle se termine.")
            )
        run = calibration_run_execute(CalibrationRun.objects.create(note=note))
        if run.status != CalibrationStatus.DONE:
            raise CommandError(
                _("La calibration %(run)s a échoué : %(error)s")
                % {"run": run.pk, "error": run.error}
            )
        if accept:
            try:
                calibration_run_accept(run, trusted=True)
            except CalibrationError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Calibration %(run)s terminée : %(answers)s réponses de %(learners)s "
                "tests, %(challenges)s épreuves, %(iterations)s itérations "
                "(%(seconds)s s)%(accepted)s."
            )
            % {
                "run": run.pk,
                "answers": run.answers,
                "learners": run.learners,
                "challenges": run.challenges,
                "iterations": run.iterations,
                "seconds": run.seconds,
                "accepted": _(", acceptée") if accept else "",
            }
        )
