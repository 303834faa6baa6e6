"""Three reviewers vote, the community task completes, a validator publishes."""

import pytest
from playwright.sync_api import expect

from authoring.models import Challenge
from runtime.models import Release
from tests.factories import make_challenge, make_skill, make_user

from .conftest import admin_login

pytestmark = pytest.mark.django_db(transaction=True)


def discuss(page, reviewer: str) -> None:
    """The first reviewer asks a question on the challenge; the second answers."""
    if reviewer == "remi":
        page.get_by_label("Nouveau commentaire").fill("Faut-il accepter « https » ?")
        page.get_by_role("button", name="Commenter").click()
        expect(page.locator(".messages")).to_contain_text("Commentaire publié.")
    if reviewer == "rose":
        page.get_by_label("Répondre").fill("Oui, la casse est tolérée.")
        page.get_by_role("button", name="Répondre").click()
        expect(page.locator(".review-replies")).to_contain_text("la casse est tolérée")


def test_three_votes_then_validation_then_release(new_page):
    """Votes from the queue reach the quorum; the release diff shows the newcomer.

    On the way, two reviewers discuss the challenge in a comment thread.
    """
    author = make_user(group="Authors", username="aurore")
    for name in ("remi", "rose", "raoul"):
        make_user(group="Reviewers", username=name)
    make_user(group="Validators", username="valerie")
    challenge = make_challenge(
        user=author,
        type="QROC",
        proposals="${r}",
        solution="HTTPS",
        skill=make_skill(level=4, competence_code="4.1"),
    )
    challenge.get_workflow().start(challenge, author)

    for name in ("remi", "rose", "raoul"):
        page = new_page()
        admin_login(page, name)
        page.goto("/admin/review/queue/")
        page.get_by_role("link", name="Relire").first.click()
        discuss(page, name)
        page.locator("#id_r, #field-r").first.fill("https")
        page.get_by_role("button", name="Vérifier ma réponse").click()
        expect(page.locator(".try-result")).to_have_attribute("data-result", "ok")
        page.get_by_label("Approuver").check()
        page.get_by_role("button", name="Envoyer mon vote").click()
        expect(page.locator(".messages")).to_contain_text("Vote enregistré")
    expect(page.locator(".messages")).to_contain_text("quorum est atteint")

    validator = new_page()
    admin_login(validator, "valerie")
    validator.goto(f"/admin/snippets/authoring/challenge/edit/{challenge.pk}/")
    validator.get_by_role("button", name="Plus d'actions").click()
    validator.get_by_role("button", name="Approuver et Publier", exact=True).click()
    expect(validator.locator(".messages")).to_contain_text("approuvé(e) et validé(e)")
    validator.goto("/admin/releases/")
    expect(validator.locator("table.release-diff")).to_contain_text("4.1")
    validator.get_by_role("button", name="Publier la version").click()
    # One challenge cannot place simulated learners: the release gate asks.
    expect(validator.locator(".messages")).to_contain_text("problème bloquant")
    expect(validator.locator(".release-simulation-table")).to_contain_text("4.1")
    expect(validator.locator("svg.simulation-chart").first).to_be_visible()
    validator.get_by_label("Je publie malgré les problèmes bloquants").check()
    validator.get_by_role("button", name="Publier la version").click()
    expect(validator.locator(".messages")).to_contain_text("Version 1 publiée")

    challenge.refresh_from_db()
    assert challenge.status == "validated"
    assert [c["id"] for c in Release.objects.get().content["challenges"]] == [
        Challenge.objects.get().uid
    ]
