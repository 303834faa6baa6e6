"""The shipped demo pack: valid, complete and varied enough to be a real test."""

import operator
from collections import Counter, defaultdict
from itertools import product
from pathlib import Path

import pytest
from django.conf import settings

from authoring.checks import TYPOGRAPHY_FIELDS, find_typography_issues
from authoring.content_pack import read_pack
from runtime.domain import inference
from runtime.domain.answer_checking import check
from runtime.domain.challenge_format import (
    build_check_spec,
    parse_keyed_variants,
    parse_variants,
)
from runtime.domain.scoring import PIX_PER_LEVEL, level_pix, skill_pix_value
from runtime.domain.simulation import play_test, summarise

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "content" / "demo"
AREAS = {"1", "2", "3", "4", "5"}
COMPETENCES = sorted(path.stem for path in (DEMO / "competences").glob("*.json"))
TYPES = {"QCU", "QCM", "QROC", "QROCM-ind", "QROCM-dep"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        pack, problems = read_pack(DEMO)
    return pack, problems


def challenges(pack, status=None):
    return [
        data
        for _, data in pack.challenges.values()
        if status is None or data["status"] == status
    ]


def test_the_demo_pack_passes_every_content_check(demo):
    """Schema, references and the admin form's rules: no problem at all."""
    _, problems = demo

    assert [str(problem) for problem in problems] == []


def test_the_demo_pack_follows_french_typography(demo):
    """No-break spaces before ; : ! ? » and after «, as the editor would fix them."""
    pack, _ = demo
    wrong = [
        (data["id"], name)
        for data in challenges(pack)
        if any(locale.startswith("fr") for locale in data["locales"])
        for name in TYPOGRAPHY_FIELDS
        if find_typography_issues(data.get(name) or "")
    ]

    assert wrong == []


def test_the_demo_pack_covers_the_sixteen_competences(demo):
    """All 16 competences, 3+ tubes each, levels 1 to 6 at least in each."""
    pack, _ = demo
    tubes = Counter(code for code, _, _ in pack.tubes.values())
    levels = defaultdict(set)
    for code, _, skill in pack.skills.values():
        levels[code].add(skill["level"])

    assert len(pack.competences) == 16
    assert min(tubes.values()) >= 3
    assert all(set(range(1, 7)) <= found for found in levels.values())


def test_the_demo_pack_has_enough_varied_challenges(demo):
    """400+ validated (20+ per competence), 40+ beta, files, timers, drop-downs."""
    pack, _ = demo
    validated = challenges(pack, "validated")
    per_competence = Counter(pack.skills[data["skill"]][0] for data in validated)
    types_per_area = defaultdict(set)
    for data in challenges(pack):
        types_per_area[pack.skills[data["skill"]][0][0]].add(data["type"])

    assert len(validated) >= 400
    assert min(per_competence.values()) >= 20
    assert len(challenges(pack, "proposed")) >= 40
    assert types_per_area == dict.fromkeys(AREAS, TYPES)
    assert sum(1 for data in validated if data["attachments"]) >= 30
    assert sum(1 for data in validated if data["timer"]) >= 20
    assert any("options=" in data["proposals"] for data in validated)


def test_every_skill_has_a_hint_and_every_tube_a_tutorial(demo):
    """Hints for all skills; at least one tutorial per tube."""
    pack, _ = demo
    tutored_tubes = {
        pack.skills[link["skill"]][1]
        for _, tutorial in pack.tutorials.values()
        for link in tutorial["skills"]
    }

    assert all(skill["hint"] for _, _, skill in pack.skills.values())
    assert tutored_tubes == set(pack.tubes)


def test_prototypes_have_declinaisons_on_thirty_skills(demo):
    """Learners retrying meet another déclinaison of the same skill."""
    pack, _ = demo
    validated = challenges(pack, "validated")

    skills = {data["skill"] for data in validated if data["prototype"]}

    assert len(skills) >= 30


def test_every_accepted_answer_is_accepted_by_the_checker(demo):
    """Each QROC variant, and each QROCM's first variants, pass check()."""
    pack, _ = demo
    refused = []
    for data in challenges(pack):
        if not data["type"].startswith("QROC"):
            continue
        spec = build_check_spec(
            challenge_type=data["type"],
            proposals=data["proposals"],
            solution=data["solution"],
            tolerances=data["tolerances"],
            answer_format=data["answer_format"],
        )
        if data["type"] == "QROC":
            answers = parse_variants(data["solution"])
        else:
            variants = parse_keyed_variants(data["solution"])[0]
            answers = [{key: values[0] for key, values in variants.items()}]
        refused += [(data["id"], a) for a in answers if check(spec, a) != "ok"]

    assert refused == []


def test_every_reachable_level_of_every_competence_is_worth_eight_pix(demo):
    """Two active skills or more per level up to the reachable one.

    With a single one a level gives 4 pix, and a learner who masters it is
    placed a level too low (the level_worth_eight_pix check warns authors).
    """
    pack, _ = demo
    active = Counter(
        (code, skill["level"])
        for code, _, skill in pack.skills.values()
        if skill["status"] == "active"
    )
    levels = range(1, settings.MAX_REACHABLE_LEVEL + 1)

    short = [
        (code, level, active[code, level])
        for code, level in product(sorted(pack.competences), levels)
        if level_pix(active[code, level]) < PIX_PER_LEVEL
    ]

    assert short == []


def servable_scope(pack, code) -> tuple[inference.Scope, dict[str, float]]:
    """Return a competence's active skills and validated challenges, with pix.

    What a release of the pack serves, read from the pack itself.
    """
    skills = [
        inference.Skill(skill["id"], tube, skill["level"])
        for skill_code, tube, skill in pack.skills.values()
        if skill_code == code and skill["status"] == "active"
    ]
    ids = {skill.id for skill in skills}
    servable = [
        inference.Challenge(
            data["id"],
            data["skill"],
            bool(data["timer"]),
            tuple(data["locales"]),
            data["prototype"],
        )
        for data in challenges(pack, "validated")
        if data["skill"] in ids
    ]
    per_level = Counter(skill.level for skill in skills)
    pix = {skill.id: skill_pix_value(per_level[skill.level]) for skill in skills}
    by_id = operator.attrgetter("id")
    return inference.Scope(
        tuple(sorted(skills, key=by_id)), tuple(sorted(servable, key=by_id))
    ), pix


def test_no_challenge_opens_more_than_a_third_of_the_tests(demo):
    """The opening skills offer enough untimed challenges (déclinaisons).

    The first skill and then its challenge are drawn evenly: a challenge
    opens 1 / (opening skills * its skill's untimed challenges) of the tests.
    """
    pack, _ = demo
    shares = {}
    for code in sorted(pack.competences):
        scope, _ = servable_scope(pack, code)
        options = inference.opening_options(scope.skills, scope.challenges_by_skill)
        shares[code] = max(1 / len(options) / len(found) for found in options.values())

    assert {code: share for code, share in shares.items() if share > 1 / 3} == {}


@pytest.mark.parametrize("code", COMPETENCES)
def test_no_challenge_is_served_in_half_of_the_simulated_tests(demo, code):
    """200 seeded learners (levels 0-6, slip 10 %, guess 15 %), real inference.

    Six competences opened every test with the same challenge, and others
    served a second question or a level-4 challenge to two thirds of the
    learners (bench/bench_simulation.py prints the figures).
    """
    pack, _ = demo
    scope, pix = servable_scope(pack, code)
    played = [
        play_test(scope, pix, true_level=number % 7, key=f"{code}:{number}")
        for number in range(200)
    ]

    summary = summarise(played, [challenge.id for challenge in scope.challenges])

    assert summary.most_served_share <= 0.5
    assert summary.within_one >= 0.85


# A hint serves every challenge of its skill: these challenges were served a
# hint about something else (the SSD question got « additionnez les tailles »,
# the Wayback Machine question one about recouping posts). Each hint now says
# something about what its challenge asks.
HINT_FITS = [
    ("ch-1.2-donneesStockage4-b", "pièces mécaniques"),
    ("ch-2.4-insertIdentiteNum5-a", "archives du web"),
    ("ch-1.1-rechercheVerifInfo5-a", "copies datées"),
    ("ch-1.1-rechercheSourceFiable2-b", "mise à jour"),
    ("ch-1.1-rechercheSourceFiable4-d", "organisme qui l'a produit"),
    ("ch-1.2-donneesArborescence4-c", "séparé du suivant"),
    ("ch-1.2-donneesArborescence5-b", "« * »"),
    ("ch-2.1-carnetContacts5-b", "encodage"),
    ("ch-2.1-courrielProtocoles8-b", "SPF"),
    ("ch-2.1-visioReunion4-b", "enregistrement"),
    ("ch-2.1-visioReunion5-b", "divisez par 8"),
    ("ch-2.1-netiquetteAbus5-b", "harcèlement"),
    ("ch-2.2-partageFichiersLourds6-c", "empreinte"),
    ("ch-3.1-texteMiseEnPage2-b", "sens de la feuille"),
    ("ch-3.2-diaporamaConception3-b", "mode présentateur"),
    ("ch-3.2-imagePixelsDefinition3-c", "mégapixel"),
    ("ch-3.3-droitAuteurReutilisation7-p", "pseudonyme"),
    ("ch-4.1-secuSauvegarde6-b", "accepte de perdre"),
    ("ch-4.1-secuLogicielMalveillant3-b", "appeler un numéro"),
    ("ch-4.2-viePriveeTraces3-b", "adresse IP"),
    ("ch-5.1-depannageReseau4-b", "box"),
    ("ch-5.1-depannageReseau5-b", "ping"),
    ("ch-5.2-environnementInstallation4-a", "administrateur"),
]


@pytest.mark.parametrize(("challenge_id", "words"), HINT_FITS)
def test_the_hint_served_with_a_challenge_speaks_of_what_it_asks(
    demo, challenge_id, words
):
    pack, _problems = demo
    skill = pack.skills[pack.challenges[challenge_id][1]["skill"]][2]

    assert words in skill["hint"]["text"]
