"""Create the demo accounts with random passwords, printed once."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_ACCOUNTS = [
    # username, group (None = superuser), first name, last name
    ("admin", None, "Ada", "Admin"),
    ("auteur", "Auteurs", "Aurore", "Auteur"),
    # Three reviewers: the community review's quorum is three votes.
    ("relecteur", "Relecteurs", "Rémi", "Relecteur"),
    ("relectrice", "Relecteurs", "Rachida", "Relectrice"),
    ("reviseur", "Relecteurs", "Régis", "Réviseur"),
    ("validateur", "Validateurs", "Valérie", "Validatrice"),
    ("referentiel", "Éditeurs du référentiel", "Raphaël", "Référentiel"),
]


class Command(BaseCommand):
    help = "Create the demo accounts: admin, author, 3 reviewers, validator, editor."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give existing demo accounts new passwords and print them.",
        )
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="The site's address, printed with the accounts.",
        )

    @transaction.atomic
    def handle(self, *args, reset_passwords=False, site_url="", **options):
        User = get_user_model()
        lines = []
        for username, group_name, first_name, last_name in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "email": f"{username}@demo.invalid",
                    "is_staff": group_name is None,
                    "is_superuser": group_name is None,
                },
            )
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            if created or reset_passwords:
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.save()
                lines.append(
                    f"  {username:<12} {password:<20} {group_name or 'superuser'}"
                )
            else:
                lines.append(
                    f"  {username:<12} {'(inchangé)':<20} {group_name or 'superuser'}"
                )
        admin_url = f"{site_url.rstrip('/')}/admin/"
        self.stdout.write(f"Comptes de démonstration ({admin_url}) :")
        self.stdout.write("\n".join(lines))
        if any("(inchangé)" in line for line in lines):
            self.stdout.write(
                "Mots de passe déjà affichés à la création ; pour en obtenir de "
                "nouveaux : .venv/bin/python manage.py create_demo_accounts "
                "--reset-passwords"
            )
