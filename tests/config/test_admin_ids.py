"""Wagtail admin URLs naming an object by a non-numeric id answer 404, not 500."""

import pytest
from django.test import Client

from authoring.models import Challenge
from tests.factories import make_challenge, make_user

pytestmark = pytest.mark.django_db

# Wagtail's routes taking an object id as a string; {} is the id.
ROUTES = [
    ("get", "/admin/images/chooser/chosen/{}/"),
    ("get", "/admin/documents/chooser/chosen/{}/"),
    ("get", "/admin/snippets/choose/authoring/challenge/chosen/{}/"),
    ("get", "/admin/snippets/choose/authoring/hint/chosen/{}/"),
    ("get", "/admin/snippets/choose/referential/area/chosen/{}/"),
    (
        "get",
        "/admin/snippets/authoring/challenge/history/{}/revisions/compare/live...latest/",
    ),
    (
        "get",
        "/admin/snippets/authoring/hint/history/{}/revisions/compare/earliest...1/",
    ),
    ("post", "/admin/editing-sessions/ping/authoring/challenge/{}/1/"),
    ("get", "/admin/bulk/authoring/challenge/delete/?id={}"),
    ("post", "/admin/bulk/authoring/challenge/delete/?id=1&id={}"),
    ("get", "/admin/bulk/wagtailimages/image/delete/?id={}"),
    ("get", "/admin/bulk/wagtaildocs/document/delete/?id={}"),
    ("get", "/admin/bulk/wagtailcore/page/delete/?id=all&childOf={}"),
]
NON_NUMERIC = ["x", "1.5", "-1", "1e3", "%C3%A9t%C3%A9", "a" * 5000, "1" * 3000 + "x"]


@pytest.fixture
def admin_client(superuser):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_a_non_numeric_id_is_a_404_for_an_administrator(admin_client, method, route):
    answers = {
        ident[:12]: getattr(admin_client, method)(route.format(ident)).status_code
        for ident in NON_NUMERIC
    }
    assert answers == {ident[:12]: 404 for ident in NON_NUMERIC}


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_a_nul_in_the_id_is_refused_with_a_400_never_a_500(admin_client, method, route):
    """The NUL guard (config/middleware.py) answers first, with its message."""
    for ident in ("%00", "1%00", "x%00y"):
        response = getattr(admin_client, method)(route.format(ident))
        assert response.status_code == 400, ident
        assert "caractère nul" in response.content.decode()


def test_numeric_ids_still_reach_wagtail(admin_client):
    challenge = make_challenge()
    chosen = "/admin/snippets/choose/authoring/challenge/chosen/{}/"
    assert admin_client.get(chosen.format(challenge.pk)).status_code == 200
    assert admin_client.get(chosen.format(999999)).status_code == 404
    assert admin_client.get("/admin/images/chooser/chosen/999999/").status_code == 404


def test_bulk_actions_with_numeric_ids_still_run(admin_client):
    """Wagtail's confirmation page lists the objects; a POST deletes them."""
    kept, deleted = make_challenge(), make_challenge()
    bulk = "/admin/bulk/authoring/challenge/delete/"

    listed = admin_client.get(f"{bulk}?id={deleted.pk}")
    everything = admin_client.get(f"{bulk}?id=all&childOf=")
    done = admin_client.post(f"{bulk}?id={deleted.pk}")

    assert listed.status_code == everything.status_code == 200
    assert list(listed.context["items"]) == [
        item for item in everything.context["items"] if item["item"] == deleted
    ]
    assert done.status_code == 302
    assert list(Challenge.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_guard_keeps_wagtail_access_check():
    """Not signed in: the admin's login, as for any admin URL; a learner too."""
    path = "/admin/images/chooser/chosen/x/"
    assert Client().get(path)["Location"].startswith("/admin/login/")
    learner = Client()
    learner.force_login(make_user())
    assert learner.get(path)["Location"].startswith("/admin/login/")
