"""The admin's listing exports selected challenges as a QTI package download."""

import io
import zipfile

import pytest
from django.urls import reverse

from authoring.qti.vocabulary import item_identifier
from authoring.qti_views import FIDELITY_REPORT
from tests.factories import make_challenge, make_user

pytestmark = pytest.mark.django_db


def _url(*challenges) -> str:
    url = reverse("wagtail_bulk_action", args=["authoring", "challenge", "export_qti"])
    ids = "&".join(f"id={challenge.pk}" for challenge in challenges)
    return f"{url}?{ids}&next=/admin/snippets/authoring/challenge/"


def test_an_author_downloads_the_selected_challenges_as_one_qti_zip(client):
    first = make_challenge(type="QROC", proposals="${r}", solution="HTTPS")
    second = make_challenge(type="QCU", proposals="- oui\n- non", solution="1")
    make_challenge(type="QROC", proposals="${r}", solution="HTTP")  # not selected
    client.force_login(make_user(group="Authors"))

    confirm = client.get(_url(first, second), HTTP_ACCEPT_LANGUAGE="fr")
    response = client.post(_url(first, second), HTTP_ACCEPT_LANGUAGE="fr")

    assert confirm.status_code == 200
    assert "Ces 2 épreuves seront exportées" in confirm.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="epreuves-qti-'
    )
    package = zipfile.ZipFile(io.BytesIO(response.content))
    items = sorted(name for name in package.namelist() if name.startswith("items/"))
    assert items == sorted(
        f"items/{item_identifier(challenge.uid)}.xml" for challenge in (first, second)
    )
    assert "imsmanifest.xml" in package.namelist()
    assert "Rapport de fidélité" in package.read(FIDELITY_REPORT).decode()


def test_a_user_who_cannot_read_the_workshop_gets_no_package(client):
    challenge = make_challenge(type="QROC", proposals="${r}", solution="HTTPS")
    client.force_login(make_user(group="Referential editors", is_staff=True))

    response = client.post(_url(challenge))

    assert response.get("Content-Type") != "application/zip"
