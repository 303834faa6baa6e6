"""A learner logs in with their e-mail, uses their account page, downloads their
data, then deletes the account."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from runtime.models import Answer, Assessment
from tests.e2e.test_competence_journey import finish_test
from tests.factories import make_user
from tests.runtime.learning.test_flow import make_competence

from .accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_learner_exports_their_data_then_deletes_their_account(new_page):
    make_competence()
    learner = make_user(username="lou", email="lou@example.org", first_name="Lou")
    finish_test(learner)
    answers = Answer.objects.count()
    page = new_page()

    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail").fill("lou@example.org")
    page.get_by_label("Mot de passe").fill("motdepasse-solide-42")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    assert_accessible(page, "account")

    page.select_option("#account-language", "en")
    page.get_by_role("button", name="Changer de langue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    page.select_option("#account-language", "fr")
    page.get_by_role("button", name="Change language").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mes données").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == "lou@example.org"
    assert sum(len(t["answers"]) for t in data["assessments"]) == answers

    page.get_by_role("link", name="Ce que nous conservons et pourquoi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Données personnelles")
    assert_accessible(page, "personal data")
    page.go_back()
    page.get_by_role("link", name="Supprimer mon compte").click()
    assert_accessible(page, "delete account")
    page.get_by_label("Mot de passe actuel").fill("motdepasse-solide-42")
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()

    expect(page.locator(".messages")).to_contain_text("Votre compte a été supprimé")
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
    assert Answer.objects.count() == answers
    assert list(Assessment.objects.values_list("user", flat=True)) == [None]
