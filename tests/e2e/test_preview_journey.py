"""An author tries a draft in the preview; a share link works until revoked."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_challenge, make_user

from .conftest import admin_login

pytestmark = pytest.mark.django_db(transaction=True)


def test_author_tries_a_qrocm_dep_draft_in_the_preview(new_page):
    """A wrong answer shows ko, a right one (in any order) shows ok."""
    make_user(group="Authors", username="aurore")
    challenge = make_challenge(
        type="QROCM-dep",
        instruction="Citez les couleurs du drapeau italien autres que le blanc.",
        proposals="${a} et ${b}",
        solution="a:\n- vert\nb:\n- rouge",
    )
    page = new_page()
    admin_login(page, "aurore")
    page.goto(f"/admin/snippets/authoring/challenge/edit/{challenge.pk}/")

    page.get_by_role("button", name="Afficher/masquer la prévisualisation").click()
    page.frame_locator("#w-preview-iframe").locator("#field-a").wait_for()
    page.select_option("#id_preview_mode", "try")
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("#field-a").fill("bleu")
    preview.locator("#field-b").fill("rouge")
    preview.get_by_role("button", name="Vérifier ma réponse").click()
    expect(preview.locator(".try-result")).to_have_attribute("data-result", "ko")
    preview.locator("#field-a").fill("Rouge")
    preview.locator("#field-b").fill("verte")
    preview.get_by_role("button", name="Vérifier ma réponse").click()

    expect(preview.locator(".try-result")).to_have_attribute("data-result", "ok")
    expect(preview.locator(".try-result")).to_contain_text("T3 (faute de frappe)")


def test_a_share_link_works_logged_out_until_revoked(new_page, settings):
    """The author creates a link; a logged-out reviewer tries; past the tries
    allowed, a message says when to come back; revoked, the link is gone."""
    settings.PREVIEW_SHARE_TRIES_PER_HOUR = 2
    make_user(group="Authors", username="aurore")
    challenge = make_challenge(type="QROC", proposals="${rep}", solution="HTTPS")
    author = new_page()
    admin_login(author, "aurore")
    author.goto(f"/admin/preview/share-links/{challenge.pk}/")
    author.get_by_role("button", name="Créer un lien").click()
    url = author.locator("input.share-url").input_value()

    reviewer = new_page()
    reviewer.goto(url)
    reviewer.locator("#field-rep").fill("https")
    reviewer.get_by_role("button", name="Vérifier ma réponse").click()
    expect(reviewer.locator(".try-result")).to_have_attribute("data-result", "ok")
    reviewer.get_by_role("button", name="Vérifier ma réponse").click()
    reviewer.get_by_role("button", name="Vérifier ma réponse").click()
    expect(reviewer.locator(".try-refused")).to_contain_text(
        "Réessayez dans 60 minutes"
    )
    author.get_by_role("button", name="Révoquer").click()
    expect(author.locator("table.listing tbody")).to_contain_text("Révoqué")
    response = reviewer.goto(url)

    assert response.status == 404
