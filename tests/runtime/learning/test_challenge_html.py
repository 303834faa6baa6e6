"""The challenge HTML a release keeps rendered is the HTML of the shared template."""

from dataclasses import replace

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from runtime.domain.release_contract import Competence
from runtime.learning.challenge_html import (
    rendered_challenge,
    report_fields,
    step_main,
)
from runtime.presentation.presenter import present_challenge
from runtime.release_index import ReleaseIndex
from tests.factories import release_challenge

CHALLENGE = release_challenge(
    instruction="Quel format garde la **mise en page** ?",
    proposals="- PDF\n- TXT\n- CSV\n- `.md`\n- RTF",
)


def index_with(*challenges) -> ReleaseIndex:
    return ReleaseIndex(
        release_id=1,
        checksum="x",
        challenges={challenge.id: challenge for challenge in challenges},
    )


def template_html(challenge, seed: str) -> str:
    presented = present_challenge(challenge, shuffle_seed=seed)
    return render_to_string(
        "runtime/challenge_body.html",
        {"challenge": presented, "error_id": "answer-error"},
    )


def test_each_learner_gets_the_template_html_in_their_own_order():
    index = index_with(CHALLENGE)
    rendered = rendered_challenge(index, "ch-1")

    bodies = {seed: rendered.body(seed) for seed in ("1:ch-1", "2:ch-1", "3:ch-1")}

    for seed, body in bodies.items():
        assert body == template_html(CHALLENGE, seed)
    assert len(set(bodies.values())) > 1
    assert rendered_challenge(index, "ch-1") is rendered  # rendered once


def test_options_keep_the_authored_order_unless_shuffled():
    fixed = replace(CHALLENGE, id="ch-2", shuffled=False)
    body = rendered_challenge(index_with(fixed), "ch-2").body("1:ch-2")

    assert body == template_html(fixed, "1:ch-2")
    assert body.index('value="1"') < body.index('value="2"') < body.index('value="5"')


def test_a_field_challenge_is_the_template_html():
    field = replace(CHALLENGE, id="ch-3", type="QROCM-ind",
                    proposals="Extension : ${ext}\nTaille : ${taille#Mo}")  # fmt: skip

    body = rendered_challenge(index_with(field), "ch-3").body("1:ch-3")

    assert body == template_html(field, "1:ch-3")
    assert 'name="answer-ext"' in body


def test_each_language_gets_its_own_rendering():
    index = index_with(CHALLENGE)
    with translation.override("fr"):
        french = rendered_challenge(index, "ch-1").body("1:ch-1")
    with translation.override("en"):
        english = rendered_challenge(index, "ch-1").body("1:ch-1")

    assert "Choisissez une réponse" in french
    assert "Choose one answer" in english


COMPETENCE = Competence(
    code="1.1",
    title="Mener une recherche et une veille d'information",
    area="1",
    area_title="Information et données",
)


def template_main(challenge, **values) -> str:
    presented = present_challenge(challenge, shuffle_seed=values["seed"])
    return render_to_string(
        "runtime/challenge_main.html",
        {
            "assessment": {"pk": values["assessment"]},
            "competence": COMPETENCE,
            "challenge_id": challenge.id,
            "challenge": presented,
            "body": template_html(challenge, values["seed"]),
            "position": values["position"],
            "group_step": (values["position"] - 1) % 5 + 1,
            "group_size": 5,
            "messages_html": values["messages"],
            "answer_error": values["error"],
            "report_fields": report_fields(),
        },
    )


@pytest.mark.parametrize(
    "challenge",
    [
        CHALLENGE,
        replace(CHALLENGE, id="ch-4", timer=60, focused=True, shuffled=False),
    ],
    ids=["shuffled QCU", "timed and focused"],
)
def test_the_step_main_is_the_template_html_with_each_learners_values(challenge):
    index = index_with(challenge)
    messages = '<div class="fr-alert">Ce test est terminé.</div>'
    error = '<p class="fr-message fr-message--error">Sélectionnez une réponse</p>'
    for learner, (assessment, position) in enumerate([(7, 3), (1234, 12)]):
        seed = f"{assessment}:{challenge.id}"
        step = step_main(index, COMPETENCE, challenge.id)
        html = step.html(
            assessment=str(assessment),
            position=str(position),
            group_step=str((position - 1) % 5 + 1),
            body=rendered_challenge(index, challenge.id).body(seed),
            messages=messages if learner else "",
            answer_error=error if learner else "",
        )

        assert html == template_main(
            challenge,
            seed=seed,
            assessment=assessment,
            position=position,
            messages=mark_safe(messages) if learner else "",  # noqa: S308
            error=mark_safe(error) if learner else "",  # noqa: S308
        )
        assert f"/tests/{assessment}/repondre/" in html
        assert f"Question {position}<" in html
        assert f'data-fr-current-step="{(position - 1) % 5 + 1}"' in html
        assert "csrfmiddlewaretoken" not in html  # htmx sends the page's token
        assert step_main(index, COMPETENCE, challenge.id) is step  # rendered once


def test_the_step_main_is_rendered_in_each_language():
    index = index_with(CHALLENGE)
    with translation.override("fr"):
        french = step_main(index, COMPETENCE, "ch-1")
    with translation.override("en"):
        english = step_main(index, COMPETENCE, "ch-1")

    assert "Je valide" in french.head + "".join(text for _, text in french.rest)
    assert "Submit" in english.head + "".join(text for _, text in english.rest)


def test_a_new_process_takes_the_html_other_workers_rendered(monkeypatch):
    """Kept in the cache the workers share: rendered once per release, not per
    process. Another release (id or content) is rendered anew."""
    from runtime.learning import challenge_html

    first = rendered_challenge(index_with(CHALLENGE), "ch-1")
    competence = Competence(code="1.1", title="Mener une recherche", area="1",
                            area_title="Informations")  # fmt: skip
    with translation.override("fr"):
        main = step_main(index_with(CHALLENGE), competence, "ch-1")

    def never(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(challenge_html, "_render", never)
    monkeypatch.setattr(challenge_html, "_render_step_main", never)
    again = rendered_challenge(index_with(CHALLENGE), "ch-1")  # a fresh index
    with translation.override("fr"):
        main_again = step_main(index_with(CHALLENGE), competence, "ch-1")

    assert again.body("1:ch-1") == first.body("1:ch-1")
    assert main_again.html(**dict.fromkeys(SLOTS, "1")) == main.html(
        **dict.fromkeys(SLOTS, "1")
    )
    other = replace(index_with(CHALLENGE), checksum="y")
    with pytest.raises(AssertionError, match="rendered again"):
        rendered_challenge(other, "ch-1")


SLOTS = ("assessment", "position", "group_step", "body", "messages", "answer_error")
