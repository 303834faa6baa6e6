"""Learner accounts: sign-up errors, log in, password reset by e-mail."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import SIGN_UP_FORM, confirmation_path, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    """Sign-ups are counted in the cache, shared by the tests' process."""
    cache.clear()
    yield
    cache.clear()


def test_sign_up_never_tells_whether_an_address_is_registered(client):
    """The same page for a registered address and a new one; each mailbox
    gets its own e-mail; no account is created before the link is followed."""
    make_user(username="lou@example.org", email="lou@example.org")
    users = get_user_model().objects.count()

    taken = client.post(reverse("signup"), {**SIGN_UP_FORM, "email": "LOU@example.org"})
    new = client.post(reverse("signup"), {**SIGN_UP_FORM, "email": "noa@example.org"})
    page = client.get(taken["Location"]).content.decode()

    assert (taken.status_code, taken["Location"]) == (302, reverse("signup_sent"))
    assert (new.status_code, new["Location"]) == (302, reverse("signup_sent"))
    assert "Si cette adresse peut être utilisée, un e-mail vous a été envoyé." in page
    assert get_user_model().objects.count() == users
    to_taken, to_new = mail.outbox
    assert to_taken.to == ["lou@example.org"]
    assert "Vous avez déjà un compte" in to_taken.body
    assert "http://testserver/connexion/" in to_taken.body
    assert "http://testserver/mot-de-passe/" in to_taken.body
    assert "/inscription/activer/" not in to_taken.body
    assert to_new.to == ["noa@example.org"]
    assert to_new.subject == "Activez votre compte sur l'Atelier CRCN"
    assert "Bonjour Lou," in to_new.body
    assert confirmation_path("noa@example.org").startswith("/inscription/activer/")


def test_the_account_exists_once_the_e_mailed_link_is_followed(client):
    """Opening the link changes nothing (mail scanners open links); its
    button creates the account and signs in; the link then stops working."""
    client.post(reverse("signup"), SIGN_UP_FORM)
    link = confirmation_path("lou@example.org")
    refused = client.post(
        reverse("login"),
        {"username": "lou@example.org", "password": "un-mot-de-passe-solide"},
    )
    opened = client.get(link)
    before = get_user_model().objects.filter(email="lou@example.org").exists()

    activated = client.post(link, follow=True)
    again = Client().post(link, follow=True)

    assert refused.status_code == 200  # the login form again: no account yet
    assert opened.status_code == 200
    assert "Activer mon compte" in opened.content.decode()
    assert before is False
    user = get_user_model().objects.get(email="lou@example.org")
    assert (user.username, user.first_name, user.last_name) == (
        "lou@example.org",
        "Lou",
        "Martin",
    )
    assert activated.redirect_chain[-1][0] == reverse("learner_home")
    assert "Votre compte est activé" in activated.content.decode()
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "n&#x27;est plus valable" in again.content.decode()
    assert client.get(link).status_code == 404
    logged_in = Client().post(
        reverse("login"),
        {"username": "lou@example.org", "password": "un-mot-de-passe-solide"},
    )
    assert logged_in.status_code == 302


def test_a_new_sign_up_replaces_the_previous_link(client):
    """Signing up twice before confirming: only the latest link (and the
    latest password) counts."""
    client.post(reverse("signup"), SIGN_UP_FORM)
    first = confirmation_path("lou@example.org")
    client.post(
        reverse("signup"),
        {
            **SIGN_UP_FORM,
            "password1": "autre-mot-de-passe-9",
            "password2": "autre-mot-de-passe-9",
        },
    )
    second = confirmation_path("lou@example.org")

    stale = client.post(first)
    created_by_stale = get_user_model().objects.exists()
    client.post(second)

    assert stale["Location"] == reverse("login")
    assert created_by_stale is False
    user = get_user_model().objects.get(email="lou@example.org")
    assert user.check_password("autre-mot-de-passe-9")


def test_sign_up_is_limited_per_address_and_device(client):
    """Five sign-ups for one address from one device, then 429: the form
    cannot flood a mailbox."""
    statuses = [
        client.post(reverse("signup"), SIGN_UP_FORM).status_code for _ in range(6)
    ]

    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5


def test_a_learner_resets_a_forgotten_password(client):
    """The e-mailed link lets the learner choose a new password and log in."""
    make_user(username="lou@example.org", email="lou@example.org")

    client.post(reverse("password_reset"), {"email": "lou@example.org"})
    link = re.search(r"https?://[^/]+(/mot-de-passe/\S+/)", mail.outbox[0].body)[1]
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        form_url,
        {
            "new_password1": "nouveau-mot-de-passe-42",
            "new_password2": "nouveau-mot-de-passe-42",
        },
    )

    response = client.post(
        reverse("login"),
        {"username": "lou@example.org", "password": "nouveau-mot-de-passe-42"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(
        get_user_model().objects.get(username="lou@example.org").pk
    )


def test_logging_in_leads_to_the_profile(client):
    """Log in with the e-mail as user name, land on the profile."""
    make_user(username="lou@example.org", password="un-mot-de-passe-solide")

    response = client.post(
        reverse("login"),
        {"username": "lou@example.org", "password": "un-mot-de-passe-solide"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_in_development_the_page_says_where_the_e_mail_went(client, settings):
    """make run prints e-mails in its console: the page says so, there only."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.DEBUG = True
    development = client.get(reverse("signup_sent")).content.decode()
    settings.DEBUG = False
    production = client.get(reverse("signup_sent")).content.decode()

    note = "ils s'affichent dans la console du serveur"
    assert note in development
    assert note not in production
