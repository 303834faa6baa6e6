"""The learner flow through the JSON API: the pages' services, no early solution."""

import json

import pytest
from django.urls import reverse

from authoring.models import Challenge, Tutorial
from referential.models import Competence
from runtime.models import Answer, Assessment
from tests.factories import make_user
from tests.runtime.api.flow import (
    API,
    CRCN_1_1,
    SECRET,
    make_flow_content,
    make_single,
    post,
    start,
    take_test,
)

pytestmark = pytest.mark.django_db


def test_a_learner_takes_a_whole_test_through_the_api(client, learner):
    """Start, answer, acknowledge checkpoints, get the result: no early solution."""
    release = make_flow_content()
    started = post(client, f"{API}/competences/1.1/assessments")
    assessment_id = started.json()["id"]

    steps, served, corrections = take_test(client, assessment_id, known_level=4)
    result = client.get(f"{API}/assessments/{assessment_id}/result").json()
    tubes = {t["id"]: t["title"] for t in release.content["tubes"]}

    before_answer = started.content.decode() + served
    assert (steps[0], steps[-1]) == ("challenge", "completed")
    assert len(corrections) == steps.count("checkpoint") >= 1
    # Every 5 answers, then a final checkpoint with the answers left.
    sizes = [len(rows) for rows in corrections]
    assert sizes[:-1] == [5] * (len(sizes) - 1)
    assert 1 <= sizes[-1] <= 5
    assert sum(sizes) == Answer.objects.count()
    assert [row["expected"] for rows in corrections for row in rows] == [
        {"mot": Challenge.objects.get(uid=row["challenge_id"]).solution}
        for rows in corrections
        for row in rows
    ]
    assert SECRET not in before_answer
    assert '"spec"' not in before_answer
    assert "solution" not in before_answer.lower()
    assert result == {
        "assessment_id": assessment_id,
        "competence": "1.1",
        "competence_title": CRCN_1_1,
        "pix": 32,
        "level": 4,
        "validated_skills": sorted(
            s["name"] for s in release.content["skills"] if s["level"] <= 4
        ),
        "validated_skill_labels": [
            {"tube": tube, "level": level, "label": f"{tube} — niveau {level}"}
            for tube, level in sorted(
                (tubes[s["tube"]], s["level"])
                for s in release.content["skills"]
                if s["level"] <= 4
            )
        ],
        "tutorials": [],
        "answers_count": Answer.objects.count(),
    }
    assert not any("@" in item["label"] for item in result["validated_skill_labels"])


def test_a_challenge_is_served_as_on_the_page_without_its_solution(client, learner):
    """One service behind both: the page serves the challenge the API shows."""
    make_flow_content(levels=(1, 2, 3), tubes=2)
    assessment_id = start(client)

    response = client.get(f"{API}/assessments/{assessment_id}/current")
    page = client.get(reverse("assessment", args=[assessment_id]))

    field = {"key": "mot", "label": "Tapez ici", "placeholder": "Tapez ici"}
    assert response.json() == {
        "status": "challenge",
        "challenge_id": page.context["challenge_id"],
        "position": 1,
        "remaining_seconds": None,  # not timed
        "challenge": {
            "type": "QROC",
            "instruction_html": "<p>Tapez le mot secret.</p>",
            "alternative_instruction": "",
            "choices": [],
            "fields": [{**field, "options": None}],
            "pieces": [
                {"html": "<p>Votre mot </p>", "field": None},
                {"html": None, "field": "mot"},
            ],
            "illustration": None,
            "attachments": [],
            "embed": None,
            "timer": None,
            "focused": False,
        },
    }
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize(
    ("type", "overrides", "right", "wrong"),
    [
        ("QCU", {}, "1", "2"),
        ("QCM", {"solution": "1,3"}, [1, 3], [1, 2]),
        ("QROC", {}, {"reponse": "Paris"}, {"reponse": "Lyon"}),
        ("QROCM-ind", {}, {"ville": "Paris", "cp": "75001"}, {"cp": "69001"}),
    ],
)
def test_answers_have_the_shape_the_checker_expects(
    client, type, overrides, right, wrong
):
    """QCU "1", QCM [1, 3], QROC and QROCM {key: text} are checked as the page does."""
    make_single(type=type, **overrides)
    challenge_id = Challenge.objects.get().uid
    results = []
    for value in (right, wrong):
        client.force_login(make_user())
        assessment_id = start(client, "2.1")
        client.get(f"{API}/assessments/{assessment_id}/current")
        body = {"challenge_id": challenge_id, "answer": value}
        response = post(client, f"{API}/assessments/{assessment_id}/answers", body)
        results.append(response.json())

    assert [r["result"] for r in results] == ["ok", "ko"]
    # The test is over; the final checkpoint shows the correction first.
    assert [r["next"] for r in results] == ["checkpoint", "checkpoint"]


