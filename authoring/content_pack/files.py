"""Check a pack's files before anything is written: names, depth and content.

A file's extension says what the pack claims; its first bytes say what it is.
Both must agree with the types the admin's upload forms accept, and every path
must fit the file system (a name of at most 255 bytes, a bounded depth and
length), so that no import fails half-way with a file already on disk.
"""

import io
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from PIL import Image

MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 1024
MAX_DEPTH = 32
IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}

OFFICE_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# Extension -> accepted first bytes (None: text, checked as text below).
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "pdf": (b"%PDF-",),
    **dict.fromkeys(
        ["odt", "ods", "odp", "odg", "docx", "xlsx", "pptx", "zip"], OFFICE_ZIP
    ),
    **dict.fromkeys(["doc", "xls", "ppt"], OLE),
    "ogg": (b"OggS",),
    "wav": (b"RIFF",),
    "webm": (b"\x1a\x45\xdf\xa3",),
    "mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xe3"),
    **dict.fromkeys(
        [
            "csv", "tsv", "txt", "md", "json", "xml", "yaml", "yml", "log",
            "diff", "patch", "srt", "vtt", "eml", "ics", "vcf",
        ],
        None,
    ),
}  # fmt: skip


def shown(path: str) -> str:
    """Return a path short enough to be quoted in a message."""
    return Truncator(path).chars(120)


def path_problem(path: str) -> str | None:
    """Return why a pack path cannot be stored, or None when it can."""
    parts = PurePosixPath(path).parts
    if len(parts) > MAX_DEPTH:
        return _(
            "Chemin trop profond (%(depth)s niveaux, au plus %(limit)s) : %(path)s."
        ) % {"depth": len(parts), "limit": MAX_DEPTH, "path": shown(path)}
    if len(path.encode()) > MAX_PATH_BYTES:
        return _("Chemin trop long (plus de %(limit)s octets) : %(path)s.") % {
            "limit": MAX_PATH_BYTES,
            "path": shown(path),
        }
    for part in parts:
        if len(part.encode()) > MAX_NAME_BYTES:
            return _(
                "Nom de fichier trop long (%(size)s octets, au plus %(limit)s) : "
                "%(path)s."
            ) % {
                "size": len(part.encode()),
                "limit": MAX_NAME_BYTES,
                "path": shown(path),
            }
    return None


def extension(path: str) -> str:
    return path.rsplit(".", 1)[-1].lower() if "." in path else ""


def _opened(source: Path | bytes):
    return io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")


def image_problem(source: Path | bytes, path: str) -> str | None:
    """Return why a file (on disk, or its bytes) is not an accepted image, or None."""
    try:
        with _opened(source) as handle, Image.open(handle) as image:
            found = image.format
            image.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for bad files
        found = None
    if found not in IMAGE_FORMATS:
        return _(
            "Image illisible ou d'un type refusé (PNG, JPEG, GIF ou WebP "
            "attendu) : %(path)s."
        ) % {"path": shown(path)}
    return None


def document_problem(source: Path | bytes, path: str) -> str | None:
    """Return why a file's content does not match its extension, or None."""
    kind = extension(path)
    if kind in settings.WAGTAILIMAGES_EXTENSIONS:
        return image_problem(source, path)
    with _opened(source) as handle:
        head = handle.read(8192)
    signatures = SIGNATURES.get(kind)
    mismatch = _(
        "Le contenu du fichier ne correspond pas à son extension « .%(ext)s » : "
        "%(path)s."
    ) % {"ext": kind, "path": shown(path)}
    if kind == "mp4":  # an ISO media file: a box size, then "ftyp"
        return None if head[4:8] == b"ftyp" else mismatch
    if signatures is not None:
        return None if head.startswith(signatures) else mismatch
    # Text (CSV, Markdown, an HTML source saved as .txt…) is served as an
    # inert download; a NUL byte says it is a binary file in disguise.
    return mismatch if b"\x00" in head else None
