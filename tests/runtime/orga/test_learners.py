"""Learner lists, accounts without e-mail, reconciliation and temporary passwords."""

import datetime
import random

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from runtime.orga.models import LearnerImport, OrganisationLearner, TemporaryPassword
from runtime.orga.services import learners as services
from runtime.orga.services.errors import OrgaError
from tests.factories import make_user

from .conftest import make_learner

pytestmark = pytest.mark.django_db

HEADER = "INE;Nom;Prénom;Date de naissance;Classe\n"
BIRTHDATE = datetime.date(2011, 3, 7)


def _preview(organisation, user, text):
    return services.learner_list_preview(
        user=user, organisation=organisation, data=text.encode(), file_name="l.csv"
    )


def test_confirming_imports_creates_updates_and_deactivates(orga_a, admin_a):
    kept = make_learner(orga_a, national_id="A1", first_name="Léa", division="4e")
    gone = make_learner(orga_a, national_id="A2", first_name="Ana")
    preview = _preview(
        orga_a,
        admin_a,
        HEADER + "A1;Dupont;Léa;07/03/2011;3e A\n"
        "A3;Martin;Lucas;12/05/2011;3e A\n"
        "A4;Durand;Hugo;pas une date;3e A\n",
    )

    done = services.learner_list_confirm(
        user=admin_a, organisation=orga_a, learner_import=preview
    )

    assert (done.count("created"), done.count("updated"), done.count("rejected")) == (
        1,
        1,
        1,
    )
    assert done.deactivated == ("A2",)
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert (kept.division, kept.is_active) == ("3e A", True)
    assert gone.is_active is False  # never deleted
    assert sorted(orga_a.learners.values_list("national_id", flat=True)) == [
        "A1",
        "A2",
        "A3",
    ]
    with pytest.raises(OrgaError, match="déjà été importée"):
        services.learner_list_confirm(
            user=admin_a, organisation=orga_a, learner_import=preview
        )


def test_a_deactivated_learner_back_in_the_list_is_active_again(orga_a, admin_a):
    make_learner(orga_a, national_id="A1", is_active=False)

    services.learner_list_confirm(
        user=admin_a,
        organisation=orga_a,
        learner_import=_preview(
            orga_a, admin_a, HEADER + "A1;Dupont;Léa;07/03/2011;3e A\n"
        ),
    )

    assert orga_a.learners.get().is_active is True


def test_members_cannot_import(orga_a, member_a):
    with pytest.raises(PermissionDenied):
        _preview(orga_a, member_a, HEADER + "A1;Dupont;Léa;07/03/2011;3e A\n")
    assert not LearnerImport.objects.exists()


def test_an_unreadable_file_is_refused_in_french(orga_a, admin_a):
    with pytest.raises(OrgaError, match="Colonnes obligatoires absentes"):
        _preview(orga_a, admin_a, "Nom;Prénom\nA;B\n")


def test_a_pupil_creates_an_account_without_email(orga_a):
    make_learner(orga_a, first_name="Jean-Émile", last_name="Lefèvre")

    user, learner = services.learner_account_create(
        organisation=orga_a,
        first_name="jean emile",
        last_name="LEFEVRE",
        birthdate=BIRTHDATE,
        password="un-mot-de-passe-solide",
    )

    assert user.username == "jeanemile.lefevre0703"
    assert user.email == ""
    assert learner.user == user
    assert user.check_password("un-mot-de-passe-solide")


def test_a_clashing_username_gets_four_random_digits(orga_a):
    make_user(username="lea.dupont0703")
    make_learner(orga_a)

    user, _learner = services.learner_account_create(
        organisation=orga_a, first_name="Léa", last_name="Dupont",
        birthdate=BIRTHDATE, password="un-mot-de-passe-solide",
        rng=random.Random(5),
    )  # fmt: skip

    assert user.username == f"lea.dupont{random.Random(5).randrange(10_000):04d}"


@pytest.mark.parametrize(
    ("first_name", "birthdate", "message"),
    [
        ("Léa", datetime.date(2011, 3, 8), "n'a cette date de naissance"),
        ("Paul", BIRTHDATE, "ne porte ces nom et prénom"),
    ],
)
def test_reconciliation_errors(orga_a, first_name, birthdate, message):
    make_learner(orga_a)

    with pytest.raises(OrgaError, match=message):
        services.learner_account_create(
            organisation=orga_a, first_name=first_name, last_name="Dupont",
            birthdate=birthdate, password="un-mot-de-passe-solide",
        )  # fmt: skip
    assert orga_a.learners.get().user is None


