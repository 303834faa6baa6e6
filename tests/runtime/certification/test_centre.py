"""Centre members: sessions, candidates by form and CSV, eligibility, scoping."""

import datetime

import pytest
from django.contrib.auth.hashers import check_password
from django.urls import reverse
from django.utils import timezone

from runtime.certification.models import Candidate, CertificationSession
from runtime.domain import codes
from tests.factories import make_user

from .conftest import make_centre, make_session

pytestmark = pytest.mark.django_db


def test_a_member_creates_a_session_and_sees_the_password_once(client, centre, member):
    """The access code has the code format; the password is stored hashed."""
    client.force_login(member)

    response = client.post(
        reverse("certification:session_create", args=[centre.pk]),
        {
            "address": "3 place du Marché",
            "room": "Salle info",
            "date": "2030-05-04",
            "time": "14:30",
            "examiner": "M. Petit",
            "description": "",
            "duration_minutes": 105,
            "mode": "classic",
        },
        follow=True,
    )

    session = CertificationSession.objects.get()
    password = response.context["password"]
    assert codes.is_session_access_code(session.access_code)
    assert password not in session.invigilator_password_hash
    assert check_password(password, session.invigilator_password_hash)
    assert password in response.content.decode()
    again = client.get(reverse("certification:session", args=[session.pk]))
    assert password not in again.content.decode()
    assert session.duration_minutes == 105


def test_the_adaptive_mode_is_unavailable_with_its_reason(client, centre, member):
    client.force_login(member)

    page = client.get(reverse("certification:session_create", args=[centre.pk]))
    posted = client.post(
        reverse("certification:session_create", args=[centre.pk]),
        {
            "address": "a",
            "room": "b",
            "date": "2030-05-04",
            "time": "14:30",
            "examiner": "c",
            "duration_minutes": 105,
            "mode": "adaptive",
        },
    )

    assert "Mode adaptatif indisponible" in page.content.decode()
    assert posted.status_code == 422
    assert not CertificationSession.objects.exists()


def test_enrolment_by_form_links_an_account_and_shows_eligibility(
    client, centre, member, learner
):
    session, _ = make_session(centre, member)
    beginner = make_user(email="sam@example.org")
    client.force_login(member)

    for first, last, email in (
        ("Lou", "Martin", "LOU@example.org"),
        ("Sam", "Durand", "sam@example.org"),
        ("Alex", "Petit", ""),
    ):
        client.post(
            reverse("certification:candidate_add", args=[session.pk]),
            {
                "first_name": first,
                "last_name": last,
                "birth_date": "2004-02-29",
                "email": email,
                "external_id": "",
                "extra_time_percent": 0,
            },
        )
    page = client.get(reverse("certification:session", args=[session.pk]))

    links = dict(session.candidates.values_list("first_name", "user"))
    assert links == {"Lou": learner.pk, "Sam": beginner.pk, "Alex": None}
    html = page.content.decode()
    assert "Éligible" in html
    assert "Non éligible" in html
    assert "Compte non rattaché" in html


def test_a_duplicate_candidate_is_refused(client, centre, member):
    session, _ = make_session(centre, member)
    client.force_login(member)
    data = {
        "first_name": "Léa",
        "last_name": "Roux",
        "birth_date": "2001-01-02",
        "extra_time_percent": 0,
    }
    client.post(reverse("certification:candidate_add", args=[session.pk]), data)

    again = client.post(
        reverse("certification:candidate_add", args=[session.pk]),
        {**data, "first_name": "lea"},
    )

    assert again.status_code == 422
    assert "déjà inscrit" in again.content.decode()
    assert session.candidates.count() == 1


CSV_OK = (
    "Prénom;Nom;Date de naissance;E-mail;Identifiant externe;Temps majoré (%)\n"
    "Léa;Roux;02/01/2001;lea@example.org;E-1;0\n"
    "Tom;Blanc;2000-12-31;;E-2;33\n"
)
CSV_BAD = (
    "Prénom;Nom;Date de naissance;E-mail;Identifiant externe;Temps majoré (%)\n"
    "Léa;Roux;31/02/2001;lea@;E-1;0\n"
    ";Blanc;2000-12-31;;E-2;250\n"
    "Zoé;Vert;01/01/2000;;E-3;0\n"
)


def _upload(client, session, text, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("certification:candidate_import", args=[session.pk]),
        {"file": SimpleUploadedFile("c.csv", text.encode()), **extra},
    )


