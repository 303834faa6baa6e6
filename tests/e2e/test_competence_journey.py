"""A learner looks at a finished competence, then resets it after confirming."""

import pytest
from playwright.sync_api import expect

from runtime.learning import services
from runtime.release_index import release_index
from tests.factories import make_user
from tests.runtime.learning.test_flow import make_competence
from tests.runtime.learning.test_profile import age_knowledge

from .accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def finish_test(user, code="1.1", known_level=2):
    """Take a whole test through the services, as a learner knowing up to a level."""
    assessment = services.assessment_start(user=user, competence=code)
    index = release_index(assessment.release_id)
    for _ in range(50):
        kind, challenge, count = services.assessment_step(assessment)
        if kind == "completed":
            return assessment
        if kind == "checkpoint":
            services.checkpoint_acknowledge(assessment, answer_count=count)
            continue
        level = index.skills[challenge.skill].level
        value = str(level) if level <= known_level else "non"
        services.answer_record(
            assessment=assessment, challenge_id=challenge.id, value={"r": value}
        )
    raise AssertionError("the test never ended")


def test_a_learner_reads_a_competence_then_resets_it(new_page):
    make_competence()
    learner = make_user(username="lea")
    finish_test(learner)
    age_knowledge(8)
    page = new_page()
    page.goto("/connexion/")
    page.fill("#id_username", "lea")
    page.fill("#id_password", "motdepasse-solide-42")
    page.get_by_role("button", name="Se connecter").click()

    page.get_by_role("link", name="1.1 Mener une recherche").click()
    expect(page.locator(".competence-level")).to_contain_text("Niveau 2 · 16 pix")
    expect(page.locator(".competence-validated li")).to_have_count(4)
    assert_accessible(page, "competence page")
    page.get_by_role("link", name="Remettre à zéro").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Remettre à zéro")
    assert_accessible(page, "reset confirmation")
    page.get_by_role("button", name="Oui, remettre à zéro").click()

    expect(page.locator(".messages")).to_contain_text("remise à zéro")
    expect(page.locator(".competence-level")).to_contain_text("Niveau 0 · 0 pix")
    page.get_by_role("button", name="Commencer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Question 1")
