"""Zip archives of content packs, for upload and download in the admin."""

import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from .files import path_problem

MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
MAX_LISTED = 10


class ArchiveError(Exception):
    """The uploaded file is not a usable content pack archive."""


def extract_archive(uploaded, target: Path) -> Path:
    """Extract a zip safely into target and return the folder holding pack.json."""
    try:
        archive = zipfile.ZipFile(uploaded)
    except zipfile.BadZipFile as error:
        raise ArchiveError(_("Ce fichier n'est pas une archive zip.")) from error
    with archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
            raise ArchiveError(_("L'archive décompressée dépasse 500 Mo."))
        for member in members:
            path = PurePosixPath(member.filename)
            if path.is_absolute() or ".." in path.parts:
                raise ArchiveError(
                    _("Chemin interdit dans l'archive : %(path)s") % {"path": path}
                )
        # Names the file system refuses, or too deep to walk: say which, and
        # extract nothing.
        if problems := [p for m in members if (p := path_problem(m.filename))]:
            raise ArchiveError(refused_files(problems))
        archive.extractall(target)
    manifests = sorted(target.rglob("pack.json"), key=lambda p: len(p.parts))
    if not manifests:
        raise ArchiveError(_("L'archive ne contient pas de pack.json."))
    return manifests[0].parent


def refused_files(problems: list[str]) -> str:
    """Return one message naming the first refused files, and how many more."""
    lines = [_("Fichiers refusés dans l'archive :"), *problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        more = len(problems) - MAX_LISTED
        lines.append(_("(et %(count)s autre(s))") % {"count": more})
    return " ".join(lines)


def build_archive(folder: Path) -> Path:
    """Zip a pack folder into a temporary file and return its path."""
    handle = tempfile.NamedTemporaryFile(suffix=".zip", delete=False)  # noqa: SIM115
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    handle.close()
    return Path(handle.name)
