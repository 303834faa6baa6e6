"""The release gate's simulation: the test simulator on a candidate release.

Before a release is published, simulated learners (true level 0-6, slip 10 %,
guess 15 %, preview.simulator) take an IRT positioning test per competence on
the candidate snapshot's bank. A competence is simulated with the release's
own calibrated parameters when it carries enough of them
(runtime.domain.irt.enough_calibrated), else with parameters calibrated on
simulated answers (as bench/bench_irt_demo.py does), and the summary says
which. A competence whose simulated tests do not place at least
MIN_WITHIN_ONE of the learners within one level is a blocking problem:
publishing then asks for an explicit confirmation
(authoring.releases.services.release_publish).

Small runs (learners x challenges up to INLINE_WORK, about a second) run in
the request; larger ones in the ``preview.tasks.simulate_release`` task,
which stores its progress on the ``ReleaseSimulation`` row.
"""

import logging
import time
from collections.abc import Callable

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from authoring.releases.snapshot import build_snapshot
from runtime.domain import irt
from runtime.domain import release_contract as contract
from runtime.release_index import build_index

from .models import ReleaseSimulation, SimulationStatus
from .simulator import Bank, calibrate_scope, simulate_irt

logger = logging.getLogger(__name__)

DEFAULT_LEARNERS = 500
MIN_LEARNERS, MAX_LEARNERS = 50, 5000
MAX_SEED = 2**31 - 1
INLINE_WORK = 600_000
"""Learners x challenges simulated in the request; more runs in the task."""
MIN_WITHIN_ONE = 0.8
"""Below this share placed within one level, a competence blocks publishing."""
MAX_EXPOSURE_WARNING = 0.5
SE_STOP = 0.45
CALIBRATION_LEARNERS = 2000
MIN_CALIBRATED_PER_COMPETENCE = 10
TRUE_LEVELS = (0, 7)  # simulated learners' true levels: 0 to 6
EXPOSURE_BINS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)

NO_CHALLENGES = "no_challenges"
CANNOT_PLACE = "cannot_place"
SKILLS_WITHOUT_CHALLENGES = "skills_without_challenges"
OVEREXPOSED = "overexposed"
PROBLEM_LABELS = {
    NO_CHALLENGES: gettext_lazy(
        "Aucune épreuve : aucun test ne peut être passé dans cette compétence."
    ),
    CANNOT_PLACE: gettext_lazy(
        "Les tests simulés ne placent pas les apprenants : moins de quatre sur "
        "cinq sont placés à un niveau près."
    ),
    SKILLS_WITHOUT_CHALLENGES: gettext_lazy("Acquis sans épreuve"),
    OVEREXPOSED: gettext_lazy(
        "Une épreuve est posée à plus de la moitié des apprenants simulés."
    ),
}
BLOCKING = frozenset({CANNOT_PLACE})


class SimulationError(Exception):
    """The simulation cannot run as asked (a French message for the editor)."""


def candidate_snapshot() -> tuple[contract.Snapshot, str]:
    """Return the snapshot a release would hold now, and its checksum."""
    snapshot = build_snapshot()
    return snapshot, contract.checksum(contract.to_json(snapshot))


# -- the simulation itself (plain values in, a JSON-ready dict out)


def _parameters(index, bank: Bank, seed: int) -> tuple[np.ndarray, np.ndarray, str]:
    """Return (a, b, source): the release's own parameters when it has enough."""
    calibrations = [index.challenges[item].calibration for item in bank.ids]
    count = sum(calibration.calibrated for calibration in calibrations)
    if irt.enough_calibrated(
        count, len(bank.ids), minimum=MIN_CALIBRATED_PER_COMPETENCE
    ):
        a = np.array(
            [c.discrimination if c.calibrated else np.nan for c in calibrations]
        )
        b = np.array([c.difficulty if c.calibrated else np.nan for c in calibrations])
        return a, b, "release"
    a, b = calibrate_scope(bank, learners=CALIBRATION_LEARNERS, seed=seed)
    return a, b, "simulated"


