"""A published release whose challenges carry 2PL parameters, for IRT tests."""

from authoring.releases.services import release_publish
from tests.factories import make_challenge, make_skill, make_tube

DISCRIMINATION = 1.5


def difficulty(level: int, tube_number: int) -> float:
    """Return the b given to a challenge: its level's, a little harder per tube."""
    return level - 2.5 + 0.05 * tube_number


def publish_calibrated_competences(
    codes=("1.1", "2.1"), *, tubes=5, levels=(1, 2, 3, 4), new_per_competence=2,
    calibrated=True,
):  # fmt: skip
    """Publish, per competence, ``tubes`` tubes of QROC challenges whose answer
    is the skill's level, with b = ``difficulty`` and a = 1.5; plus one new
    challenge without parameters on the level-3 skill of the first
    ``new_per_competence`` tubes (the trial items), a déclinaison of the
    skill's calibrated one."""
    for code in codes:
        for number in range(tubes):
            tube = make_tube(competence_code=code)
            for level in levels:
                skill = make_skill(tube=tube, level=level)
                fields = {
                    "skill": skill,
                    "type": "QROC",
                    "proposals": "${r}",
                    "solution": str(level),
                    "tolerance_t3": False,
                    "publish": True,
                }
                prototype = make_challenge(
                    **fields,
                    difficulty=difficulty(level, number) if calibrated else None,
                    discrimination=DISCRIMINATION if calibrated else None,
                )
                if number < new_per_competence and level == 3:
                    # a déclinaison: a new prototype would archive the first
                    make_challenge(**fields, prototype=prototype, declinaison_number=1)
    return release_publish(trusted=True)
