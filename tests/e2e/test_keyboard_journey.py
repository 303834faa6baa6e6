"""A learner completes a whole competence test with the keyboard only.

Tab, Shift+Tab, Space, Enter, arrow keys and typing: no click, no mouse. The
competence holds one challenge of each kind of field a learner meets (radio
buttons, checkboxes, a text field, a drop-down), each on its own level-1
skill, so the test serves all four. axe checks every page it visits.
"""

import pytest
from playwright.sync_api import expect

from authoring.releases.services import release_publish
from runtime.models import Answer
from tests.factories import make_challenge, make_skill, make_tube, make_user

from .accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

MAX_TABS = 120


def tab_to(page, predicate: str, what: str) -> None:
    """Press Tab until the focused element satisfies a JS predicate on ``el``."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"() => {{ const el = document.activeElement; return {predicate}; }}"
        ):
            return
    raise AssertionError(f"Tab never reached {what} on {page.url}")


def keyboard_competence() -> None:
    """Competence 1.1: four tubes, one level-1 skill and challenge per field kind."""
    kinds = {
        "QCU": {"proposals": "- Paris\n- Lyon\n- Marseille", "solution": "2"},
        "QCM": {"proposals": "- rouge\n- vert\n- chaise", "solution": "1,2"},
        "QROC": {"proposals": "${ville}", "solution": "Paris"},
        "QROCM-ind": {
            "proposals": 'Pays : ${pays options=["Belgique","France","Suisse"]}',
            "solution": "pays:\n- France",
        },
    }
    for kind, fields in kinds.items():
        skill = make_skill(tube=make_tube(competence_code="1.1"), level=1)
        make_challenge(skill=skill, type=kind, publish=True, **fields)
    release_publish(trusted=True)


def answer_with_keys(page) -> str:
    """Answer the current challenge right, with keys only; return its kind."""
    form = page.locator("#challenge-form")
    if form.locator("input[type=radio]").count():
        # Tab enters the group on its first option; the arrow moves to Lyon.
        tab_to(page, "el.type === 'radio'", "the radio buttons")
        page.keyboard.press("ArrowDown")
        expect(form.locator("input[type=radio]:checked")).to_have_value("2")
        return "radio"
    if form.locator("input[type=checkbox]").count():
        tab_to(page, "el.type === 'checkbox'", "the first checkbox")
        page.keyboard.press("Space")  # rouge
        page.keyboard.press("Tab")
        page.keyboard.press("Space")  # vert
        expect(form.locator("input[type=checkbox]:checked")).to_have_count(2)
        return "checkbox"
    if form.locator("select").count():
        tab_to(page, "el.tagName === 'SELECT'", "the drop-down")
        for _ in range(4):
            if form.locator("select").input_value() == "France":
                break
            page.keyboard.press("ArrowDown")
        expect(form.locator("select")).to_have_value("France")
        return "select"
    tab_to(page, "el.tagName === 'INPUT' && el.type === 'text'", "the text field")
    page.keyboard.type("Paris")
    return "text"


def test_a_whole_test_with_the_keyboard_only(new_page):
    keyboard_competence()
    make_user(username="clavier")
    page = new_page()

    page.goto("/connexion/")
    assert_accessible(page, "login")
    tab_to(page, "el.id === 'id_username'", "the username field")
    page.keyboard.type("clavier")
    tab_to(page, "el.id === 'id_password'", "the password field")
    page.keyboard.type("motdepasse-solide-42")
    page.keyboard.press("Enter")
    expect(page.locator(".competence-card").first).to_be_visible()
    assert_accessible(page, "profile")
    tab_to(
        page,
        "el.tagName === 'BUTTON' && el.closest('[data-competence=\"1.1\"]')"
        " && el.textContent.includes('Commencer')",
        "'Commencer' on competence 1.1",
    )
    page.keyboard.press("Enter")

    kinds, results = set(), 0
    for _ in range(20):
        page.wait_for_load_state("networkidle")
        if "/resultat/" in page.url:
            break
        if "/bilan/" in page.url:
            assert_accessible(page, "checkpoint")
            tab_to(
                page,
                "el.tagName === 'BUTTON' && ("
                "el.textContent.includes('Continuer le test')"
                " || el.textContent.includes('Voir mon résultat'))",
                "the checkpoint's button",
            )
            page.keyboard.press("Enter")
            page.wait_for_url(lambda url: "/bilan/" not in url)
            continue
        expect(page.locator("#challenge-form")).to_be_visible()
        assert_accessible(page, f"challenge {len(kinds) + 1}")
        question = page.locator("input[name=challenge]").input_value()
        kinds.add(answer_with_keys(page))
        tab_to(page, "el.name === 'validate'", "'Je valide'")
        page.keyboard.press("Enter")
        results += 1
        page.wait_for_function(
            "before => !document.querySelector('input[name=challenge]')"
            " || document.querySelector('input[name=challenge]').value !== before",
            arg=question,
        )

    expect(page.locator(".competence-result")).to_contain_text("Niveau")
    assert_accessible(page, "result")
    assert kinds == {"radio", "checkbox", "select", "text"}
    answers = Answer.objects.all()
    assert answers.count() == results == 4
    assert {answer.result for answer in answers} == {"ok"}
