"""The release gate: simulate the candidate release, find the simulation of it.

What is simulated and what blocks is said in preview/simulation_run.py.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from authoring.permissions import can_publish_release
from runtime.domain import release_contract as contract
from runtime.permissions import require

from .models import ReleaseSimulation, SimulationStatus
from .simulation_run import (
    BLOCKING,
    DEFAULT_LEARNERS,
    INLINE_WORK,
    PROBLEM_LABELS,
    SimulationError,
    candidate_snapshot,
    check_options,
    simulation_execute,
)
from .tasks import simulate_release


def release_simulation_start(
    *, user=None, learners=DEFAULT_LEARNERS, seed=0, trusted: bool = False
) -> ReleaseSimulation:
    """Simulate the candidate release: at once when small, else in the task."""
    require(can_publish_release, user, trusted=trusted)
    learners, seed = check_options(learners, seed)
    snapshot, checksum = candidate_snapshot()
    if not snapshot.challenges:
        raise SimulationError(_("Aucune épreuve validée : rien à simuler."))
    simulation = ReleaseSimulation.objects.create(
        checksum=checksum,
        learners=learners,
        seed=seed,
        created_by=user if getattr(user, "pk", None) else None,
    )
    if learners * len(snapshot.challenges) <= INLINE_WORK:
        return simulation_execute(simulation, snapshot=snapshot)
    transaction.on_commit(lambda: simulate_release.enqueue(simulation.pk))
    return simulation


def release_gate(
    *, snapshot: contract.Snapshot, checksum: str, user=None
) -> ReleaseSimulation:
    """Return the simulation that speaks for this content, running one if none.

    The latest done simulation of the same checksum counts; without one, the
    default simulation runs now (about a second of CPU on the demo bank).
    """
    found = latest_simulation(checksum, done=True)
    if found is not None:
        return found
    simulation = ReleaseSimulation.objects.create(
        checksum=checksum,
        learners=DEFAULT_LEARNERS,
        seed=0,
        created_by=user if getattr(user, "pk", None) else None,
    )
    return simulation_execute(simulation, snapshot=snapshot)


# -- selectors


def latest_simulation(checksum: str, *, done: bool = False) -> ReleaseSimulation | None:
    """Return the latest simulation of this content (only done ones if asked)."""
    found = ReleaseSimulation.objects.filter(checksum=checksum)
    if done:
        found = found.filter(status=SimulationStatus.DONE)
    return found.order_by("-created_at", "-id").first()


def problem_labels(codes: list[str]) -> list[dict]:
    """Return problems as the page shows them: label and whether it blocks."""
    return [
        {
            "code": code,
            "label": str(PROBLEM_LABELS.get(code, code)),
            "blocking": code in BLOCKING,
        }
        for code in codes
    ]
