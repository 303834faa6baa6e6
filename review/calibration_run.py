"""Executing a calibration run: read the answers, calibrate, store the results.

The body of the ``review.tasks.calibrate`` task and of ``manage.py calibrate``
(see review/calibration.py for starting and accepting runs).
"""

import logging
import time
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone

from authoring.models import Challenge
from runtime.enums import AnswerResult
from runtime.models import Answer

from .domain import calibration as domain
from .models import CalibrationResult, CalibrationRun, CalibrationStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnswerData:
    """Answers as index arrays, and what the indexes stand for."""

    learner_index: np.ndarray
    item_index: np.ndarray
    correct: np.ndarray
    challenges: list  # Challenge per item index
    releases: list[int]


def read_answers() -> AnswerData:
    """Return every recorded answer of a challenge still in the workshop."""
    pks_by_uid = dict(Challenge.objects.values_list("uid", "pk"))
    rows = Answer.objects.values_list(
        "assessment_id", "challenge", "result", "release__number"
    ).order_by("id")
    learners: dict[int, int] = {}
    items: dict[str, int] = {}
    learner_index, item_index, correct = [], [], []
    releases = set()
    for assessment, uid, result, release in rows.iterator(chunk_size=5000):
        if uid not in pks_by_uid:
            continue
        learner_index.append(learners.setdefault(assessment, len(learners)))
        item_index.append(items.setdefault(uid, len(items)))
        correct.append(1 if result == AnswerResult.OK else 0)
        releases.add(release)
    challenges = Challenge.objects.select_related("skill", "prototype").in_bulk(
        [pks_by_uid[uid] for uid in items]
    )
    return AnswerData(
        learner_index=np.array(learner_index, dtype=np.int64),
        item_index=np.array(item_index, dtype=np.int64),
        correct=np.array(correct, dtype=np.int8),
        challenges=[challenges[pks_by_uid[uid]] for uid in items],
        releases=sorted(releases),
    )


def _previous(run, challenges, status_filter) -> domain.Calibration | None:
    """Return the latest other run matching ``status_filter`` on these items."""
    previous = (
        CalibrationRun.objects.filter(**status_filter)
        .exclude(pk=run.pk)
        .order_by("-created_at", "-id")
        .first()
    )
    if previous is None:
        return None
    results = {r.challenge_id: r for r in previous.results.all()}
    n = len(challenges)
    values = {
        name: np.full(n, np.nan)
        for name in ("difficulty", "discrimination", "difficulty_se")
    }
    answers = np.zeros(n, dtype=int)
    for number, challenge in enumerate(challenges):
        result = results.get(challenge.pk)
        if result is None:
            continue
        for name, array in values.items():
            value = getattr(result, name)
            array[number] = np.nan if value is None else value
        answers[number] = result.answers
    return domain.Calibration(
        difficulty=values["difficulty"],
        discrimination=values["discrimination"],
        difficulty_se=values["difficulty_se"],
        discrimination_se=np.full(n, np.nan),
        answers=answers,
        ability=np.array([]),
        converged=True,
        iterations=0,
        log_likelihood=0.0,
    )


def _set(run: CalibrationRun, **fields) -> None:
    for name, value in fields.items():
        setattr(run, name, value)
    run.save(update_fields=list(fields))


def calibration_run_execute(run: CalibrationRun) -> CalibrationRun:
    """Run a queued calibration to its end (the task's body); never raises."""
    started = time.perf_counter()
    _set(run, status=CalibrationStatus.RUNNING, started_at=timezone.now(), progress=5)
    try:
        data = read_answers()
        _set(
            run,
            progress=40,
            answers=len(data.correct),
            learners=int(np.unique(data.learner_index).size),
            releases=data.releases,
        )
        n = len(data.challenges)
        warm = _previous(run, data.challenges, {"status": CalibrationStatus.DONE})
        fitted = domain.calibrate_2pl(
            data.learner_index,
            data.item_index,
            data.correct,
            n_items=n,
            start=warm,
        )
        _set(run, progress=80)
        statistics = domain.item_statistics(
            data.learner_index,
            data.item_index,
            data.correct,
            fitted.ability,
            n_items=n,
        )
        number_of = {c.pk: number for number, c in enumerate(data.challenges)}
        flags = domain.item_flags(
            fitted,
            statistics,
            levels=[c.skill.level for c in data.challenges],
            prototypes=[number_of.get(c.prototype_id, -1) for c in data.challenges],
            previous=_previous(
                run,
                data.challenges,
                {"status": CalibrationStatus.DONE, "accepted_at__isnull": False},
            ),
        )
        _store(run, data, fitted, statistics, flags, started)
    except Exception as error:
        logger.exception("Calibration run %s failed", run.pk)
        _set(
            run,
            status=CalibrationStatus.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
    return run


def _number(value) -> float | None:
    return float(value) if np.isfinite(value) else None


@transaction.atomic
def _store(run, data, fitted, statistics, flags, started) -> None:
    CalibrationResult.objects.bulk_create(
        CalibrationResult(
            run=run,
            challenge=challenge,
            difficulty=_number(fitted.difficulty[number]),
            discrimination=_number(fitted.discrimination[number]),
            difficulty_se=_number(fitted.difficulty_se[number]),
            discrimination_se=_number(fitted.discrimination_se[number]),
            answers=int(fitted.answers[number]),
            success_rate=_number(statistics.success_rate[number]),
            point_biserial=_number(statistics.point_biserial[number]),
            mean_ability=_number(statistics.mean_ability[number]),
            flags=list(flags[number]),
        )
        for number, challenge in enumerate(data.challenges)
    )
    _set(
        run,
        status=CalibrationStatus.DONE,
        progress=100,
        challenges=len(data.challenges),
        iterations=fitted.iterations,
        converged=fitted.converged,
        seconds=round(time.perf_counter() - started, 2),
        finished_at=timezone.now(),
    )