def _simulate_competence(index, competence, *, learners: int, seed: int) -> dict:
    """Return one competence's row of the summary, with its items' exposure."""
    skills = index.skills_by_competence.get(competence.code, [])
    without = sorted(
        index.skills[skill].name
        for skill in skills
        if not index.challenges_by_skill.get(skill)
    )
    bank = Bank.of_scope(index.scope(competence.code))
    row = {
        "code": competence.code,
        "title": competence.title,
        "skills": len(skills),
        "challenges": len(bank.ids),
        "skills_without_challenges": without,
        "problems": [SKILLS_WITHOUT_CHALLENGES] if without else [],
        "exposure": [],
    }
    if not bank.ids:
        row["problems"].insert(0, NO_CHALLENGES)
        return row
    discrimination, difficulty, source = _parameters(index, bank, seed)
    true_levels = np.random.default_rng(seed).integers(*TRUE_LEVELS, learners)
    usable = np.isfinite(discrimination) & np.isfinite(difficulty)
    if usable.any():
        outcome = simulate_irt(
            bank,
            discrimination,
            difficulty,
            true_levels,
            se_threshold=SE_STOP,
            seed=seed,
        )
        figures, exposure = outcome.summary(), outcome.exposure
    else:  # nothing calibrated at all: nobody can be placed
        figures = {"learners": learners, "within_one": 0.0, "exact": 0.0}
        exposure = np.zeros(len(bank.ids))
    row.update(figures, parameters=source, calibrated=int(usable.sum()))
    row["exposure"] = [round(float(rate), 4) for rate in exposure]
    if figures["within_one"] < MIN_WITHIN_ONE:
        row["problems"].insert(0, CANNOT_PLACE)
    if figures.get("max_exposure", 0) > MAX_EXPOSURE_WARNING:
        row["problems"].append(OVEREXPOSED)
    return row


def simulate_snapshot(
    snapshot: contract.Snapshot,
    *,
    learners: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """Return the simulator's summary of a snapshot, per competence.

    ``progress`` is called with the percentage done after each competence.
    Deterministic for the same snapshot, learners and seed.
    """
    index = build_index(0, "", snapshot)
    competences = sorted(snapshot.competences, key=lambda item: item.code)
    rows = []
    for number, competence in enumerate(competences):
        rows.append(
            _simulate_competence(
                index, competence, learners=learners, seed=seed + number
            )
        )
        if progress is not None:
            progress(round(100 * (number + 1) / len(competences)))
    exposure = np.array([rate for row in rows for rate in row["exposure"]])
    counts, _edges = np.histogram(exposure, bins=EXPOSURE_BINS)
    return {
        "learners": learners,
        "seed": seed,
        "competences": rows,
        "blocking": [
            row["code"] for row in rows if BLOCKING.intersection(row["problems"])
        ],
        "exposure_histogram": [int(count) for count in counts],
    }


# -- running a stored simulation


def check_options(learners, seed) -> tuple[int, int]:
    """Return the options as integers, or raise SimulationError in French."""
    try:
        learners, seed = int(learners), int(seed)
    except (TypeError, ValueError) as error:
        raise SimulationError(
            _("Le nombre d'apprenants et la graine sont des nombres entiers.")
        ) from error
    if not MIN_LEARNERS <= learners <= MAX_LEARNERS:
        raise SimulationError(
            _("Le nombre d'apprenants simulés va de %(low)d à %(high)d.")
            % {"low": MIN_LEARNERS, "high": MAX_LEARNERS}
        )
    if not 0 <= seed <= MAX_SEED:
        raise SimulationError(_("La graine va de 0 à %(high)d.") % {"high": MAX_SEED})
    return learners, seed


def _set(simulation: ReleaseSimulation, **fields) -> None:
    for name, value in fields.items():
        setattr(simulation, name, value)
    ReleaseSimulation.objects.filter(pk=simulation.pk).update(**fields)


def simulation_execute(
    simulation: ReleaseSimulation, *, snapshot: contract.Snapshot | None = None
) -> ReleaseSimulation:
    """Run a queued simulation to its end (the task's body); never raises."""
    started = time.perf_counter()
    _set(simulation, status=SimulationStatus.RUNNING, progress=1)
    try:
        if snapshot is None:
            snapshot, checksum = candidate_snapshot()
            if checksum != simulation.checksum:
                raise SimulationError(
                    _(
                        "Le contenu de la prochaine version a changé depuis le "
                        "lancement : relancez la simulation."
                    )
                )
        summary = simulate_snapshot(
            snapshot,
            learners=simulation.learners,
            seed=simulation.seed,
            progress=lambda percent: _set(simulation, progress=max(percent, 1)),
        )
    except Exception as error:
        logger.exception("Release simulation %s failed", simulation.pk)
        _set(
            simulation,
            status=SimulationStatus.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
        return simulation
    _set(
        simulation,
        status=SimulationStatus.DONE,
        progress=100,
        summary=summary,
        blocking=bool(summary["blocking"]),
        seconds=round(time.perf_counter() - started, 2),
        finished_at=timezone.now(),
    )
    return simulation
