"""Validate a content pack, then import it in one transaction."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from authoring.content_pack import import_pack, read_pack


class Command(BaseCommand):
    help = "Validate and import a content pack (docs/content-pack.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Folder holding pack.json")
        parser.add_argument(
            "--check", action="store_true", help="Validate only; import nothing."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Replace items changed in the workbench since the last pack, "
                "or further on in their status, and list them."
            ),
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(
        self, *args, path: Path, check=False, no_progress=False, force=False, **options
    ):
        pack, problems = read_pack(path)
        if problems:
            for problem in problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"{len(problems)} problème(s) : rien n'a été importé depuis {path}."
            )
        if check:
            self.stdout.write(f"Paquet valide : {pack.count()} élément(s).")
            return
        bar = tqdm(
            total=pack.count(),
            unit="élément",
            disable=no_progress or not self.stdout.isatty(),
            file=self.stderr._out,
        )
        with bar:
            report = import_pack(pack, progress=bar.update, trusted=True, force=force)
        self.stdout.write(report.summary())
