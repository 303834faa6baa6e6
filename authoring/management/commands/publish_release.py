"""Publish the validated content as a new release."""

from django.core.management.base import BaseCommand, CommandError

from authoring.releases.services import ReleaseError, release_preview, release_publish


class Command(BaseCommand):
    help = "Snapshot validated content as a new current release (prints the diff)."

    def add_arguments(self, parser):
        parser.add_argument("--notes", default="", help="Release notes")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the diff; publish nothing."
        )

    def handle(self, *args, notes="", dry_run=False, **options):
        snapshot, diff = release_preview()
        self.stdout.write(
            f"{len(snapshot.challenges)} épreuve(s) : {len(diff.added)} ajoutée(s), "
            f"{len(diff.changed)} modifiée(s), {len(diff.removed)} retirée(s)."
        )
        if dry_run:
            return
        try:
            release = release_publish(notes=notes, trusted=True)
        except ReleaseError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Release {release.number} publiée ({release.checksum[:12]})."
        )
