"""First start of a workbench: demo content, demo accounts and a first release.

Run by `make run` at every start. Into an empty database (no account, no
challenge) it loads the demo pack, creates the demo accounts, publishes the
first release, calibrates it on simulated learners' answers and publishes the
release carrying the parameters (load_demo_calibration: labelled as a
demonstration, removable), and creates a demo school with its campaigns and
a demo certification centre, so a newcomer can take a test, a teacher see a
dashboard and a reviewer a calibration, at once. Into any other it changes
nothing: what the community wrote since is never overwritten.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from authoring.models import Challenge

DEMO_PACK = Path(settings.BASE_DIR) / "content" / "demo"


class Command(BaseCommand):
    help = (
        "Into an empty database, load the demo pack, create the demo accounts and "
        "publish the first release; otherwise change nothing. Print the addresses."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pack", type=Path, default=DEMO_PACK)
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="The address the server will answer on (printed for newcomers).",
        )

    def handle(self, *args, pack: Path, site_url: str, **options):
        site_url = site_url.rstrip("/")
        if self._is_empty():
            self._set_up(pack, site_url)
        else:
            self.stdout.write(
                "Base existante : rien n'est rechargé, le travail de la communauté "
                "est conservé. Nouveaux mots de passe des comptes de démonstration : "
                ".venv/bin/python manage.py create_demo_accounts --reset-passwords"
            )
        self.stdout.write(
            f"\nAtelier CRCN prêt.\n  Apprenants : {site_url}/\n"
            f"  Atelier (auteurs, relecteurs, validateurs) : {site_url}/admin/\n"
            f"  Espace organisation (enseignants) : {site_url}/orga/\n"
        )

    @staticmethod
    def _is_empty() -> bool:
        """Return True before anyone has an account or any challenge was written."""
        return not (get_user_model().objects.exists() or Challenge.objects.exists())

    def _set_up(self, pack: Path, site_url: str) -> None:
        self.stdout.write("Base vide : chargement du contenu de démonstration…")
        call_command("load_content", str(pack), no_progress=True, stdout=self.stdout)
        call_command("create_demo_accounts", site_url=site_url, stdout=self.stdout)
        call_command(
            "publish_release",
            notes="Première release : le contenu de démonstration.",
            stdout=self.stdout,
        )
        call_command("load_demo_calibration", stdout=self.stdout)
        call_command("load_target_profiles", stdout=self.stdout)
        call_command("load_demo_school", site_url=site_url, stdout=self.stdout)
        call_command("create_demo_certification", site_url=site_url, stdout=self.stdout)
