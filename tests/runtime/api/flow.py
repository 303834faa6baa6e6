"""What the API tests share: content, calls and a whole test driven through it."""

import datetime
import json

from authoring.models import Challenge, Tutorial, TutorialSkill
from authoring.releases.services import release_publish
from tests.factories import make_challenge, make_hint, make_skill, make_tube

API = "/api/v1"
SECRET = "clef-secrete-"
CRCN_1_1 = "Mener une recherche et une veille d'information"


def make_flow_content(levels=(1, 2, 3, 4, 5, 6), tubes=3):
    """Tubes of QROC challenges whose accepted answer names the skill's level."""
    for _ in range(tubes):
        tube = make_tube(competence_code="1.1")
        for level in levels:
            make_challenge(
                skill=make_skill(tube=tube, level=level),
                type="QROC",
                instruction="Tapez le mot secret.",
                proposals="Votre mot ${mot#Tapez ici}",
                solution=f"{SECRET}{level}",
                publish=True,
            )
    return release_publish(trusted=True)


def make_single(type="QCU", **overrides):
    """One skill with one challenge, a hint and a remediation tutorial."""
    skill = make_skill(level=1, tube=make_tube(competence_code="2.1"))
    make_challenge(skill=skill, type=type, publish=True, **overrides)
    make_hint(skill=skill, publish=True)
    tutorial = Tutorial(
        title="Lire une consigne",
        link="https://fr.wikipedia.org/wiki/Consigne",
        source="Wikipédia",
        duration=datetime.timedelta(minutes=3),
    )
    tutorial.skill_links = [TutorialSkill(skill=skill, kind="remediation")]
    tutorial.save()
    tutorial.save_revision().publish()
    release_publish(trusted=True)


def post(client, url, body=None, **extra):
    body = json.dumps(body or {})
    return client.post(url, body, content_type="application/json", **extra)


def start(client, code="1.1"):
    return post(client, f"{API}/competences/{code}/assessments").json()["id"]


def known_answer(challenge_id, known_level):
    """Answer like a learner who masters the levels up to known_level."""
    challenge = Challenge.objects.select_related("skill").get(uid=challenge_id)
    word = challenge.solution if challenge.skill.level <= known_level else "non"
    return {"mot": word}


def take_test(client, assessment_id, known_level):
    """Drive a test to its end; return the statuses, payloads and corrections."""
    url = f"{API}/assessments/{assessment_id}"
    steps, served, corrections = [], [], []
    while "completed" not in steps and len(steps) < 60:
        current = client.get(f"{url}/current").json()
        steps.append(current["status"])
        served.append(json.dumps(current, ensure_ascii=False))
        if current["status"] == "checkpoint":
            corrections.append(client.get(f"{url}/checkpoint").json()["corrections"])
            post(client, f"{url}/checkpoint")
        elif current["status"] == "challenge":
            answer = known_answer(current["challenge_id"], known_level)
            body = {"challenge_id": current["challenge_id"], "answer": answer}
            post(client, f"{url}/answers", body)
    return steps, "".join(served), corrections
