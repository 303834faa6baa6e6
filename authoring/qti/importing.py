"""Import a QTI 3.0 content package as proposed draft challenges of one skill.

Every item is read and validated first; if any fails, nothing is created. Otherwise
the challenges, their images and documents are created in one transaction, each
challenge with a first Wagtail revision and never published.
"""

import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO
from urllib.parse import unquote, urlparse

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from authoring.content_pack.files import document_problem
from authoring.models import Challenge
from authoring.permissions import can_import_qti
from authoring.validation import illustration_alt_errors
from referential.models import Skill
from runtime.permissions import require

from .fidelity import FidelityReport, ItemReport
from .item_reading import ChallengeDraft, read_item
from .media_reading import PackageFile
from .vocabulary import (
    ITEM_RESOURCE,
    MANIFEST,
    DoctypeRefused,
    local_name,
    parse_xml,
)

MAX_FILE_BYTES = 50 * 1024 * 1024


class QtiPackageError(ValueError):
    """The file is not a QTI content package this import can read."""


@dataclass
class ImportResult:
    """The report, and the challenges created (none when any item failed)."""

    report: FidelityReport
    challenges: list[Challenge] = field(default_factory=list)


def import_qti_package(
    *, source: str | BinaryIO, skill: Skill, user=None, trusted: bool = False
) -> ImportResult:
    """Create the package's items as proposed drafts of skill, or none on error.

    The user needs the QTI import rule; ``import_qti`` imports as trusted.
    """
    require(can_import_qti, user, trusted=trusted)
    report = FidelityReport(_("Rapport de fidélité — import QTI 3.0"))
    try:
        with zipfile.ZipFile(source) as package:
            drafts = read_package(package, report)
    except zipfile.BadZipFile as error:
        raise QtiPackageError(_("Ce fichier n'est pas une archive zip.")) from error
    candidates = [
        (draft, note, build_challenge(draft, skill)) for draft, note in drafts
    ]
    for draft, note, challenge in candidates:
        note.errors += challenge_problems(draft, challenge)
    if report.has_errors:
        return ImportResult(report)
    stored: list = []
    try:
        with transaction.atomic():
            created = [
                persist(draft, challenge, user, stored)
                for draft, _note, challenge in candidates
            ]
    except BaseException:
        # The rows are rolled back: take back the files written for them too.
        for storage, name in stored:
            storage.delete(name)
        raise
    return ImportResult(report, created)


def read_package(
    package: zipfile.ZipFile, report: FidelityReport
) -> list[tuple[ChallengeDraft, ItemReport]]:
    """Return the drafts of the package's item resources, noting the rest."""
    try:
        manifest = parse_document(package, MANIFEST)
    except DoctypeRefused as error:
        raise QtiPackageError(doctype_refusal(MANIFEST)) from error
    if manifest is None:
        raise QtiPackageError(_("Le paquet n'a pas de imsmanifest.xml lisible."))
    drafts = []
    for resource in manifest.iter():
        if local_name(resource) != "resource":
            continue
        kind = resource.get("type", "")
        if kind != ITEM_RESOURCE:
            if kind.startswith("imsqti_"):
                report.general.append(
                    _("Ressource %(id)s ignorée : type %(type)s non pris en charge.")
                    % {"id": resource.get("identifier"), "type": kind}
                )
            continue
        if found := read_resource(package, resource, report):
            drafts.append(found)
    if not report.items:
        report.general.append(_("Aucun item QTI 3.0 dans le paquet."))
    return drafts


def read_resource(package: zipfile.ZipFile, resource, report: FidelityReport):
    """Return (draft, note) of an item resource, or None when it is skipped."""
    path = package_path("", resource.get("href", ""))
    try:
        root = parse_document(package, path) if path else None
    except DoctypeRefused:
        note = report.add_item(resource.get("identifier", path), "")
        note.errors.append(doctype_refusal(path))
        return None
    title = root.get("title", "") if root is not None else ""
    note = report.add_item(resource.get("identifier", path or "?"), title)
    if root is None:
        note.errors.append(
            _("Fichier d'item absent ou illisible : %(path)s.")
            % {"path": resource.get("href")}
        )
        return None
    draft = read_item(root, file_resolver(package, path), note)
    return (draft, note) if draft is not None else None


