"""Authors' uploads never run as active content on the site's origin."""

import html
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image

from authoring.content_pack import export_pack, read_pack
from tests.authoring.test_content_pack import make_content

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><body><script>document.title='pwned'</script></body></html>"
# Wagtail's own message, with its typographic apostrophe.
REFUSED_EXTENSION = "L'extension de fichier « {} » n’est pas autorisée."  # noqa: RUF001
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)


def _text(response) -> str:
    """Return the page's text as a person reads it (entities and spaces folded)."""
    return " ".join(html.unescape(response.content.decode()).split())


@pytest.mark.parametrize(
    ("name", "content"),
    [("page.html", SCRIPT), ("dessin.svg", SVG), ("outil.js", b"alert(1)")],
)
def test_active_documents_are_refused_at_upload(client, superuser, name, content):
    """HTML, SVG and JavaScript documents are refused with a message; none is kept."""
    client.force_login(superuser)

    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )

    extension = name.rsplit(".", 1)[1]
    assert response.status_code == 200
    assert REFUSED_EXTENSION.format(extension) in _text(response)
    assert Document.objects.count() == 0


def test_an_svg_illustration_is_refused_at_upload(client, superuser):
    """Illustrations are raster images: an SVG upload is refused."""
    client.force_login(superuser)

    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "dessin", "file": SimpleUploadedFile("dessin.svg", SVG)},
    )

    assert response.status_code == 200
    assert (
        "Format d'image non supporté. Formats supportés : PNG, JPG, JPEG, GIF, WEBP."
        in _text(response)
    )
    assert Image.objects.count() == 0


def test_a_content_pack_attachment_in_html_is_refused(tmp_path):
    """A pack whose challenge attaches an HTML file is reported, not imported."""
    make_content()
    export_pack(tmp_path)
    path = tmp_path / "competences" / "1.3.json"
    data = json.loads(path.read_text())
    challenge = next(c for c in data["challenges"] if c["attachments"])
    (tmp_path / "files" / "1.3" / "page.html").write_bytes(SCRIPT)
    challenge["attachments"] = ["files/1.3/page.html"]
    path.write_text(json.dumps(data))

    problems = read_pack(tmp_path)[1]

    assert [(p.item, p.field, p.message) for p in problems] == [
        (
            challenge["id"],
            "attachments",
            "Type de fichier refusé : files/1.3/page.html.",
        )
    ]


def test_a_document_uploaded_before_is_served_as_a_download(client, settings, tmp_path):
    """An HTML document kept from before is a download that cannot run scripts."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    document = Document.objects.create(
        title="ancien", file=ContentFile(SCRIPT, name="ancien.html")
    )

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_files_are_sandboxed_downloads_in_development(client, settings, tmp_path):
    """In DEBUG, /media/ serves uploads as downloads in a sandbox."""
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "page.html").write_bytes(SCRIPT)

    response = client.get("/media/documents/page.html")

    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_files_are_not_served_by_django_in_production(client, settings, tmp_path):
    """Outside DEBUG the reverse proxy serves /media/: Django answers 404."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "page.html").write_bytes(SCRIPT)

    response = client.get("/media/page.html")

    assert response.status_code == 404
