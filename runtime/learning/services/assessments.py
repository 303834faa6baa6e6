"""Writes of a learner's tests: serve, answer, checkpoint (starts and resets
are in starts.py).

Services that take an assessment act for its owner: views and the API load it
only for ``request.user`` (access.py, the API's ``_own_assessment``)."""

import math
import random

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from runtime.domain import inference
from runtime.domain.answer_checking import check, is_blank_answer
from runtime.domain.release_contract import Challenge
from runtime.enums import (
    AssessmentKind,
    AssessmentState,
    KnowledgeStatus,
    PositioningAlgorithm,
)
from runtime.models import Answer, Assessment, KnowledgeElement
from runtime.release_index import release_index

from ..step_store import Learnt, step_store
from . import irt_delivery
from .errors import BlankAnswerError, LearningError
from .irt_delivery import Step
from .starts import _kept_answers


def assessment_scope(assessment, index) -> inference.Scope:
    """Return what the assessment tests: its competence, or a campaign's skills."""
    if assessment.kind == AssessmentKind.CAMPAIGN:
        return index.skills_scope(tuple(assessment.scope))
    return index.scope(assessment.competence)


def _kept(assessment, now) -> list[inference.Answer]:
    """Return the earlier results an improvement keeps, as fixed at its start."""
    if assessment.kept_results is None:  # started before they were recorded
        return _kept_answers(assessment.user, assessment.competence, now)
    return [
        inference.Answer("", skill, result) for skill, result in assessment.kept_results
    ]


def _history(assessment) -> list[Step]:
    """Return the assessment's answers, in order, trial ones included."""
    return irt_delivery.history_steps(assessment.history)


def answer_count(assessment) -> int:
    """Return how many answers the assessment has, without a query when it can.

    ``history`` is written with each answer, in the same statement; a test
    started before it was recorded has none, and its answers are counted.
    """
    return len(assessment.history) or assessment.answers.count()


def checkpoint_due(assessment, answer_count: int) -> bool:
    """Return True when the learner must see a checkpoint before going on.

    Every 5 answers; and once the test is over, a final one with the
    corrections of the answers no checkpoint has shown yet.
    """
    if assessment.state == AssessmentState.COMPLETED:
        return answer_count > assessment.checkpoints_seen * settings.CHECKPOINT_EVERY
    return answer_count // settings.CHECKPOINT_EVERY > assessment.checkpoints_seen


def _baseline(assessment, now) -> list[inference.Answer]:
    """Return the earlier results the test keeps (an improvement's, a campaign's)."""
    if assessment.is_improvement or assessment.kind == AssessmentKind.CAMPAIGN:
        return _kept(assessment, now)
    return []


def _choose_next(assessment, steps, now) -> tuple[str, bool] | None:
    """Return (next challenge, is trial) by the test's algorithm, or None at the end.

    ``steps``: the test's answers, trial ones included.
    """
    index = release_index(assessment.release_id)
    scope = assessment_scope(assessment, index)
    kept = _baseline(assessment, now)
    if assessment.algorithm == PositioningAlgorithm.IRT:
        return irt_delivery.irt_next(assessment, index, scope, steps, kept)
    history = kept + irt_delivery.scored(steps)
    trial = irt_delivery.trial_next(assessment, index, scope, steps, history)
    if trial is not None:
        return trial, True
    chosen = inference.next_challenge(
        skills=scope,
        answers=history,
        locale=assessment.locale,
        seen_challenge_ids={*assessment.seen_before, *(s[0] for s in steps)},
        rng=random.Random(f"{assessment.pk}:{len(steps)}"),  # noqa: S311 - not security
    )
    return None if chosen is None else (chosen, False)


def assessment_next_challenge(
    assessment, *, answers=None, now=None
) -> Challenge | None:
    """Return the challenge to show (the same one until answered), or None at the end.

    The choice is seeded by the assessment id and the answer count, so a refresh
    or a second tab is served the same challenge.
    """
    index = release_index(assessment.release_id)
    if assessment.current_challenge:
        return index.challenges[assessment.current_challenge]
    now = now or timezone.now()
    answers = _history(assessment) if answers is None else answers
    choice = _choose_next(assessment, answers, now)
    if choice is None:
        return None
    chosen, trial = choice
    asked_at = _asked_at(index, chosen, now)
    claimed = Assessment.objects.filter(pk=assessment.pk, current_challenge="").update(
        current_challenge=chosen, current_asked_at=asked_at, current_trial=trial
    )
    if claimed:
        assessment.current_challenge, assessment.current_asked_at = chosen, asked_at
        assessment.current_trial = trial
    else:  # another tab chose first: serve the same challenge as that tab
        assessment.refresh_from_db(
            fields=["current_challenge", "current_asked_at", "current_trial"]
        )
    return index.challenges[assessment.current_challenge]


