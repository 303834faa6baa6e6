"""An HTML file among the uploads downloads in a signed-in administrator's
browser; its script never runs on the site's origin."""

import contextlib

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Error as PlaywrightError
from wagtail.documents.models import Document

from tests.factories import make_user

from .conftest import admin_login

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = b"<html><body><script>document.title = 'pwned';</script></body></html>"


def _open(page, url: str):
    """Open ``url`` as a person would; return the download it turned into."""
    # Chromium reports a navigation that became a download as an error.
    with page.expect_download() as download, contextlib.suppress(PlaywrightError):
        page.goto(url)
    return download.value


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def test_an_uploaded_html_document_downloads_instead_of_running(new_page, uploads):
    """Wagtail's document view sends it as a download (the live test server serves
    /media/ with a handler of its own, so config/uploads.py is tested without a
    browser in tests/config/test_uploads.py)."""
    make_user(is_superuser=True, username="admin-e2e")
    document = Document.objects.create(
        title="ancien", file=ContentFile(SCRIPT, name="ancien.html")
    )
    page = new_page()
    admin_login(page, "admin-e2e")

    download = _open(page, document.url)

    assert download.suggested_filename == "ancien.html"
    assert page.title() != "pwned"
    assert page.url.endswith("/admin/")
