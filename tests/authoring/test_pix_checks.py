"""The note that a competence level cannot add up to 8 pix (issue 12, item 7)."""

import pytest

from authoring.checks import CheckResult, level_worth_eight_pix, run_challenge_checks
from tests.factories import build_challenge, make_challenge, make_skill

pytestmark = pytest.mark.django_db

CODE = "level_worth_eight_pix"


@pytest.fixture(autouse=True)
def reachable_level_five(settings):
    settings.MAX_REACHABLE_LEVEL = 5


def test_a_level_with_one_active_skill_is_worth_only_four_pix():
    """A note, not a blocker, pointing at the skill."""
    challenge = make_challenge(skill=make_skill(level=1, competence_code="3.4"))

    result = level_worth_eight_pix(challenge)

    assert result == CheckResult(
        code=CODE,
        passed=False,
        blocking=False,
        message=(
            "Le niveau 1 de la compétence 3.4 n'a qu'un seul acquis actif : il "
            "ne rapporte que 4 pix au lieu de 8, et un apprenant qui le maîtrise "
            "est placé un niveau trop bas. Ajoutez un deuxième acquis actif à ce "
            "niveau."
        ),
        field="skill",
    )


def test_a_second_active_skill_of_the_level_makes_it_worth_eight_pix():
    """Another tube of the same competence counts; another competence does not."""
    challenge = make_challenge(skill=make_skill(level=1, competence_code="3.4"))
    make_skill(level=1, competence_code="3.4")

    result = level_worth_eight_pix(challenge)

    assert result == CheckResult(
        code=CODE,
        passed=True,
        blocking=False,
        message=(
            "Le niveau 1 de la compétence 3.4 compte 2 acquis actifs : il "
            "rapporte bien 8 pix."
        ),
    )


@pytest.mark.parametrize(
    ("other", "status"),
    [({"level": 1, "competence_code": "3.3"}, "active"), ({"level": 1}, "draft")],
)
def test_skills_of_other_competences_or_not_active_do_not_count(other, status):
    challenge = make_challenge(skill=make_skill(level=1, competence_code="3.4"))
    other.setdefault("competence_code", "3.4")
    make_skill(status=status, **other)

    assert level_worth_eight_pix(challenge).passed is False


def test_no_note_without_an_active_skill_nor_above_the_reachable_level():
    """Draft skills, skill-less drafts and level 6 (not counted at cap 5)."""
    draft = make_challenge(skill=make_skill(level=1, status="draft"))
    unattached = build_challenge(skill=None)
    beyond = make_challenge(skill=make_skill(level=6))

    assert [level_worth_eight_pix(c) for c in (draft, unattached, beyond)] == [
        None,
        None,
        None,
    ]


def test_the_note_runs_with_the_other_checks_and_blocks_nothing():
    """Registered like the other checks: it shows in the Vérifications tab."""
    challenge = make_challenge(skill=make_skill(level=1))

    results = {result.code: result for result in run_challenge_checks(challenge)}

    assert results[CODE].passed is False
    assert results[CODE].blocking is False
