"""Logins lock an account for 15 minutes from an address after 5 failures."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide"
WAIT = "réessayez dans 15 minutes"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Reset requests are counted in the cache, shared by the tests' process."""
    cache.clear()
    yield
    cache.clear()


def _log_in(client, url, password, address="203.0.113.7"):
    return client.post(
        url,
        {"username": "lou@example.org", "password": password},
        REMOTE_ADDR=address,
    )


@pytest.mark.parametrize("url_name", ["login", "wagtailadmin_login"])
def test_five_failures_lock_the_account_even_with_the_right_password(client, url_name):
    """The fifth failure locks; the next try is refused, right password or not."""
    make_user(username="lou@example.org", password=PASSWORD, is_superuser=True)
    url = reverse(url_name)
    failures = [_log_in(client, url, "pas-le-bon") for _ in range(5)]

    response = _log_in(client, url, PASSWORD)

    assert [r.status_code for r in failures] == [200, 200, 200, 200, 429]
    assert WAIT in failures[-1].content.decode()
    assert response.status_code == 429
    assert WAIT in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_for_that_address_only(client):
    """Another address (another person on the same account) can still log in."""
    make_user(username="lou@example.org", password=PASSWORD)
    url = reverse("login")
    for _ in range(5):
        _log_in(client, url, "pas-le-bon")

    response = _log_in(client, url, PASSWORD, address="198.51.100.4")

    assert response.status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client):
    """Four failures, a success, then four more failures: never locked."""
    make_user(username="lou@example.org", password=PASSWORD)
    url = reverse("login")
    for _ in range(4):
        _log_in(client, url, "pas-le-bon")
    _log_in(client, url, PASSWORD)
    client.logout()
    for _ in range(4):
        _log_in(client, url, "pas-le-bon")

    response = _log_in(client, url, PASSWORD)

    assert response.status_code == 302


def test_the_reset_form_sends_five_mails_then_asks_to_wait(client):
    """Past five requests for one address, no mail and a message with the wait."""
    make_user(username="lou@example.org", email="lou@example.org")
    url = reverse("password_reset")
    sent = [
        client.post(url, {"email": "lou@example.org"}).status_code for _ in range(5)
    ]

    refused = client.post(url, {"email": "lou@example.org"})

    assert sent == [302, 302, 302, 302, 302]
    assert len(mail.outbox) == 5
    assert refused.status_code == 429
    assert "Réessayez dans 15 minutes." in refused.content.decode()
