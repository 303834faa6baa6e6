"""A new learner takes a whole competence test of the demo pack in the browser."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from authoring.releases.services import release_publish
from runtime.models import Answer, ProblemReport, TutorialBookmark
from tests.factories import confirmation_path, make_challenge, make_skill, make_user
from tests.runtime.learning.test_flow import make_competence

from .accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

DEMO = Path(__file__).resolve().parents[2] / "content" / "demo"


def submit_and_wait(page, button: str) -> None:
    """Submit (htmx swaps the next challenge in, or the page moves on) and wait."""
    before = page.locator("input[name=challenge]").input_value()
    page.get_by_role("button", name=button).click()
    page.wait_for_function(
        "before => !document.querySelector('input[name=challenge]')"
        " || document.querySelector('input[name=challenge]').value !== before",
        arg=before,
    )
    page.wait_for_load_state("networkidle")


def answer_right(page, challenge: dict) -> None:
    """Fill the form with an accepted answer, as a learner who knows it."""
    spec = challenge["spec"]
    if spec["type"] == "QCU":
        page.locator(f"label[for=choice-{spec['solution']}]").click()
    elif spec["type"] == "QCM":
        for index in spec["solution"]:
            page.locator(f"label[for=choice-{index}]").click()
    else:
        solutions = spec["solutions"]
        if isinstance(solutions, list):
            key = next(iter(spec["block_types"]), "answer")
            solutions = {key: solutions}
        for key, variants in solutions.items():
            field = page.locator(f"#field-{key}")
            if spec["block_types"].get(key) == "select":
                field.select_option(variants[0])
            else:
                field.fill(variants[0])
    submit_and_wait(page, "Je valide")


def refuse_an_empty_answer(page) -> None:
    """'Je valide' with nothing: the message by the field, which gets the focus."""
    question = page.locator("input[name=challenge]").input_value()
    page.get_by_role("button", name="Je valide").click()
    expect(page.locator("#answer-error")).to_have_text(
        "Sélectionnez une réponse ou passez la question."
    )
    focused = page.evaluate(
        "() => !!document.activeElement.closest('#challenge-form')"
        " && document.activeElement.type !== 'submit'"
    )
    assert focused, "the focus should be on the answer's first field"
    assert page.locator("input[name=challenge]").input_value() == question
    assert_accessible(page, "empty answer refused")


def quit_and_resume(page) -> None:
    """'Quitter le test', then 'Reprendre' from the profile: the same question."""
    question = page.locator("input[name=challenge]").input_value()
    page.get_by_role("link", name="Quitter le test").click()
    assert_accessible(page, "quit the test")
    page.get_by_role("button", name="Quitter et reprendre plus tard").click()
    expect(page.locator(".messages")).to_contain_text("Reprenez le test")
    page.locator('.competence-card[data-competence="2.1"]').get_by_role(
        "link", name="Reprendre"
    ).click()
    assert page.locator("input[name=challenge]").input_value() == question


def test_a_new_learner_takes_a_whole_competence_test(new_page):
    """Sign up, answer to the end, two checkpoints, a tutorial, a report, the wheel."""
    call_command("load_content", str(DEMO), no_progress=True)
    release = release_publish(trusted=True)
    challenges = {item["id"]: item for item in release.content["challenges"]}
    levels = {item["id"]: item["level"] for item in release.content["skills"]}
    page = new_page()

    page.goto("/")
    assert_accessible(page, "landing")
    page.get_by_role("link", name="Créer un compte").first.click()
    assert_accessible(page, "sign-up")
    page.fill("#id_first_name", "Lou")
    page.fill("#id_last_name", "Martin")
    page.fill("#id_email", "lou@example.org")
    page.fill("#id_password1", "un-mot-de-passe-solide")
    page.fill("#id_password2", "un-mot-de-passe-solide")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.locator(".signup-sent")).to_contain_text(
        "Si cette adresse peut être utilisée, un e-mail vous a été envoyé."
    )
    assert_accessible(page, "sign-up sent")
    # The link of the e-mail (the locmem backend, in this process).
    page.goto(confirmation_path("lou@example.org"))
    assert_accessible(page, "sign-up confirmation")
    page.get_by_role("button", name="Activer mon compte").click()
    expect(page.locator(".competence-card")).to_have_count(16)
    assert_accessible(page, "profile")
    page.locator('.competence-card[data-competence="2.1"]').get_by_role(
        "button", name="Commencer"
    ).click()

    checkpoints, reported, saved, answered = 0, False, False, 0
    for _ in range(60):
        if "/resultat/" in page.url:
            break
        if "/bilan/" in page.url:
            checkpoints += 1
            expect(page.locator(".checkpoint-answer").first).to_be_visible()
            if checkpoints == 1:
                assert_accessible(page, "checkpoint")
            save = page.get_by_role("button", name="Enregistrer dans Mes tutos")
            if not saved and save.count():
                save.first.click()
                expect(page.locator(".messages")).to_contain_text("ajouté")
                pressed = page.locator('.tutorial-save[aria-pressed="true"]')
                expect(pressed.first).to_be_visible()
                saved = True
            final = page.get_by_role("button", name="Voir mon résultat")
            if final.count():
                expect(page.locator("h1")).to_have_text("Bilan final")
                final.click()
            else:
                page.get_by_role("button", name="Continuer le test").click()
            continue
        question = page.get_by_role("heading", level=1)
        expect(question).to_contain_text(f"Question {answered + 1}")
        if page.locator(".timed-warning").count():
            page.get_by_role("button", name="Commencer").click()
            expect(page.locator("#challenge-countdown")).to_be_visible()
        if not answered:
            assert_accessible(page, "first challenge")
            refuse_an_empty_answer(page)
        if answered == 2:
            quit_and_resume(page)
        if not reported and answered:  # on a question htmx brought in
            page.locator(".report-problem summary").click()
            assert_accessible(page, "challenge brought in by htmx, report form open")
            page.select_option("#id_category", "question")
            page.fill("#id_comment", "La consigne pourrait préciser le logiciel.")
            page.get_by_role("button", name="Envoyer le signalement").click()
            expect(page.locator(".messages")).to_contain_text("signalement")
            reported = True
        answered += 1
        challenge = challenges[page.locator("input[name=challenge]").input_value()]
        if levels[challenge["skill"]] <= 3:  # a learner who masters levels 1 to 3
            answer_right(page, challenge)
        else:
            submit_and_wait(page, "Je passe")

    expect(page.locator(".competence-result")).to_contain_text("Niveau")
    assert_accessible(page, "result")
    page.get_by_role("link", name="Voir toutes les corrections").click()
    expect(page.locator(".checkpoint-answer")).to_have_count(answered)
    expect(page.locator(".correction-given").first).to_be_visible()
    assert_accessible(page, "corrections")
    page.get_by_role("link", name="Mes tutos").click()
    expect(page.locator(".tutorials-saved li.tutorial")).to_have_count(1)
    assert_accessible(page, "my tutorials")
    page.get_by_role("tab", name=re.compile("Enregistrés")).click()
    card = page.locator(".tutorials-saved li.tutorial")
    expect(card).to_be_visible()
    expect(card.locator(".tutorial-save")).to_have_attribute("aria-pressed", "true")
    assert_accessible(page, "my tutorials, saved tab")
    page.select_option("#filter-competence", "1.1")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator(".tutorials-saved li.tutorial")).to_have_count(0)
    saved_tab = page.get_by_role("tab", name=re.compile("Enregistrés"))
    expect(saved_tab).to_have_attribute("aria-selected", "true")
    page.goto("/")
    sector = page.locator('path[data-competence="2.1"]')

    assert checkpoints >= 2
    assert int(sector.get_attribute("data-level")) >= 1
    assert ProblemReport.objects.count() == 1
    assert TutorialBookmark.objects.filter(saved=True).count() == 1


def test_a_page_older_than_its_csrf_token_reloads_and_the_answer_goes_through(
    new_page,
):
    """A refused answer (htmx swaps nothing) reloads the page with a fresh token."""
    make_competence(levels=(1, 2, 3, 4), tubes=2)
    make_user(username="lea")
    page = new_page()
    page.goto("/connexion/")
    page.fill("#id_username", "lea")
    page.fill("#id_password", "motdepasse-solide-42")
    page.get_by_role("button", name="Se connecter").click()
    page.locator('.competence-card[data-competence="1.1"]').get_by_role(
        "button", name="Commencer"
    ).click()
    question = page.locator("input[name=challenge]").input_value()
    page.context.clear_cookies(name="csrftoken")  # the page's token is now stale

    with page.expect_event("load"):
        page.get_by_role("button", name="Je passe").click()

    assert not Answer.objects.exists()
    assert page.locator("input[name=challenge]").input_value() == question
    submit_and_wait(page, "Je passe")
    assert Answer.objects.get().challenge == question


def test_a_timed_question_warns_first_and_its_clock_survives_a_reload(new_page):
    """The warning, 'Commencer', the seconds left after a reload, then 'time over'."""
    make_challenge(
        skill=make_skill(level=1, competence_code="2.1"),
        type="QROC",
        proposals="${r}",
        solution="1",
        timer=4,
        publish=True,
    )
    release_publish(trusted=True)
    make_user(username="lea")
    page = new_page()
    page.goto("/connexion/")
    page.fill("#id_username", "lea")
    page.fill("#id_password", "motdepasse-solide-42")
    page.get_by_role("button", name="Se connecter").click()
    page.locator('.competence-card[data-competence="2.1"]').get_by_role(
        "button", name="Commencer"
    ).click()

    expect(page.locator(".timed-warning")).to_contain_text("Vous aurez 4 secondes")
    assert_accessible(page, "timed warning")
    page.get_by_role("button", name="Commencer").click()
    expect(page.locator("#field-r")).to_be_visible()
    page.wait_for_timeout(1500)
    page.reload()
    left = int(page.locator(".challenge-countdown__seconds").inner_text())
    assert 1 <= left <= 3, left  # the server's count, not the timer again
    assert_accessible(page, "timed question")
    expect(page.locator(".challenge-time-over")).to_be_visible(timeout=6000)
    expect(page.locator(".challenge-countdown__badge")).to_be_hidden()
    assert_accessible(page, "time over")
    page.fill("#field-r", "1")
    page.get_by_role("button", name="Je valide").click()
    expect(page.locator("h1")).to_have_text("Bilan final")
    assert Answer.objects.get().result == "timedout"
