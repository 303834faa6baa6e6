"""Take the package's images and links out of an item body.

The first image that is a package file becomes the illustration; links to package
files become attachments (their text stays in the statement).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree

from .fidelity import ItemReport
from .vocabulary import MEDIA_CLASS, qti
from .xhtml import remove

Resolver = Callable[[str], tuple[str, bytes] | None]
"""Return (file name, bytes) of a package file an item refers to, or None."""


@dataclass(frozen=True)
class PackageFile:
    """A file of the package an item uses: illustration or attachment."""

    name: str
    data: bytes
    label: str


def extract_media(body: etree._Element, resolve: Resolver, note: ItemReport):
    """Take package images and links out of the body: illustration, attachments."""
    for div in list(body.iter(qti("div"))):
        if MEDIA_CLASS in div.get("class", "").split():
            illustration, attachments = _media_in(div, resolve, note)
            remove(div)
            return illustration, attachments
    return _media_in(body, resolve, note)


def _allowed(found: tuple[str, bytes] | None, extensions, note: ItemReport):
    """Return found when its type may be uploaded; note the refusal otherwise.

    The admin's upload forms refuse the other types (HTML, SVG, scripts run as
    active content on the site's origin); an import may not let them in.
    """
    if found is None:
        return None
    if found[0].rsplit(".", 1)[-1].lower() in extensions:
        return found
    note.notes.append(_("Fichier d'un type refusé, ignoré : %(n)s.") % {"n": found[0]})
    return None


def _media_in(root: etree._Element, resolve: Resolver, note: ItemReport):
    """Return the first package image and every package link of root, removed."""
    illustration, attachments = None, []
    for image in list(root.iter(qti("img"))):
        found = resolve(image.get("src", ""))
        if found is None:
            continue
        found = _allowed(found, settings.WAGTAILIMAGES_EXTENSIONS, note)
        if found is None:
            remove(image)
            continue
        if illustration is None:
            illustration = PackageFile(*found, image.get("alt", ""))
        else:
            note.notes.append(
                _("Image supplémentaire ignorée : %(n)s.") % {"n": found[0]}
            )
        remove(image)
    for link in list(root.iter(qti("a"))):
        found = resolve(link.get("href", ""))
        if found := _allowed(found, settings.WAGTAILDOCS_EXTENSIONS, note):
            attachments.append(PackageFile(*found, "".join(link.itertext()).strip()))
            remove(link, keep_text=True)
    return illustration, attachments
