"""Learner accounts: sign-up errors, log in, password reset by e-mail."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_sign_up_refuses_a_taken_address(client):
    """A second account with the same e-mail gets a clear French message."""
    make_user(email="lou@example.org")

    response = client.post(
        reverse("signup"),
        {
            "first_name": "Lou",
            "last_name": "Martin",
            "email": "LOU@example.org",
            "password1": "un-mot-de-passe-solide",
            "password2": "un-mot-de-passe-solide",
        },
    )

    assert "Un compte existe déjà avec cette adresse." in response.content.decode()


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
