"""Writes of a learner's tests: start, serve, answer, checkpoint, reset.

Services that take an assessment act for its owner: views and the API load it
only for ``request.user`` (access.py, the API's ``_own_assessment``)."""

import datetime
import math
import random

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from runtime.domain import inference, scoring
from runtime.domain.answer_checking import check, is_blank_answer
from runtime.domain.release_contract import Challenge
from runtime.enums import (
    AssessmentKind,
    AssessmentState,
    KnowledgeStatus,
    PositioningAlgorithm,
)
from runtime.models import Answer, Assessment, KnowledgeElement
from runtime.permissions import require
from runtime.release_index import current_release_index, release_index

from ..permissions import can_take_assessment
from ..selectors import current_knowledge, earned_by_competence
from ..step_store import Learnt, step_store
from . import irt_delivery
from .errors import BlankAnswerError, LearningError
from .irt_delivery import Step


def _kept_answers(user, competence: str, now) -> list[inference.Answer]:
    """Return earlier direct results an improvement keeps (validated, or recent)."""
    delay = datetime.timedelta(days=settings.IMPROVE_DELAY_DAYS)
    knowledge = current_knowledge(user)
    kept = []
    for element in knowledge.values():
        if element.competence != competence or not element.direct:
            continue
        validated = element.status == KnowledgeStatus.VALIDATED
        if element.status != KnowledgeStatus.RESET and (
            validated or now - element.created_at < delay
        ):
            result = "ok" if validated else "ko"
            kept.append(inference.Answer("", element.skill, result))
    return kept


def challenges_seen(user) -> list[str]:
    """Return the ids of the challenges the learner answered in any test, sorted.

    Read from the histories of the learner's assessments (found by the
    index on their user), not by joining the answers to them: without table
    statistics PostgreSQL may scan every answer of every learner for that
    join. Only the answers of a test with no history (started before it was
    recorded, or not answered yet) are read, by their assessment's index.
    """
    seen, unrecorded = set(), []
    for assessment_id, history in Assessment.objects.filter(user=user).values_list(
        "id", "history"
    ):
        if history:
            seen.update(entry[0] for entry in history)
        else:
            unrecorded.append(assessment_id)
    if unrecorded:
        seen.update(
            Answer.objects.filter(assessment_id__in=unrecorded).values_list(
                "challenge", flat=True
            )
        )
    return sorted(seen)


@transaction.atomic
def assessment_start(
    *, user, competence: str, now=None, trusted: bool = False
) -> Assessment:
    """Start (or resume) a positioning test on a competence."""
    require(can_take_assessment, user, trusted=trusted)
    now = now or timezone.now()
    open_assessment = Assessment.objects.filter(
        user=user, competence=competence, state=AssessmentState.STARTED
    ).first()
    if open_assessment:
        return open_assessment
    index = current_release_index()
    if index is None or competence not in index.skills_by_competence:
        raise LearningError(_("Cette compétence n'a pas encore de test disponible."))
    improving = (
        KnowledgeElement.objects.filter(user=user, competence=competence)
        .exclude(status=KnowledgeStatus.RESET)
        .exists()
    )
    if improving:
        _refuse_early_improvement(user, competence, now)
    seen_before = challenges_seen(user)
    kept = _kept_answers(user, competence, now) if improving else []
    return Assessment.objects.create(
        user=user,
        competence=competence,
        release_id=index.release_id,
        is_improvement=improving,
        seen_before=seen_before,
        kept_results=[[answer.skill_id, answer.result] for answer in kept],
    )