def doctype_refusal(path: str) -> str:
    """Return the report's line for an XML file declaring a DTD."""
    return _(
        "%(path)s déclare une DTD (<!DOCTYPE>) : refusé. Les paquets QTI 3.0 "
        "n'en ont pas besoin et les entités XML ne sont pas lues."
    ) % {"path": path}


def parse_document(package: zipfile.ZipFile, path: str) -> etree._Element | None:
    """Return the root of an XML file of the package, None if absent or invalid.

    Raise DoctypeRefused when the file declares a DTD.
    """
    data = read_member(package, path)
    if data is None:
        return None
    try:
        return parse_xml(data)
    except etree.XMLSyntaxError:
        return None


def read_member(package: zipfile.ZipFile, path: str) -> bytes | None:
    """Return the bytes of a package file, None if absent or too large."""
    try:
        info = package.getinfo(path)
    except KeyError:
        return None
    if info.file_size > MAX_FILE_BYTES:
        return None
    return package.read(info)


def package_path(base: str, href: str) -> str | None:
    """Return the package path href points to from base, None if outside or remote."""
    parsed = urlparse(href)
    if parsed.scheme or parsed.netloc or not parsed.path or href.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(base, unquote(parsed.path)))
    return None if path.startswith("..") else path


def file_resolver(package: zipfile.ZipFile, item_path: str):
    """Return a function giving (name, bytes) of a file an item refers to."""
    base = posixpath.dirname(item_path)

    def resolve(href: str) -> tuple[str, bytes] | None:
        path = package_path(base, href)
        data = read_member(package, path) if path else None
        return (posixpath.basename(path), data) if data is not None else None

    return resolve


def build_challenge(draft: ChallengeDraft, skill: Skill) -> Challenge:
    """Return the unsaved challenge of a draft, on skill."""
    return Challenge(skill=skill, **draft.values)


def challenge_problems(draft: ChallengeDraft, challenge: Challenge) -> list[str]:
    """Return every validation problem of a draft challenge, in French."""
    problems = []
    try:
        challenge.full_clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems += [f"{field_label(name)}{message}" for message in messages]
    illustration = draft.illustration
    # The image is not stored yet: full_clean() could not see it.
    alt_errors = illustration_alt_errors(
        has_illustration=bool(illustration), alt=illustration and illustration.label
    )
    problems += [
        str(message) for messages in alt_errors.values() for message in messages
    ]
    if illustration and get_image_dimensions(ContentFile(illustration.data)) == (
        None,
        None,
    ):
        problems.append(
            _("Illustration illisible : %(name)s.") % {"name": illustration.name}
        )
    # A file's type is told by its first bytes, not only by its extension.
    problems += [
        problem
        for attachment in draft.attachments
        if (problem := document_problem(attachment.data, attachment.name))
    ]
    return problems


def field_label(name: str) -> str:
    """Return 'verbose name : ' of a challenge field ('' for global errors)."""
    try:
        return f"{Challenge._meta.get_field(name).verbose_name} : "
    except FieldDoesNotExist:
        return ""


def persist(
    draft: ChallengeDraft, challenge: Challenge, user, stored: list
) -> Challenge:
    """Save a validated draft with its files and a first revision, unpublished.

    Each file written is appended to stored as (storage, name).
    """
    if draft.illustration:
        name = posixpath.splitext(draft.illustration.name)[0]
        challenge.illustration = store_file(
            get_image_model(), draft.illustration, name, stored
        )
        challenge.illustration_alt = draft.illustration.label
    challenge.attachments = [
        store_file(get_document_model(), attachment, attachment.label, stored)
        for attachment in draft.attachments
    ]
    challenge.live = False
    challenge.save()
    challenge.save_revision(user=user)
    return challenge


def store_file(model, package_file: PackageFile, title: str, stored: list):
    """Create a Wagtail image or document titled title from a package file."""
    title = (title or package_file.name)[:255]
    content = ContentFile(package_file.data, name=package_file.name)
    instance = model(title=title, file=content)
    try:
        instance.save()
    finally:
        if instance.file._committed:  # written to the storage
            stored.append((instance.file.storage, instance.file.name))
    return instance
