"""Small things a newcomer meets first: the icon, a command's help."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import load_command_class
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_the_site_has_an_icon(client):
    """/favicon.ico leads to the site's own icon instead of a 404."""
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == static("runtime/favicon.ico")
    icon = Path(finders.find("runtime/favicon.ico")).read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00"  # an ICO file's header


def test_check_links_explains_itself():
    """`manage.py check_links --help` prints its help instead of crashing."""
    command = load_command_class("authoring", "check_links")

    text = command.create_parser("manage.py", "check_links").format_help()

    assert "Check the links of the tutorials and simulators in use" in text
    assert "--timeout" in text