def test_checkpoint_and_result_correct_an_answered_challenge(client, learner):
    """After the answer: expected answer, hint, tutorials; the result recommends."""
    make_single(type="QCU", solution="2")
    assessment_id = start(client, "2.1")
    current = client.get(f"{API}/assessments/{assessment_id}/current").json()
    body = {"challenge_id": current["challenge_id"], "answer": "3"}
    answer = post(client, f"{API}/assessments/{assessment_id}/answers", body).json()

    checkpoint = client.get(f"{API}/assessments/{assessment_id}/checkpoint").json()
    result = client.get(f"{API}/assessments/{assessment_id}/result").json()

    tutorial = Tutorial.objects.get()
    tutorial_out = {
        "id": tutorial.uid,
        "title": "Lire une consigne",
        "link": "https://fr.wikipedia.org/wiki/Consigne",
        "source": "Wikipédia",
        "format": tutorial.format,
        "duration_seconds": 180,
        "locale": "fr-fr",
    }
    cities = enumerate(["Paris", "Lyon", "Marseille"], start=1)
    choices = [{"number": n, "html": f"<p>{city}</p>"} for n, city in cities]
    assert current["challenge"]["choices"] == choices
    answer_id = Answer.objects.get().pk
    # A one-question test: over, with a final checkpoint before the result.
    assert answer == {"answer_id": answer_id, "result": "ko", "next": "checkpoint"}
    assert checkpoint["corrections"] == [
        {
            "answer_id": answer_id,
            "challenge_id": current["challenge_id"],
            "result": "ko",
            "answer": "3",
            "expected": "2",
            "challenge": current["challenge"],
            "hint": "Pensez aux guillemets.",
            "tutorials": [tutorial_out],
        }
    ]
    assert result == {
        "assessment_id": assessment_id,
        "competence": "2.1",
        "competence_title": Competence.objects.get(code="2.1").title,
        "pix": 0,
        "level": 0,
        "validated_skills": [],
        "validated_skill_labels": [],
        "tutorials": [tutorial_out],
        "answers_count": 1,
    }


def test_a_double_post_returns_the_same_answer(client, learner):
    """Posting the same answer twice keeps one answer and returns its id, 200."""
    make_flow_content(levels=(1, 2, 3), tubes=2)
    assessment_id = start(client)
    current = client.get(f"{API}/assessments/{assessment_id}/current").json()
    url = f"{API}/assessments/{assessment_id}/answers"
    body = {"challenge_id": current["challenge_id"], "answer": {"mot": "non"}}

    malformed = post(client, url, {**body, "answer": {"mot": ["a", "b"]}})
    first = post(client, url, body)
    second = post(client, url, body)

    assert [r.status_code for r in (malformed, first, second)] == [422, 200, 200]
    assert first.json() == second.json()
    assert first.json()["answer_id"] == Answer.objects.get().pk