def _asked_at(index, challenge_id: str, now):
    """Return when a newly chosen challenge's time starts: now, or None when timed.

    A timed challenge's clock starts when the learner, warned of the time they
    will have, asks for it (``timed_challenge_start``).
    """
    return None if index.challenges[challenge_id].timer else now


def timed_challenge_start(assessment, *, now=None) -> None:
    """Start the clock of the current timed challenge, once (a reload keeps it)."""
    if not assessment.current_challenge or assessment.current_asked_at is not None:
        return
    now = now or timezone.now()
    started = Assessment.objects.filter(
        pk=assessment.pk,
        state=AssessmentState.STARTED,
        current_challenge=assessment.current_challenge,
        current_asked_at__isnull=True,
    ).update(current_asked_at=now)
    if started:
        assessment.current_asked_at = now
    else:  # another tab started it, or answered it
        assessment.refresh_from_db(fields=["current_challenge", "current_asked_at"])


def remaining_seconds(assessment, challenge, *, now=None) -> int | None:
    """Return the whole seconds left on a timed challenge (0 once over), else None.

    None too while its clock has not started.
    """
    if not challenge.timer or assessment.current_asked_at is None:
        return None
    elapsed = ((now or timezone.now()) - assessment.current_asked_at).total_seconds()
    return max(0, math.ceil(challenge.timer - elapsed))


def assessment_step(assessment, answers=None) -> tuple[str, Challenge | None, int]:
    """Return what comes now: ("challenge", it, n), ("checkpoint", None, n) or the end.

    The learner pages and the API both follow this, so they serve the same
    challenge and the same checkpoints; n is the number of answers so far.
    """
    if assessment.state == AssessmentState.COMPLETED:
        count = len(answers) if answers is not None else answer_count(assessment)
        if checkpoint_due(assessment, count):  # the final one, before the result
            return "checkpoint", None, count
        return "completed", None, count
    count = len(assessment.history) if answers is None else len(answers)
    if checkpoint_due(assessment, count):
        return "checkpoint", None, count
    challenge = assessment_next_challenge(assessment, answers=answers)
    if challenge is None:
        assessment_complete(assessment)
        return assessment_step(assessment, answers)
    return "challenge", challenge, count


def assessment_complete(assessment, *, now=None) -> None:
    """End the test; an IRT one infers the skills no answer decided, once."""
    now = now or timezone.now()
    if assessment.algorithm != PositioningAlgorithm.IRT:
        Assessment.objects.filter(pk=assessment.pk).update(
            state=AssessmentState.COMPLETED, completed_at=now
        )
        assessment.state = AssessmentState.COMPLETED
        return
    index = release_index(assessment.release_id)
    knowledge, changes = _irt_end(assessment, index, _history(assessment), now)
    with transaction.atomic():
        ended = Assessment.objects.filter(
            pk=assessment.pk, state=AssessmentState.STARTED
        ).update(state=AssessmentState.COMPLETED, completed_at=now, **changes)
        if ended:
            KnowledgeElement.objects.bulk_create(
                KnowledgeElement(
                    user_id=assessment.user_id,
                    assessment=assessment,
                    skill=element.skill,
                    competence=element.competence,
                    status=element.status,
                    direct=False,
                    pix=element.pix,
                )
                for element in knowledge
            )
    assessment.refresh_from_db()


def _irt_end(assessment, index, steps, now) -> tuple[list[Learnt], dict]:
    return irt_delivery.irt_end(
        index, assessment_scope(assessment, index), steps, _baseline(assessment, now)
    )


