"""Export the referential and all content as a content pack."""

from pathlib import Path

from django.core.management.base import BaseCommand

from authoring.content_pack import export_pack


class Command(BaseCommand):
    help = "Write the referential and all content as a content pack folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help="Folder to write (created if missing)"
        )
        parser.add_argument("--name", default="Atelier CRCN", help="Name of the pack")

    def handle(self, *args, path: Path, name: str, **options):
        counts = export_pack(path, name=name)
        self.stdout.write(
            f"{counts['competences']} compétence(s), {counts.get('challenges', 0)} "
            f"épreuve(s), {counts.get('tutorials', 0)} tutoriel(s), "
            f"{counts['files']} fichier(s) écrits dans {path}."
        )