def test_conflicts_answer_409_in_french(client, learner):
    """What the rules forbid now answers 409 with the service's French message."""
    make_flow_content(levels=(1, 2), tubes=1)
    base = f"{API}/assessments/{start(client)}"
    client.get(f"{base}/current")

    no_test = post(client, f"{API}/competences/5.2/assessments")
    stale = post(client, f"{base}/answers", {"challenge_id": "pas-celle-ci"})
    early = client.get(f"{base}/result")
    reset = post(client, f"{API}/competences/1.1/reset")

    assert [(r.status_code, r.json()) for r in (no_test, stale, early, reset)] == [
        (409, {"detail": "Cette compétence n'a pas encore de test disponible."}),
        (409, {"detail": "Cette épreuve n'est plus celle en cours."}),
        (409, {"detail": "Ce test n'est pas encore terminé."}),
        (409, {"detail": "Cette compétence ne peut pas encore être remise à zéro."}),
    ]


def test_an_improvement_through_the_api_waits_four_days(client, learner):
    """The delay holds on the API as on the page: 409, said in French, no test."""
    make_flow_content(levels=(1, 2), tubes=1)
    take_test(client, start(client), known_level=2)
    tests = Assessment.objects.count()

    early = post(client, f"{API}/competences/1.1/assessments")

    profile = client.get(f"{API}/profile").json()["competences"]
    assert (early.status_code, early.json()) == (
        409,
        {"detail": "Vous pourrez améliorer cette compétence dans 4 jours."},
    )
    assert Assessment.objects.count() == tests
    assert next(c for c in profile if c["code"] == "1.1")["improve_in_days"] == 4


def test_starting_twice_resumes_and_the_profile_offers_to_resume(client, learner):
    """16 competences; a started one offers to resume, the others to start."""
    release = make_flow_content(levels=(1,), tubes=1)

    first = post(client, f"{API}/competences/1.1/assessments").json()
    second = post(client, f"{API}/competences/1.1/assessments").json()
    body = client.get(f"{API}/profile").json()

    assessment = Assessment.objects.get()
    assert first == second
    assert first == {
        "id": assessment.pk,
        "competence": "1.1",
        "state": "started",
        "release": release.number,
        "is_improvement": False,
        "answers_count": 0,
    }
    competences = {item["code"]: item for item in body["competences"]}
    assert (len(competences), body["total_pix"]) == (16, 0)
    assert competences["1.1"] == {
        "code": "1.1",
        "title": CRCN_1_1,
        "area": "1",
        "area_title": "Information et données",
        "pix": 0,
        "level": 0,
        "tested": False,
        "open_assessment": assessment.pk,
        "actions": ["resume"],
        "improve_in_days": None,
    }
    assert competences["2.1"]["actions"] == ["start"]


def test_openapi_documents_every_endpoint(client):
    """The OpenAPI description lists every path of the learner flow."""
    schema = client.get(f"{API}/openapi.json").json()

    assert schema["info"]["title"] == "Atelier CRCN — API apprenant"
    assert {path: sorted(item) for path, item in schema["paths"].items()} == {
        f"{API}/profile": ["get"],
        f"{API}/competences/{{code}}/assessments": ["post"],
        f"{API}/competences/{{code}}/reset": ["post"],
        f"{API}/assessments/{{assessment_id}}/current": ["get"],
        f"{API}/assessments/{{assessment_id}}/answers": ["post"],
        f"{API}/assessments/{{assessment_id}}/checkpoint": ["get", "post"],
        f"{API}/assessments/{{assessment_id}}/result": ["get"],
    }
    result = schema["components"]["schemas"]["ResultOut"]["properties"]
    assert "validated_skill_labels" in result
    # Kept for the API's clients, and said not to be shown to learners.
    assert "ne pas les montrer" in result["validated_skills"]["description"]
    components = json.dumps(schema["components"]).lower()
    assert '"spec"' not in components
    assert "tolerance" not in components