def answer_record(
    *,
    assessment: Assessment,
    challenge_id: str,
    value,
    skipped: bool = False,
    focus_lost: bool = False,
    now=None,
) -> Answer:
    """Record an answer once: a double submit returns the answer already stored."""
    now = now or timezone.now()
    steps = _history(assessment)
    if any(step.challenge_id == challenge_id for step in steps):
        return Answer.objects.get(assessment=assessment, challenge=challenge_id)
    if assessment.state != AssessmentState.STARTED:
        raise LearningError(_("Ce test est terminé."))
    if challenge_id != assessment.current_challenge:
        raise LearningError(_("Cette épreuve n'est plus celle en cours."))
    index = release_index(assessment.release_id)
    challenge = index.challenges[challenge_id]
    # A timed challenge whose clock never started was answered unseen.
    asked_at = assessment.current_asked_at or now
    elapsed = (now - asked_at).total_seconds()
    out_of_time = bool(challenge.timer) and elapsed > challenge.timer
    if not (skipped or focus_lost or out_of_time) and is_blank_answer(value):
        raise BlankAnswerError(_("Sélectionnez une réponse ou passez la question."))
    result = check(
        challenge.spec,
        None if skipped else value,
        elapsed_seconds=elapsed,
        focus_lost=focus_lost,
    )
    answer = Answer(
        assessment=assessment,
        release_id=assessment.release_id,
        challenge=challenge_id,
        skill=challenge.skill,
        value=None if skipped else value,
        result=result,
        elapsed_seconds=elapsed,
        focus_lost=focus_lost,
        timed=bool(challenge.timer),
        trial=assessment.current_trial,
    )
    all_steps = [*steps, Step(challenge_id, answer.skill, result, answer.trial)]
    knowledge = (
        []  # a trial answer teaches nothing about the learner
        if answer.trial
        else _new_knowledge(assessment, irt_delivery.scored(all_steps), index)
    )
    changes = _advance(assessment, all_steps, now)
    if (
        changes["state"] == AssessmentState.COMPLETED
        and assessment.algorithm == PositioningAlgorithm.IRT
    ):
        # The skills no answer decided, inferred from the ability.
        ending, estimate = _irt_end(assessment, index, all_steps, now)
        knowledge = knowledge + ending
        changes.update(estimate)
    try:
        stored = step_store(
            assessment, answer, knowledge, changes, now=now, expected=challenge_id
        )
    except IntegrityError:  # the same answer was recorded by a concurrent submit
        stored = False
    if not stored:  # another tab answered first: take what it recorded
        assessment.refresh_from_db()
        existing = Answer.objects.filter(
            assessment=assessment, challenge=challenge_id
        ).first()
        if existing is not None:
            return existing
        if assessment.state != AssessmentState.STARTED:
            raise LearningError(_("Ce test est terminé."))
        raise LearningError(_("Cette épreuve n'est plus celle en cours."))
    for name, change in changes.items():
        setattr(assessment, name, change)
    return answer


def _advance(assessment, steps, now) -> dict:
    """Return the assessment's changes: the next challenge, the end, or a checkpoint.

    They are written with the answer. At a checkpoint nothing is chosen yet, so
    no timer runs while the learner reads the corrections.
    """
    changes = {
        "current_challenge": "",
        "current_asked_at": None,
        "current_trial": False,
        "history": irt_delivery.history_entries(steps),
        "state": AssessmentState.STARTED,
        "completed_at": None,
        "ability": None,
        "ability_error": None,
        "estimated_level": None,
    }
    if not checkpoint_due(assessment, len(steps)):
        choice = _choose_next(assessment, steps, now)
        if choice:
            chosen, trial = choice
            index = release_index(assessment.release_id)
            asked_at = _asked_at(index, chosen, now)
            changes.update(
                current_challenge=chosen, current_asked_at=asked_at, current_trial=trial
            )
        else:
            changes.update(state=AssessmentState.COMPLETED, completed_at=now)
    return changes


def _new_knowledge(assessment, all_answers, index) -> list[Learnt]:
    """Return the direct result and what it lets us infer in the tube, unsaved.

    ``step_store`` links the direct one to the answer.
    """
    before, after = inference.knowledge_before_and_after(
        assessment_scope(assessment, index), list(all_answers)
    )
    return [
        Learnt(
            skill=skill,
            competence=index.competence_of_skill(skill),
            status=KnowledgeStatus.VALIDATED
            if element.validated
            else KnowledgeStatus.INVALIDATED,
            direct=element.direct,
            pix=index.skills[skill].pix,
        )
        for skill, element in after.items()
        if skill not in before
    ]


def checkpoint_acknowledge(assessment, *, answer_count: int) -> None:
    """Mark the checkpoint for the answers so far as seen.

    Once the test is over, the final checkpoint covers the answers left, so
    the count is rounded up: every answer has then been shown corrected.
    """
    every = settings.CHECKPOINT_EVERY
    if assessment.state == AssessmentState.COMPLETED:
        seen = -(-answer_count // every)
    else:
        seen = answer_count // every
    Assessment.objects.filter(pk=assessment.pk).update(checkpoints_seen=seen)
    assessment.checkpoints_seen = seen
