"""A demo calibration on simulated learners' answers (first start).

On a first start nobody has answered yet, so the calibration runs, the
editor's calibration panel, the review queue's flags, the release's
parameters and the adaptive certification would all show nothing. Run by
``first_start`` right after the first release, this command:

1. creates one demo account, ``apprenants-simules`` ("Apprenants simulés"),
   inactive (it cannot log in) and in no organisation: every simulated test
   is its own, so no learner's profile, dashboard or campaign figure counts
   them, and ``--remove`` deletes them all (with the demo runs);
2. plays TESTS_PER_COMPETENCE simulated positioning tests per competence of
   the release in service and stores them, bulk, as completed tests with
   their answers, marked "Test simulé";
3. runs a calibration on them in the foreground, with the note DEMO_NOTE
   shown wherever the run is, accepts it as the demo validator, and publishes
   the next release, which carries the parameters (releases are how
   parameters reach learners' tests and the adaptive certification).

The learner model is runtime.domain.simulation.LearnerModel, the demo
school's and the simulator's: a learner of true level T, drawn uniformly from
0 to 6, answers a challenge of a skill of level L right with probability 0.9
when L <= T, else 0.15. Each test is CAT-like, on one competence: up to
QUESTIONS skills, one challenge each, the next skill being one whose level is
nearest to a staircase estimate (START_LEVEL, moved up after a right answer
and down after a wrong one by a shrinking step; ties and near ties drawn at
random), so which challenges a learner answers depends on their answers, as
in a real adaptive test. A few déclinaisons per competence (NEW_SHARE) play
recently added challenges, served NEW_WEIGHT times as often as the others:
they end with too few answers, so the "too few answers" flag and the trial
slots of adaptive tests have something to show.

It refuses to mix simulated answers with learners' own: with any answer
already recorded, or a calibration already run, it changes nothing.
"""

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from authoring.releases.services import ReleaseError, release_publish
from review.calibration import (
    CalibrationError,
    accepted_parameters,
    calibration_run_accept,
)
from review.calibration_run import calibration_run_execute
from review.models import CalibrationRun, CalibrationStatus
from runtime.certification.services.adaptive import MIN_CALIBRATED
from runtime.domain.simulation import LearnerModel
from runtime.enums import AnswerResult, AssessmentKind, AssessmentState
from runtime.learning.reports import expected_answer
from runtime.models import Answer, Assessment
from runtime.release_index import current_release_index

SIMULATED_ACCOUNT = "apprenants-simules"
DEMO_NOTE = "Calibration de démonstration sur des réponses simulées"
TEST_TITLE = "Test simulé (calibration de démonstration)"
VALIDATOR = "validateur"
TESTS_PER_COMPETENCE = 160
QUESTIONS = 14
TRUE_LEVELS = range(0, 7)
START_LEVEL = 2.0
FIRST_STEP, STEP_DECAY, LAST_STEP = 1.5, 0.75, 0.5
NEW_SHARE = 0.05
NEW_WEIGHT = 0.08
SEED = 2026
MODEL = LearnerModel()
"""Right with probability 1 - slip (0.9) at or below the learner's level, else
guess (0.15)."""


@dataclass(frozen=True)
class SimulatedTest:
    """One simulated positioning test: its competence, the learner's true
    level, and (challenge, skill, right) of each answer in order."""

    competence: str
    true_level: int
    answers: tuple[tuple[str, str, bool], ...]


def recent_challenges(index, rng: random.Random) -> set[str]:
    """Return the déclinaisons playing recently added challenges (NEW_SHARE
    of each competence's, never a skill's only challenge)."""
    chosen: set[str] = set()
    for code in sorted(index.skills_by_competence):
        candidates = [
            challenge_id
            for skill_id in index.skills_by_competence[code]
            for challenge_id in sorted(index.challenges_by_skill.get(skill_id, ()))[1:]
        ]
        if candidates:
            count = max(1, round(NEW_SHARE * len(candidates)))
            chosen.update(rng.sample(candidates, count))
    return chosen


def simulate_tests(
    index,
    *,
    tests_per_competence: int = TESTS_PER_COMPETENCE,
    seed: int = SEED,
    model: LearnerModel = MODEL,
) -> tuple[list[SimulatedTest], set[str]]:
    """Return the simulated tests on the release ``index``, and the recent
    challenges (see the module's docstring). Same seed, same tests."""
    rng = random.Random(seed)  # noqa: S311 - simulated learners
    recent = recent_challenges(index, rng)
    tests = []
    for code in sorted(index.skills_by_competence):
        skills = [
            skill_id
            for skill_id in index.skills_by_competence[code]
            if index.challenges_by_skill.get(skill_id)
        ]
        for _ in range(tests_per_competence if skills else 0):
            tests.append(_play(index, code, skills, recent, model, rng))
    return tests, recent


def _play(index, code, skills, recent, model, rng) -> SimulatedTest:
    true_level = rng.choice(TRUE_LEVELS)
    estimate, step = START_LEVEL, FIRST_STEP
    left = list(skills)
    answers = []
    while left and len(answers) < QUESTIONS:
        skill_id = min(
            left, key=lambda s: abs(index.skills[s].level - estimate) + rng.random()
        )
        left.remove(skill_id)
        challenges = sorted(index.challenges_by_skill[skill_id])
        weights = [NEW_WEIGHT if c in recent else 1.0 for c in challenges]
        challenge_id = rng.choices(challenges, weights)[0]
        right = model.succeeds(index.skills[skill_id].level, true_level, rng)
        answers.append((challenge_id, skill_id, right))
        estimate += step if right else -step
        step = max(LAST_STEP, step * STEP_DECAY)
    return SimulatedTest(code, true_level, tuple(answers))


