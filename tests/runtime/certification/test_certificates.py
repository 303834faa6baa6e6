"""Certificates: the learner's page and PDF, the public page, CSV, Open Badges."""

import copy
import csv
import io
import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from runtime.certification import open_badges, services
from tests.factories import make_user

from .conftest import make_session
from .helpers import enrol, sit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_attempts_left_over():
    cache.clear()


@pytest.fixture
def published(client, centre, member, learner, jury):
    session, password = make_session(centre, member)
    candidate = enrol(session, None)
    client.force_login(learner)
    test, _first = sit(client, session, password, candidate, wrong_first=False)
    services.session_finalise(user=member, session=session, confirmed_incidents=set())
    services.session_publish(user=jury, session=session)
    test.result.refresh_from_db()
    return test.result


def test_the_learner_sees_the_certificate_and_downloads_the_pdf(client, published):
    home = client.get(reverse("certification:home"))
    page = client.get(reverse("certification:certificate", args=[published.pk]))
    pdf = client.get(reverse("certification:certificate_pdf", args=[published.pk]))

    assert "Certificat : 60 pix" in home.content.decode()
    html = page.content.decode()
    assert published.verification_code in html
    assert "29/02/2004" in html
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert len(pdf.content) > 2000


def test_nobody_else_gets_the_certificate(published):
    other = Client()
    other.force_login(make_user())

    pages = [
        other.get(reverse("certification:certificate", args=[published.pk])),
        other.get(reverse("certification:certificate_pdf", args=[published.pk])),
        other.get(reverse("certification:open_badge", args=[published.pk, "1.1"])),
    ]

    assert [page.status_code for page in pages] == [404, 404, 404]


def test_the_public_page_shows_what_the_certificate_states_and_no_more(published):
    test = published.test
    candidate = test.candidate
    candidate.email = "lou.secret@example.org"
    candidate.external_id = "INE-SECRET-42"
    candidate.save()
    anyone = Client()

    by_form = anyone.get(
        reverse("certification:verify"), {"code": published.verification_code.lower()}
    )
    page = anyone.get(by_form["Location"])
    unknown = anyone.get(reverse("certification:verify_code", args=["P-BBBBBBBB"]))

    html = page.content.decode()
    for stated in ("Lou Martin", "29/02/2004", "Lycée Condorcet", "60 pix"):
        assert stated in html
    for hidden in (
        "lou.secret@example.org",
        "INE-SECRET-42",
        "taux",
        "reproductibilit",
        test.picks[0]["challenge"],
        "B12",  # the room
        "Mme Durand",  # the examiner
        published.reason,
    ):
        assert hidden not in html
    assert unknown.status_code == 404


def test_the_centre_exports_its_results(published, member):
    session = published.test.candidate.session
    centre_client = Client()
    centre_client.force_login(member)

    response = centre_client.get(
        reverse("certification:results_csv", args=[session.pk])
    )

    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows == [
        [
            "Prénom", "Nom", "Date de naissance", "Identifiant externe", "Statut",
            "Pix certifiés", "Code de vérification",
            "Niveau 1.1", "Niveau 1.2", "Niveau 1.3", "Niveau 2.1", "Niveau 2.2",
        ],
        [
            "Lou", "Martin", "29/02/2004", "", "Certifié", "60",
            published.verification_code, "1", "1", "1", "1", "1",
        ],
    ]  # fmt: skip


def test_an_open_badge_per_competence_is_signed_and_verifiable(client, published):
    response = client.get(
        reverse("certification:open_badge", args=[published.pk, "1.1"])
    )
    credential = json.loads(response.content)

    assert response["Content-Type"] == "application/ld+json"
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["alignment"][0]["targetCode"] == "1.1"
    assert achievement["achievementType"] == "Competency"
    assert credential["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert credential["issuer"]["id"] == open_badges.instance_did()
    assert open_badges.verify(credential).valid

    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["result"][0]["value"] = "8"
    assert open_badges.verify(tampered).reason == "invalid signature"


def test_the_public_page_verifies_an_uploaded_credential(client, published):
    credential = client.get(
        reverse("certification:open_badge", args=[published.pk, "1.2"])
    ).content
    tampered = json.loads(credential)
    tampered["name"] = "Niveau 8 partout"
    anyone = Client()

    def upload(data: bytes):
        return anyone.post(
            reverse("certification:verify"),
            {"credential": SimpleUploadedFile("badge.json", data)},
        )

    good, bad, garbage = (
        upload(credential),
        upload(json.dumps(tampered).encode()),
        upload(b"not json"),
    )

    assert good.status_code == 200
    assert "émis par cette instance" in good.content.decode()
    assert good.context["result"] == published
    assert [bad.status_code, garbage.status_code] == [422, 422]
    assert "n'est pas authentique" in bad.content.decode()


def test_base58_round_trips():
    for data in (b"", b"\0\0\x01", bytes(range(34))):
        assert open_badges.base58btc_decode(open_badges.base58btc(data)) == data
    assert open_badges.base58btc(b"hello world") == "StV1DL6CwTryKyV"


def test_a_certified_learner_exports_then_deletes_the_account_the_certificate_stays(
    client, published, learner
):
    """The export holds the certificate; deleting the account keeps it verifiable."""
    data = json.loads(client.get(reverse("account_export")).content)
    deleted = client.post(
        reverse("account_delete"), {"password": "motdepasse-solide-42"}, follow=True
    )
    anyone = Client().get(
        reverse("certification:verify_code", args=[published.verification_code])
    )

    [exported] = data["certifications"]
    assert exported["certificate"]["verification_code"] == published.verification_code
    assert exported["certificate"]["pix"] == published.pix
    assert deleted.status_code == 200
    assert "Votre compte a été supprimé." in deleted.content.decode()
    published.refresh_from_db()
    assert published.test.user is None
    assert anyone.status_code == 200
    assert str(published.pix) in anyone.content.decode()
