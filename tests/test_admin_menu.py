"""The admin's features are viewsets: each role sees the menu items of its rules."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu, settings_menu

pytestmark = pytest.mark.django_db

FEATURES = [
    "grille-des-competences",
    "couverture-du-referentiel",
    "review",
    "liens-a-verifier",
    "releases",
]


def _request(user):
    # Viewsets register their menu items when the admin's URLs are loaded.
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    return request


def _shown(menu, user) -> list[str]:
    request = _request(user)
    return [item.name for item in menu.menu_items_for_request(request)]


def _features(user) -> list[str]:
    shown = _shown(admin_menu, user)
    return [name for name in FEATURES if name in shown]


def _review_entries(user) -> list[str]:
    request = _request(user)
    group = next(
        item
        for item in admin_menu.menu_items_for_request(request)
        if item.name == "review"
    )
    return [item.name for item in group.menu.menu_items_for_request(request)]


@pytest.mark.parametrize(
    ("role", "features", "review"),
    [
        (
            "author",
            [
                "grille-des-competences",
                "couverture-du-referentiel",
                "review",
                "liens-a-verifier",
            ],
            ["file-de-relecture", "calibration-des-epreuves"],
        ),
        (
            "reviewer",
            ["grille-des-competences", "couverture-du-referentiel", "review"],
            ["file-de-relecture", "calibration-des-epreuves"],
        ),
        (
            "validator",
            [
                "grille-des-competences",
                "couverture-du-referentiel",
                "review",
                "liens-a-verifier",
                "releases",
            ],
            [
                "file-de-relecture",
                "activite-des-relecteurs",
                "calibration-des-epreuves",
            ],
        ),
        ("referential_editor", ["grille-des-competences"], None),
    ],
)
def test_each_role_sees_the_features_its_rules_admit(request, role, features, review):
    """A feature's menu item shows only to users its rule admits."""
    user = request.getfixturevalue(role)

    shown = _features(user)

    assert shown == features
    if review is not None:
        assert _review_entries(user) == review


def test_content_packs_are_in_the_settings_menu_of_administrators(superuser, validator):
    """Only administrators move content packs; the entry sits under Paramètres."""
    assert "paquets-de-contenus" in _shown(settings_menu, superuser)
    assert "paquets-de-contenus" not in _shown(settings_menu, validator)
