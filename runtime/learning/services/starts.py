"""Starts of a learner's tests, and resets: a competence's test (first or an
improvement), a campaign's test, a competence reset.

Serving, answering and checkpoints are in assessments.py."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from runtime.domain import inference, scoring
from runtime.enums import (
    AssessmentKind,
    AssessmentState,
    KnowledgeStatus,
    PositioningAlgorithm,
)
from runtime.models import Answer, Assessment, KnowledgeElement
from runtime.permissions import require
from runtime.release_index import current_release_index

from ..permissions import can_take_assessment
from ..selectors import current_knowledge, earned_by_competence
from . import irt_delivery
from .errors import LearningError


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
