"""The language a user chooses is kept on their account, the cookie for visitors."""

import html

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-solide-42"


def _login(client, username):
    return client.post(
        reverse("login"), {"username": username, "password": PASSWORD}, follow=True
    )


def _heading(response) -> str:
    return response.content.decode().split("<h1", 1)[1].split(">", 1)[1].split("<")[0]


def test_the_choice_is_kept_on_the_account_and_follows_to_another_browser():
    make_user(username="lou@example.org", email="lou@example.org")
    first = Client()
    _login(first, "lou@example.org")

    response = first.post(reverse("account_language"), {"language": "en"}, follow=True)

    assert _heading(response) == "My account"
    assert "The language of your account has been changed." in response.content.decode()
    profile = UserProfile.objects.get(user__username="lou@example.org")
    assert profile.preferred_language == "en"
    # Another browser, with no cookie and a French browser: English at sign-in.
    other = Client(HTTP_ACCEPT_LANGUAGE="fr")
    _login(other, "lou@example.org")
    assert other.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert _heading(other.get(reverse("account"))) == "My account"
    # Logged out, the browser keeps the account's language in its cookie.
    other.post(reverse("logout"))
    assert other.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_user_without_a_choice_keeps_the_browsers_language():
    make_user(username="lea@example.org", email="lea@example.org")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    _login(client, "lea@example.org")

    assert _heading(client.get(reverse("account"))) == "My account"
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_an_unknown_language_is_refused_with_a_message():
    make_user(username="lou@example.org", email="lou@example.org")
    client = Client()
    _login(client, "lou@example.org")

    response = client.post(reverse("account_language"), {"language": "xx"}, follow=True)

    assert "Cette langue n'est pas proposée." in html.unescape(
        response.content.decode()
    )
    assert not UserProfile.objects.filter(preferred_language="xx").exists()


def test_anonymous_visitors_keep_the_cookie():
    client = Client()

    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get(reverse("login")).headers["Content-Language"] == "en"
