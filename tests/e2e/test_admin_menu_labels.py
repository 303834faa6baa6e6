"""The admin's side menu shows its French labels whole, wrapped if need be."""

import pytest

from tests.factories import make_user

from .accessibility import assert_accessible
from .conftest import admin_login

pytestmark = pytest.mark.django_db(transaction=True)

LABELS = """() => [...document.querySelectorAll(
        '.sidebar-main-menu .menuitem-label')]
    .filter(label => label.offsetParent !== null)
    .map(label => [label.textContent.trim(),
                   label.scrollWidth > label.clientWidth + 1])"""


def test_no_menu_label_is_cut(new_page):
    """ "Grille des compétences", "Centres de certification"… are never cut."""
    make_user(is_superuser=True, is_staff=True, username="alice")
    page = new_page()

    admin_login(page, "alice")

    labels = dict(page.evaluate(LABELS))
    assert "Couverture du référentiel" in labels
    assert "Centres de certification" in labels
    assert [label for label, cut in labels.items() if cut] == []
    assert_accessible(page, "tableau de bord de l'administration")
