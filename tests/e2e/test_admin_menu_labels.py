"""The admin's side menu shows every label whole, in the main menu and submenus."""

import pytest

from tests.factories import make_user

from .conftest import admin_login

pytestmark = pytest.mark.django_db(transaction=True)

CUT_LABELS = """() => [...document.querySelectorAll(
        '.sidebar-main-menu .menuitem-label')]
    .filter(label => label.offsetParent !== null)
    .filter(label => label.scrollWidth > label.clientWidth + 1)
    .map(label => label.textContent.trim())"""


def test_no_menu_label_is_cut(new_page):
    make_user(is_superuser=True, is_staff=True, username="alice")
    page = new_page()
    admin_login(page, "alice")

    cut = page.evaluate(CUT_LABELS)
    submenus = page.locator(".sidebar-main-menu > ul > li > button.sidebar-menu-item__link")
    for index in range(submenus.count()):
        submenus.nth(index).click()
        panel = submenus.nth(index).locator("xpath=..").locator(
            ".sidebar-sub-menu-panel"
        )
        panel.wait_for()
        cut += page.evaluate(CUT_LABELS)
        page.keyboard.press("Escape")

    assert cut == []
    assert submenus.count() >= 3  # Contenus, Référentiel, Revue communautaire…
