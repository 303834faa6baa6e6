"""A learner on a 375-px phone reaches every header link through the menu."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_user
from tests.runtime.learning.test_flow import make_competence

from .accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}


def test_on_a_phone_the_menu_button_leads_to_mes_tutos_and_logs_out(new_page):
    make_competence(levels=(1, 2), tubes=1)
    make_user(username="lea")
    page = new_page()
    page.set_viewport_size(PHONE)
    page.goto("/connexion/")
    page.fill("#id_username", "lea")
    page.fill("#id_password", "motdepasse-solide-42")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator(".competence-card")).to_have_count(16)

    header_links = page.locator(".fr-header__tools-links")
    expect(header_links).to_be_hidden()  # no room for them on a phone
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    assert_accessible(page, "profile on a phone")
    menu.click()
    dialog = page.locator("#modal-menu")
    expect(dialog.get_by_role("link", name="Mes tutos")).to_be_visible()
    assert_accessible(page, "phone menu open")
    dialog.get_by_role("link", name="Mes tutos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes tutos")

    page.get_by_role("button", name="Menu").click()
    page.locator("#modal-menu").get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter").first).to_be_attached()
    page.goto("/mes-tutos/")
    assert "/connexion/" in page.url  # signed out


def test_a_test_question_fits_a_phone(new_page):
    """No sideways scrolling on a question, its progress and its buttons."""
    make_competence(levels=(1, 2), tubes=1)
    make_user(username="lea")
    page = new_page()
    page.set_viewport_size(PHONE)
    page.goto("/connexion/")
    page.fill("#id_username", "lea")
    page.fill("#id_password", "motdepasse-solide-42")
    page.get_by_role("button", name="Se connecter").click()
    page.locator('.competence-card[data-competence="1.1"]').get_by_role(
        "button", name="Commencer"
    ).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Question 1")
    expect(page.get_by_role("button", name="Je valide")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide"
    assert_accessible(page, "question on a phone")


def test_the_competence_and_account_pages_fit_a_phone(new_page):
    """The new learner pages at 375 px: nothing wider than the screen, axe clean."""
    make_competence(levels=(1, 2), tubes=1)
    make_user(username="lea", email="lea@example.org")
    page = new_page()
    page.set_viewport_size(PHONE)
    page.goto("/connexion/")
    page.fill("#id_username", "lea@example.org")
    page.fill("#id_password", "motdepasse-solide-42")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator(".competence-card")).to_have_count(16)

    for path, heading in [
        ("/competences/1.1/", "1.1"),
        ("/mes-tutos/", "Mes tutos"),
        ("/compte/", "Mon compte"),
        ("/compte/supprimer/", "Supprimer mon compte"),
        ("/donnees-personnelles/", "Données personnelles"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width} px wide"
        assert_accessible(page, f"{path} on a phone")