def test_a_csv_with_errors_lists_them_by_row_and_saves_nothing(client, centre, member):
    session, _ = make_session(centre, member)
    client.force_login(member)

    response = _upload(client, session, CSV_BAD, confirm="1")

    assert response.status_code == 422
    assert response.context["errors"] == [
        "Ligne 2 : date de naissance « 31/02/2001 » invalide (attendu JJ/MM/AAAA)",
        "Ligne 2 : adresse électronique « lea@ » invalide",
        "Ligne 3 : prénom manquant",
        "Ligne 3 : temps majoré « 250 » invalide (un nombre de 0 à 100)",
    ]
    assert not session.candidates.exists()


def test_a_csv_is_previewed_then_confirmed_all_at_once(client, centre, member):
    session, _ = make_session(centre, member)
    client.force_login(member)

    preview = _upload(client, session, CSV_OK)
    assert preview.status_code == 200
    assert not session.candidates.exists()
    confirmed = client.post(
        reverse("certification:candidate_import", args=[session.pk]),
        {"content": preview.context["content"], "confirm": "1"},
    )

    assert confirmed.status_code == 302
    assert list(
        session.candidates.order_by("last_name").values_list(
            "last_name", "birth_date", "extra_time_percent", "external_id"
        )
    ) == [
        ("Blanc", datetime.date(2000, 12, 31), 33, "E-2"),
        ("Roux", datetime.date(2001, 1, 2), 0, "E-1"),
    ]


def test_a_csv_clashing_with_an_enrolled_candidate_saves_nothing(
    client, centre, member
):
    session, _ = make_session(centre, member)
    Candidate.objects.create(
        session=session,
        first_name="Tom",
        last_name="Blanc",
        birth_date=datetime.date(2000, 12, 31),
    )
    client.force_login(member)

    response = _upload(client, session, CSV_OK, confirm="1")

    assert response.status_code == 422
    assert response.context["errors"] == [
        "Ligne 3 : Tom Blanc, né(e) le 31/12/2000, est déjà inscrit(e) à cette session."
    ]
    assert session.candidates.count() == 1


def test_a_member_of_another_centre_gets_404(client, centre, member):
    session, _ = make_session(centre, member)
    candidate = Candidate.objects.create(
        session=session,
        first_name="Léa",
        last_name="Roux",
        birth_date=datetime.date(2001, 1, 2),
    )
    other = make_user()
    make_centre(name="Université B", member=other)
    client.force_login(other)

    pages = [
        client.get(reverse("certification:centre", args=[centre.pk])),
        client.get(reverse("certification:session", args=[session.pk])),
        client.get(reverse("certification:session_create", args=[centre.pk])),
        client.get(reverse("certification:results_csv", args=[session.pk])),
        client.post(
            reverse("certification:candidate_remove", args=[session.pk, candidate.pk])
        ),
        client.post(reverse("certification:finalise", args=[session.pk])),
        client.post(reverse("certification:password_renew", args=[session.pk])),
    ]

    assert [page.status_code for page in pages] == [404] * 7
    assert Candidate.objects.filter(pk=candidate.pk).exists()


def test_sessions_are_listed_for_the_member(client, centre, member):
    make_session(centre, member, date=timezone.localdate() + datetime.timedelta(1))
    client.force_login(member)

    page = client.get(reverse("certification:centres"), follow=True)

    assert page.redirect_chain[-1][0] == reverse(
        "certification:centre", args=[centre.pk]
    )
    assert len(page.context["sessions"]) == 1


def test_a_session_is_edited_until_it_starts(client, centre, member):
    session, _ = make_session(centre, member)
    client.force_login(member)
    data = {
        "address": "2 rue Neuve",
        "room": "C3",
        "date": "2031-01-10",
        "time": "10:15",
        "examiner": "M. Roy",
        "description": "Apporter une pièce d'identité.",
        "duration_minutes": 120,
        "mode": "classic",
    }

    edited = client.post(reverse("certification:session_edit", args=[session.pk]), data)
    CertificationSession.objects.filter(pk=session.pk).update(status="started")
    refused = client.post(
        reverse("certification:session_edit", args=[session.pk]),
        {**data, "room": "D4"},
    )

    assert (edited.status_code, refused.status_code) == (302, 422)
    session.refresh_from_db()
    assert (session.room, session.duration_minutes, session.date) == (
        "C3",
        120,
        datetime.date(2031, 1, 10),
    )
    outsider = make_user()
    client.force_login(outsider)
    page = client.get(reverse("certification:session_edit", args=[session.pk]))
    assert page.status_code == 404
