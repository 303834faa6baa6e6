"""Check the external links of live tutorials and challenges (run it daily)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from authoring.enums import LinkStatus
from authoring.links import TIMEOUT_SECONDS, check_links


class Command(BaseCommand):
    # Plain strings: argparse cannot format lazy translations.
    help = "Check the links of the tutorials and simulators in use (run it daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=TIMEOUT_SECONDS,
            help="Seconds to wait for each link, at most.",
        )

    def handle(self, *args, timeout, **options):
        counts = check_links(timeout=timeout)
        total = sum(counts.values())
        self.stdout.write(
            _(
                "%(total)s lien(s) vérifié(s) : %(ok)s répondent, %(moved)s "
                "redirigé(s) ailleurs, %(broken)s en erreur, %(unreachable)s "
                "injoignable(s)."
            )
            % {
                "total": total,
                "ok": counts[LinkStatus.OK],
                "moved": counts[LinkStatus.MOVED],
                "broken": counts[LinkStatus.BROKEN],
                "unreachable": counts[LinkStatus.UNREACHABLE],
            }
        )