def test_a_learner_with_an_account_is_told_how_it_signs_in(orga_a):
    make_learner(orga_a, user=make_user(email="jean@ecole.fr"))

    with pytest.raises(OrgaError, match=r"j\*\*\*@e\*\*\*\.fr"):
        services.learner_account_create(
            organisation=orga_a, first_name="Lea", last_name="Dupond",
            birthdate=BIRTHDATE, password="un-mot-de-passe-solide",
        )  # fmt: skip


def test_inactive_learners_are_not_candidates(orga_a):
    make_learner(orga_a, is_active=False)

    with pytest.raises(OrgaError, match="date de naissance"):
        services.learner_match(
            organisation=orga_a, first_name="Léa", last_name="Dupont",
            birthdate=BIRTHDATE,
        )  # fmt: skip


def test_a_weak_password_creates_nothing(orga_a):
    make_learner(orga_a)

    with pytest.raises(OrgaError):
        services.learner_account_create(
            organisation=orga_a, first_name="Léa", last_name="Dupont",
            birthdate=BIRTHDATE, password="123",
        )  # fmt: skip
    assert orga_a.learners.get().user is None


def test_a_teacher_resets_a_pupil_password_which_must_be_changed(
    client, orga_a, member_a
):
    make_learner(orga_a)
    pupil, _learner = services.learner_account_create(
        organisation=orga_a, first_name="Léa", last_name="Dupont",
        birthdate=BIRTHDATE, password="un-mot-de-passe-solide",
    )  # fmt: skip
    learner = orga_a.learners.get()
    client.force_login(member_a)

    page = client.post(
        reverse("orga_learner_password_reset", args=[orga_a.pk, learner.pk])
    )
    temporary = page.context["password"]
    client.logout()
    client.post(reverse("login"), {"username": pupil.username, "password": temporary})
    home = client.get(reverse("learner_home"))
    changed = client.post(
        reverse("orga_password_change"),
        {
            "new_password1": "tout-nouveau-secret-9",
            "new_password2": "tout-nouveau-secret-9",
        },
    )

    assert home.url == reverse("orga_password_change")
    assert changed.url == reverse("learner_home")
    assert client.get(reverse("learner_home")).status_code == 200
    assert not TemporaryPassword.objects.exists()


def test_the_import_pages_preview_then_confirm(client, orga_a, admin_a):
    client.force_login(admin_a)
    upload = SimpleUploadedFile(
        "classe.csv",
        (
            HEADER + "A1;Dupont;Léa;07/03/2011;3e A\nA2;;Lucas;12/05/2011;3e A\n"
        ).encode(),
    )

    preview = client.post(
        reverse("orga_learner_import_upload", args=[orga_a.pk]), {"file": upload}
    )
    page = client.get(preview.url)
    confirmed = client.post(preview.url)

    body = page.content.decode()
    assert "Champ obligatoire manquant : nom." in body
    assert page.context["counts"]["created"] == 1
    assert confirmed.status_code == 302
    assert list(OrganisationLearner.objects.values_list("national_id", flat=True)) == [
        "A1"
    ]


def test_a_bad_file_is_a_422_with_the_reason(client, orga_a, admin_a):
    client.force_login(admin_a)

    response = client.post(
        reverse("orga_learner_import_upload", args=[orga_a.pk]),
        {"file": SimpleUploadedFile("x.xml", b"<pas du xml")},
    )

    assert response.status_code == 422
    assert "Le fichier XML est illisible." in response.content.decode()
    assert not LearnerImport.objects.exists()


def test_learner_list_queries_do_not_grow_with_learners(
    client, orga_a, admin_a, django_assert_max_num_queries
):
    client.force_login(admin_a)
    make_learner(orga_a, user=make_user())
    client.get(reverse("orga_learners", args=[orga_a.pk]))
    with django_assert_max_num_queries(8) as one:
        client.get(reverse("orga_learners", args=[orga_a.pk]))
    for number in range(3):
        make_learner(orga_a, national_id=f"X{number}", user=make_user())

    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("orga_learners", args=[orga_a.pk]))


def test_an_account_from_another_school_is_pointed_to(orga_a, orga_b):
    pupil = make_user(username="lea.dupont0703", email="")
    make_learner(orga_b, national_id="SAME1", user=pupil)
    make_learner(orga_a, national_id="SAME1")

    with pytest.raises(OrgaError, match=r"autre établissement.*lea\*\*\*"):
        services.learner_account_create(
            organisation=orga_a, first_name="Léa", last_name="Dupont",
            birthdate=BIRTHDATE, password="un-mot-de-passe-solide",
        )  # fmt: skip
    assert orga_a.learners.get().user is None