class Command(BaseCommand):
    help = (
        "Calibrate the release in service on simulated learners' answers, owned "
        "by the inactive demo account 'apprenants-simules', accept the run and "
        "publish a release carrying its parameters (first start; once only). "
        "--remove deletes the simulated tests and the demo runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove",
            action="store_true",
            help="Delete the simulated tests and answers, the account and the runs.",
        )

    def handle(self, *args, remove=False, **options):
        if remove:
            self._remove()
            return
        index = current_release_index()
        if index is None:
            raise CommandError("Publiez d'abord une release.")
        reason = self._refusal(index)
        if reason:
            self.stdout.write(reason)
            return
        run = self._simulate_and_calibrate(index)
        self._accept_and_publish(run)

    @staticmethod
    def _refusal(index) -> str | None:
        if get_user_model().objects.filter(username=SIMULATED_ACCOUNT).exists():
            return "Calibration de démonstration déjà faite : rien n'est changé."
        if CalibrationRun.objects.exists() or Answer.objects.exists():
            return (
                "Calibration de démonstration non faite : des réponses d'apprenants "
                "ou des calibrations existent déjà, les réponses simulées ne s'y "
                "mêlent pas."
            )
        if len(index.challenges) < MIN_CALIBRATED:
            return (
                "Calibration de démonstration non faite : la release en service "
                f"compte {len(index.challenges)} épreuve(s), le mode adaptatif en "
                f"demande au moins {MIN_CALIBRATED}."
            )
        return None

    def _simulate_and_calibrate(self, index) -> CalibrationRun:
        tests, _recent = simulate_tests(index)
        with transaction.atomic():
            account = get_user_model().objects.create_user(
                username=SIMULATED_ACCOUNT,
                first_name="Apprenants",
                last_name="simulés (démonstration)",
                email=f"{SIMULATED_ACCOUNT}@demo.invalid",
                is_active=False,
            )
            count = _store(account, index, tests)
            run = calibration_run_execute(CalibrationRun.objects.create(note=DEMO_NOTE))
        if run.status != CalibrationStatus.DONE:
            raise CommandError(
                f"La calibration de démonstration a échoué : {run.error}"
            )
        self.stdout.write(
            f"Calibration de démonstration {run.pk} : {count} réponses simulées de "
            f"{len(tests)} tests (compte inactif « {SIMULATED_ACCOUNT} »), "
            f"{run.challenges} épreuves, {run.iterations} itérations "
            f"({run.seconds} s)."
        )
        return run

    def _accept_and_publish(self, run: CalibrationRun) -> None:
        validator = get_user_model().objects.filter(username=VALIDATOR).first()
        try:
            calibration_run_accept(run, user=validator, trusted=True)
        except CalibrationError as error:
            raise CommandError(str(error)) from error
        calibrated = len(accepted_parameters())
        try:
            release = release_publish(
                notes=f"Paramètres de la calibration {run.pk} : {DEMO_NOTE.lower()}.",
                trusted=True,
            )
        except ReleaseError as error:
            self.stdout.write(f"Aucune release publiée : {error}")
            return
        self.stdout.write(
            f"Release {release.number} publiée avec les paramètres de "
            f"{calibrated} épreuves ({DEMO_NOTE.lower()}). Pour les retirer : "
            ".venv/bin/python manage.py load_demo_calibration --remove"
        )

    @transaction.atomic
    def _remove(self) -> None:
        account = get_user_model().objects.filter(username=SIMULATED_ACCOUNT).first()
        # Its tests, and those left anonymised had the account been deleted
        # like a learner's (their title still says they are simulated).
        simulated = Q(user__isnull=True, title=TEST_TITLE)
        if account:
            simulated |= Q(user=account)
        tests = Assessment.objects.filter(simulated)
        answers = Answer.objects.filter(assessment__in=tests).count()
        removed = tests.delete()[1].get(Assessment._meta.label, 0)
        runs = CalibrationRun.objects.filter(note=DEMO_NOTE).delete()[1]
        if account:
            account.delete()
        self.stdout.write(
            f"Supprimés : {removed} tests simulés, {answers} réponses, "
            f"{runs.get(CalibrationRun._meta.label, 0)} calibrations de "
            "démonstration. La release en service garde leurs paramètres jusqu'à "
            "la prochaine publication."
        )


def _store(account, index, tests: list[SimulatedTest]) -> int:
    """Save the tests as the account's completed tests with their answers."""
    now = timezone.now()

    def result(right: bool) -> str:
        return AnswerResult.OK if right else AnswerResult.SKIPPED

    assessments = Assessment.objects.bulk_create(
        [
            Assessment(
                user=account,
                kind=AssessmentKind.COMPETENCE,
                competence=test.competence,
                title=TEST_TITLE,
                release_id=index.release_id,
                state=AssessmentState.COMPLETED,
                completed_at=now,
                history=[[c, s, result(right)] for c, s, right in test.answers],
            )
            for test in tests
        ],
        batch_size=500,
    )
    answers = [
        Answer(
            assessment=assessment,
            release_id=index.release_id,
            challenge=challenge_id,
            skill=skill_id,
            value=expected_answer(index.challenges[challenge_id]) if right else None,
            result=result(right),
        )
        for assessment, test in zip(assessments, tests, strict=True)
        for challenge_id, skill_id, right in test.answers
    ]
    Answer.objects.bulk_create(answers, batch_size=2000)
    return len(answers)
