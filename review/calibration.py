"""Calibration runs: read learners' answers, calibrate, store, accept.

A run reads every recorded answer (runtime ``Answer`` rows of the current and
past releases), maps each to its challenge by uid, and calibrates the 2PL
parameters with review.domain.calibration (warm-started from the latest done
run). Each test (assessment) is one learner: an ability per test, since a
learner's level may change between tests. A skipped, timed-out or abandoned
answer counts as wrong, as it does for the learner's result.

It stores, per challenge that has answers, its parameters, classical
statistics and flags; then a validator accepts the run, and the next release
carries the latest accepted parameters (``accepted_parameters``).

``calibration_run_start`` creates a run and enqueues ``review.tasks.calibrate``
(django-tasks: a worker runs it; with the immediate backend of development
it runs at once); ``manage.py calibrate`` runs one in the foreground.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from runtime.permissions import require

from .domain import calibration as domain
from .models import CalibrationResult, CalibrationRun, CalibrationStatus
from .permissions import can_accept_calibration, can_calibrate
from .tasks import calibrate

FLAG_LABELS = {
    domain.TOO_EASY: gettext_lazy("Trop facile pour son niveau"),
    domain.TOO_HARD: gettext_lazy("Trop difficile pour son niveau"),
    domain.LOW_DISCRIMINATION: gettext_lazy("Discrimine peu"),
    domain.NEGATIVE_DISCRIMINATION: gettext_lazy("Discrimination négative"),
    domain.INSUFFICIENT_DATA: gettext_lazy("Trop peu de réponses"),
    domain.DECLINAISON_GAP: gettext_lazy("Déclinaison éloignée de son prototype"),
    domain.DRIFT: gettext_lazy("Dérive depuis la calibration précédente"),
}
"""Reviewers' wording of each flag (the labels are translated when shown)."""

REVIEW_FLAGS = frozenset(FLAG_LABELS) - {domain.INSUFFICIENT_DATA}
"""Flags that ask for a reviewer's look (too few answers asks for patience)."""


class CalibrationError(Exception):
    """The calibration action is not possible now."""


def flag_label(code: str) -> str:
    """Return the translated label of a flag code."""
    return str(FLAG_LABELS.get(code, code))


# -- services


def calibration_run_start(*, user=None, trusted: bool = False) -> CalibrationRun:
    """Create a run and enqueue its task; refuse while another one is pending."""
    require(can_calibrate, user, trusted=trusted)
    with transaction.atomic():
        pending = CalibrationRun.objects.select_for_update().filter(
            status__in=[CalibrationStatus.QUEUED, CalibrationStatus.RUNNING]
        )
        if pending.exists():
            raise CalibrationError(
                _("Une calibration est déjà en cours : attendez qu'elle se termine.")
            )
        run = CalibrationRun.objects.create(created_by=user)
    transaction.on_commit(lambda: calibrate.enqueue(run.pk))
    return run


def calibration_run_accept(run: CalibrationRun, *, user=None, trusted=False) -> None:
    """Accept a done run: the next release carries its parameters."""
    require(can_accept_calibration, user, trusted=trusted)
    with transaction.atomic():
        run = CalibrationRun.objects.select_for_update().get(pk=run.pk)
        if run.status != CalibrationStatus.DONE:
            raise CalibrationError(
                _("Seule une calibration terminée peut être acceptée.")
            )
        if run.accepted:
            raise CalibrationError(_("Cette calibration est déjà acceptée."))
        run.accepted_at = timezone.now()
        run.accepted_by = user
        run.save(update_fields=["accepted_at", "accepted_by"])


# -- selectors


def latest_accepted_run() -> CalibrationRun | None:
    return (
        CalibrationRun.objects.filter(
            status=CalibrationStatus.DONE, accepted_at__isnull=False
        )
        .order_by("-accepted_at", "-id")
        .first()
    )


def accepted_parameters() -> dict[int, CalibrationResult]:
    """Return {challenge pk: result} of the latest accepted run, for releases.

    Only challenges with enough answers (FlagRules.min_answers) and finite
    parameters: a sparse estimate stays out of learners' tests.
    """
    run = latest_accepted_run()
    if run is None:
        return {}
    results = run.results.filter(
        answers__gte=domain.FlagRules().min_answers,
        difficulty__isnull=False,
        discrimination__isnull=False,
    )
    return {result.challenge_id: result for result in results}


def challenge_history(challenge) -> list[CalibrationResult]:
    """Return the challenge's results over done runs, newest first."""
    return list(
        CalibrationResult.objects.filter(
            challenge=challenge, run__status=CalibrationStatus.DONE
        )
        .select_related("run")
        .order_by("-run__created_at", "-run_id")
    )


def calibration_flags(limit: int = 50) -> list[dict]:
    """Return the latest done run's flagged challenges, labels translated."""
    return [
        {"result": result, "flags": [flag_label(code) for code in result.flags]}
        for result in flagged_results(limit)
    ]


def flagged_results(limit: int = 50) -> list[CalibrationResult]:
    """Return the latest done run's results with a flag for reviewers."""
    run = (
        CalibrationRun.objects.filter(status=CalibrationStatus.DONE)
        .order_by("-created_at", "-id")
        .first()
    )
    if run is None:
        return []
    results = run.results.select_related("challenge", "challenge__skill").order_by(
        "challenge__uid"
    )
    return [r for r in results if set(r.flags) & REVIEW_FLAGS][:limit]


# -- presentation


ICC_WIDTH, ICC_HEIGHT, ICC_RANGE = 320, 160, 4.0


def icc_figure(result: CalibrationResult, level: int | None) -> dict | None:
    """Return the item characteristic curve's SVG geometry, or None.

    The curve P(θ) over θ in [-4, 4], the level's expected band of
    difficulty (FlagRules.level_band) and b with ±2 standard errors at P = 0.5.
    """
    if result is None or result.difficulty is None or result.discrimination is None:
        return None
    import math

    def x(theta: float) -> float:
        theta = max(-ICC_RANGE, min(ICC_RANGE, theta))
        return round((theta + ICC_RANGE) / (2 * ICC_RANGE) * ICC_WIDTH, 1)

    def y(p: float) -> float:
        return round((1 - p) * ICC_HEIGHT, 1)

    b, a = result.difficulty, result.discrimination
    points = []
    for step in range(81):
        theta = -ICC_RANGE + step * (2 * ICC_RANGE) / 80
        p = 1 / (1 + math.exp(-a * (theta - b)))
        points.append(f"{x(theta)},{y(p)}")
    figure = {
        "width": ICC_WIDTH,
        "height": ICC_HEIGHT,
        "path": "M" + " L".join(points),
        "b_x": x(b),
        "mid_y": y(0.5),
        "band": None,
        "error": None,
    }
    if result.difficulty_se is not None:
        figure["error"] = (
            x(b - 2 * result.difficulty_se),
            x(b + 2 * result.difficulty_se),
        )
    if level:
        low, high = domain.FlagRules().level_band(level)
        figure["band"] = (x(low), x(high) - x(low))
    figure["ticks"] = [(x(t), t) for t in range(-4, 5, 2)]
    return figure
