"""An author writes a QROC challenge, a validator approves it."""

import re

import pytest
from playwright.sync_api import expect

from authoring.models import Challenge
from tests.factories import make_skill, make_user, pass_community_review

from .conftest import admin_login

pytestmark = pytest.mark.django_db(transaction=True)


def test_author_drafts_compares_submits_and_validator_validates(new_page):
    """Draft, edit, compare, submit; after the community, the validator approves."""
    make_user(group="Authors", username="aurore")
    make_user(group="Validators", username="valerie")
    skill = make_skill(level=3)
    author = new_page()
    admin_login(author, "aurore")

    author.goto("/admin/snippets/authoring/challenge/add/")
    # Wagtail's chooser label is English or French depending on what ran before
    # in the process (a translation evaluated once): both name the same button.
    author.get_by_role(
        "button", name=re.compile(r"^(Choose|Choisir)( un)? acquis")
    ).click()
    author.get_by_role("link", name=str(skill)).click()
    author.select_option("#id_type", "QROC")
    author.fill("#id_instruction", "Quel protocole chiffre les échanges avec un site ?")
    author.fill("#id_proposals", "Réponse : ${reponse}")
    author.fill("#id_solution", "HTTPS")
    author.get_by_role("button", name="Enregistrer le brouillon").click()
    author.wait_for_url(re.compile(r"/challenge/edit/\d+/$"))
    author.fill("#id_solution", "HTTPS\nTLS")
    author.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(author.locator(".messages")).to_contain_text("modifié(e)")
    challenge = Challenge.objects.get()

    author.goto(f"/admin/snippets/authoring/challenge/history/{challenge.pk}/")
    author.get_by_role("button", name="Actions").first.click()
    author.get_by_role("link", name="Comparer avec la version précédente").click()
    expect(author.locator("main")).to_contain_text("TLS")

    author.goto(f"/admin/snippets/authoring/challenge/edit/{challenge.pk}/")
    author.get_by_role("button", name="Plus d'actions").click()
    submit = "Soumettre à Revue communautaire puis validation"
    author.get_by_role("button", name=submit).click()
    expect(author.locator(".messages")).to_contain_text(
        "est soumis(e) à « Revue communautaire »"
    )
    assert Challenge.objects.get().workflow_in_progress
    assert pass_community_review(challenge) == "approved"

    validator = new_page()
    admin_login(validator, "valerie")
    validator.goto(f"/admin/snippets/authoring/challenge/edit/{challenge.pk}/")
    validator.get_by_role("button", name="Plus d'actions").click()
    validator.get_by_role("button", name="Approuver et Publier", exact=True).click()
    expect(validator.locator(".messages")).to_contain_text("approuvé(e) et validé(e)")
    validator.goto("/admin/snippets/authoring/challenge/")

    expect(validator.locator("table.listing")).to_contain_text("Validé")
    challenge.refresh_from_db()
    assert (challenge.status, challenge.live) == ("validated", True)
    assert challenge.solution == "HTTPS\nTLS"
