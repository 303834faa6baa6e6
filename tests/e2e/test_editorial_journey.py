"""The editorial flow with the demo accounts: a new prototype version, its review
and validation, and a second hint refused with a link to the first.

Issue items 12 (explicit choice, archive warning), 13 (the review page),
15 (messages after submit and approval, the duplicate hint's link).
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from authoring.models import Challenge
from review.services import vote_cast
from tests.factories import SCORES, make_challenge, make_hint, make_skill, make_tube

from .accessibility import assert_accessible
from .conftest import admin_login

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "motdepasse-solide-42"


@pytest.fixture
def demo_accounts():
    """The demo accounts (create_demo_accounts), with a password the test knows."""
    call_command("create_demo_accounts", stdout=io.StringIO())
    users = get_user_model().objects
    for user in users.all():
        user.set_password(PASSWORD)
        user.save()
    return {user.username: user for user in users.all()}


@pytest.fixture
def skill_in_use():
    """A skill with its hint, a validated prototype and one déclinaison."""
    skill = make_skill(level=3, tube=make_tube(name="@chiffrementWeb"))
    make_hint(skill=skill, publish=True, text="Regardez le cadenas du navigateur.")
    prototype = make_challenge(
        publish=True, skill=skill, instruction="Prototype en service ?"
    )
    make_challenge(
        publish=True,
        skill=skill,
        prototype=prototype,
        declinaison_number=1,
        instruction="Déclinaison en service ?",
    )
    return skill


def _write_new_prototype_version(page, skill) -> Challenge:
    page.goto("/admin/snippets/authoring/challenge/add/")
    page.get_by_role(
        "button", name=re.compile(r"^(Choose|Choisir)( un)? acquis")
    ).click()
    page.get_by_role("link", name=str(skill)).click()
    # Item 12: the place in the skill is an explicit choice, déclinaison first.
    expect(page.locator("#id_genealogy_0")).to_be_checked()  # déclinaison
    page.locator("label[for=id_genealogy_1]").click()  # nouvelle version
    page.select_option("#id_type", "QROC")
    page.fill("#id_instruction", "Quel protocole chiffre les échanges avec un site ?")
    page.fill("#id_proposals", "Réponse : ${reponse}")
    page.fill("#id_solution", "HTTPS")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url(re.compile(r"/challenge/edit/\d+/$"))
    pk = int(re.search(r"/edit/(\d+)/$", page.url).group(1))
    return Challenge.objects.get(pk=pk)


def test_new_prototype_version_review_validation_and_second_hint(
    new_page, demo_accounts, skill_in_use
):
    skill = skill_in_use
    author = new_page()
    admin_login(author, "auteur", PASSWORD)

    challenge = _write_new_prototype_version(author, skill)

    # Item 12: the edit page says what validating this version will archive.
    warning = author.locator(".replacement-warning")
    expect(warning).to_contain_text("archivera 2 épreuves validées")
    expect(warning).to_contain_text("prototype actuel")
    expect(warning).to_contain_text("déclinaison 1")
    # Wagtail's "saved" banner fades in: axe reads its colours once it is shown.
    author.wait_for_timeout(1500)
    assert_accessible(author, "épreuve : avertissement d'archivage")
    author.get_by_role("button", name="Plus d'actions").click()
    author.get_by_role(
        "button", name="Soumettre à Revue communautaire puis validation"
    ).click()
    # Item 15: submitting says it was submitted, not "planned for publication".
    expect(author.locator(".messages")).to_contain_text(
        "est soumis(e) à « Revue communautaire »"
    )
    expect(author.locator(".messages")).not_to_contain_text("planifié")

    # Item 13: the reviewer sees the skill, its level, hint and tutorials; the
    # solution only after their own try; a second vote starts from the first.
    reviewer = new_page()
    admin_login(reviewer, "relecteur", PASSWORD)
    reviewer.goto(f"/admin/review/challenge/{challenge.pk}/")
    expect(reviewer.locator(".review-skill")).to_contain_text("@chiffrementWeb3")
    expect(reviewer.locator(".review-skill")).to_contain_text("niveau 3")
    expect(reviewer.locator(".review-hint")).to_contain_text("cadenas du navigateur")
    expect(reviewer.locator(".review-tutorials")).to_be_visible()
    expect(reviewer.locator(".review-solution")).not_to_contain_text("HTTPS")
    assert_accessible(reviewer, "page de revue avant essai")
    reviewer.locator("#field-reponse").fill("https")
    reviewer.get_by_role("button", name="Vérifier ma réponse").click()
    expect(reviewer.locator(".try-result")).to_have_attribute("data-result", "ok")
    expect(reviewer.locator(".review-solution")).to_contain_text("HTTPS")
    reviewer.get_by_label("Approuver").check()
    reviewer.locator("#id_comment").fill("Clair et juste.")
    reviewer.get_by_role("button", name="Envoyer mon vote").click()
    expect(reviewer.locator(".messages")).to_contain_text("Vote enregistré")
    reviewer.goto(f"/admin/review/challenge/{challenge.pk}/")
    expect(reviewer.get_by_label("Approuver")).to_be_checked()
    expect(reviewer.locator("#id_comment")).to_have_value("Clair et juste.")
    expect(reviewer.get_by_role("button", name="Remplacer mon vote")).to_be_visible()
    assert_accessible(reviewer, "page de revue, second vote prérempli")
    outcomes = []
    for name in ("relectrice", "reviseur"):
        outcomes.append(
            vote_cast(
                obj=Challenge.objects.get(pk=challenge.pk),
                user=demo_accounts[name],
                decision="approve",
                scores=SCORES,
            )
        )
    assert outcomes == ["pending", "approved"]

    # Items 12 and 15: the approve button names what it archives; approving
    # says so; the archived challenges keep a history entry.
    validator = new_page()
    admin_login(validator, "validateur", PASSWORD)
    validator.goto(f"/admin/snippets/authoring/challenge/edit/{challenge.pk}/")
    validator.get_by_role("button", name="Plus d'actions").click()
    validator.get_by_role(
        "button", name="Approuver — archive 2 épreuve(s) validée(s) et Publier"
    ).click()
    expect(validator.locator(".messages")).to_contain_text("approuvé(e) et validé(e)")
    archived = Challenge.objects.filter(skill=skill, status="archived")
    # The former prototype and its déclinaison, nothing else.
    assert sorted(c.declinaison_number or 0 for c in archived) == [0, 1]
    old = archived.get(prototype__isnull=False)
    validator.goto(f"/admin/snippets/authoring/challenge/history/{old.pk}/")
    history = validator.content()
    assert "Archivage" in history
    assert "Remplacé par la nouvelle version du prototype" in history
    assert_accessible(validator, "historique d'une épreuve archivée")

    # Item 15: a second hint for the skill says one exists, with a link to it.
    author.goto("/admin/snippets/authoring/hint/add/")
    author.get_by_role(
        "button", name=re.compile(r"^(Choose|Choisir)( un)? acquis")
    ).click()
    author.get_by_role("link", name=str(skill)).click()
    author.fill("#id_text", "Un autre indice.")
    author.get_by_role("button", name="Enregistrer le brouillon").click()
    link = author.get_by_role("link", name="modifiez l'indice existant")
    expect(link).to_be_visible()
    author.wait_for_timeout(1500)  # the error banner fades in too
    assert_accessible(author, "indice en double refusé")
    link.click()
    expect(author.locator("#id_text")).to_have_value(
        "Regardez le cadenas du navigateur."
    )