@transaction.atomic
def campaign_assessment_start(
    *, user, skills: list[str], title: str, keep_failed: bool = True, now=None,
    algorithm: str = PositioningAlgorithm.INFERENCE, trusted: bool = False,
) -> Assessment:  # fmt: skip
    """Start a test on a campaign's target skills, across competences.

    The same adaptive test as a competence's, on another scope. What the
    learner already showed counts, as in an improvement: their current
    results on these skills (answered or inferred, in any test) are its
    baseline, validated ones always, failed ones only within the improvement
    delay (older failures are asked again); its answers count in the profile
    in turn. A retry passes ``keep_failed=False``: every failure is asked again.
    ``algorithm``: the campaign's; IRT on a release not calibrated enough for
    these skills falls back to the inference, and the test keeps why.
    """
    require(can_take_assessment, user, trusted=trusted)
    now = now or timezone.now()
    recent = now - datetime.timedelta(days=settings.IMPROVE_DELAY_DAYS)
    index = current_release_index()
    scope = [skill for skill in skills if index and skill in index.skills]
    if not scope:
        raise LearningError(_("Cette campagne n'a pas encore de test disponible."))
    targeted = set(scope)
    baseline = [
        [element.skill, "ok" if element.status == KnowledgeStatus.VALIDATED else "ko"]
        for element in current_knowledge(user).values()
        if element.skill in targeted
        and (
            element.status == KnowledgeStatus.VALIDATED
            or (
                keep_failed
                and element.status == KnowledgeStatus.INVALIDATED
                and element.created_at > recent
            )
        )
    ]
    seen_before = challenges_seen(user)
    note = ""
    if algorithm == PositioningAlgorithm.IRT:
        note = irt_delivery.unavailable_reason(index, scope) or ""
        if note:
            algorithm = PositioningAlgorithm.INFERENCE
    return Assessment.objects.create(
        user=user,
        kind=AssessmentKind.CAMPAIGN,
        scope=scope,
        title=title[:200],
        release_id=index.release_id,
        algorithm=algorithm,
        algorithm_note=note,
        seen_before=seen_before,
        kept_results=baseline,
    )


def assessment_scope(assessment, index) -> inference.Scope:
    """Return what the assessment tests: its competence, or a campaign's skills."""
    if assessment.kind == AssessmentKind.CAMPAIGN:
        return index.skills_scope(tuple(assessment.scope))
    return index.scope(assessment.competence)


def _refuse_early_improvement(user, competence: str, now) -> None:
    """Raise LearningError unless the competence may be improved now.

    The profile's buttons follow the same rule (scoring.can_improve); checked
    here, it also holds for the API and for a form posted by hand.
    """
    current = current_knowledge(user)
    knowledge = [
        element
        for element in current.values()
        if element.competence == competence and element.status != KnowledgeStatus.RESET
    ]
    if not knowledge:  # every skill reset since: a fresh start
        return
    level = scoring.competence_score(
        earned_by_competence(current)[competence],
        max_level=settings.MAX_REACHABLE_LEVEL,
    ).level
    last = max(element.created_at for element in knowledge)
    delay = datetime.timedelta(days=settings.IMPROVE_DELAY_DAYS)
    if scoring.can_improve(
        last_answer_at=last,
        now=now,
        level=level,
        max_level=settings.MAX_REACHABLE_LEVEL,
        delay=delay,
    ):
        return
    if level >= settings.MAX_REACHABLE_LEVEL:
        raise LearningError(
            _("Vous avez atteint le niveau maximal de cette compétence.")
        )
    days = scoring.days_until_improvement(last_answer_at=last, now=now, delay=delay)
    raise LearningError(
        ngettext(
            "Vous pourrez améliorer cette compétence dans %(days)d jour.",
            "Vous pourrez améliorer cette compétence dans %(days)d jours.",
            days,
        )
        % {"days": days}
    )


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


@transaction.atomic
def competence_reset(*, user, competence: str, now=None, trusted: bool = False) -> int:
    """Reset a competence 7 days after its last answer; answers are kept."""
    require(can_take_assessment, user, trusted=trusted)
    now = now or timezone.now()
    knowledge = [
        element
        for element in current_knowledge(user).values()
        if element.competence == competence and element.status != KnowledgeStatus.RESET
    ]
    last = max((element.created_at for element in knowledge), default=None)
    delay = datetime.timedelta(days=settings.RESET_DELAY_DAYS)
    if not scoring.can_reset(last_answer_at=last, now=now, delay=delay):
        raise LearningError(
            _("Cette compétence ne peut pas encore être remise à zéro.")
        )
    Assessment.objects.filter(
        user=user, competence=competence, state=AssessmentState.STARTED
    ).update(state=AssessmentState.COMPLETED, completed_at=now)
    KnowledgeElement.objects.bulk_create(
        KnowledgeElement(
            user=user,
            assessment_id=element.assessment_id,
            skill=element.skill,
            competence=competence,
            status=KnowledgeStatus.RESET,
            direct=False,
            pix=0,
        )
        for element in knowledge
    )
    return len(knowledge)
