"""Reads for learners: the profile, the state of an assessment."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from runtime.domain import scoring
from runtime.enums import AssessmentKind, AssessmentState, KnowledgeStatus
from runtime.models import Assessment, KnowledgeElement, TutorialBookmark


@dataclass(frozen=True)
class CompetenceProfile:
    code: str
    title: str
    area: str
    area_title: str
    pix: int
    level: int
    tested: bool
    open_assessment: int | None
    last_answer_at: datetime.datetime | None
    can_improve: bool
    can_reset: bool
    actions: tuple[str, ...]
    # Whole days before "Améliorer" appears; None when it needs no wait.
    improve_in_days: int | None = None


def current_knowledge(user) -> dict[str, KnowledgeElement]:
    """Return the latest knowledge element per skill, resets included."""
    latest: dict[str, KnowledgeElement] = {}
    for element in KnowledgeElement.objects.filter(user=user).order_by("id"):
        latest[element.skill] = element
    return latest


def earned_by_competence(knowledge: dict[str, KnowledgeElement]) -> dict[str, float]:
    earned: dict[str, float] = defaultdict(float)
    for element in knowledge.values():
        if element.status == KnowledgeStatus.VALIDATED:
            earned[element.competence] += element.pix
    return earned


def learner_profile(user, index, *, now=None) -> list[CompetenceProfile]:
    """Return the 16 competences with pix, level and the actions available."""
    now = now or timezone.now()
    knowledge = current_knowledge(user)
    earned = earned_by_competence(knowledge)
    tested, last = set(), {}
    for element in knowledge.values():
        if element.status != KnowledgeStatus.RESET:
            tested.add(element.competence)
            moment = last.get(element.competence)
            last[element.competence] = max(
                element.created_at, moment or element.created_at
            )
    open_ids = dict(
        Assessment.objects.filter(
            user=user, state=AssessmentState.STARTED, kind=AssessmentKind.COMPETENCE
        ).values_list("competence", "id")
    )
    return [
        _competence_profile(item, earned, tested, last, open_ids, now)
        for item in index.competences.values()
    ]


def competence_actions(
    *, open_assessment: int | None, tested: bool, can_improve: bool, can_reset: bool
) -> tuple[str, ...]:
    """Return what a competence card offers: resume, start, or improve and reset.

    The home page and the API both show this, so they cannot disagree.
    """
    if open_assessment:
        return ("resume",)
    if not tested:
        return ("start",)
    allowed = (("improve", can_improve), ("reset", can_reset))
    return tuple(action for action, can in allowed if can)


def _competence_profile(item, earned, tested, last, open_ids, now) -> CompetenceProfile:
    code = item.code
    score = scoring.competence_score(
        earned.get(code, 0.0), max_level=settings.MAX_REACHABLE_LEVEL
    )
    last_answer_at = last.get(code)
    improve_delay = datetime.timedelta(days=settings.IMPROVE_DELAY_DAYS)
    can_improve = code not in open_ids and scoring.can_improve(
        last_answer_at=last_answer_at,
        now=now,
        level=score.level,
        max_level=settings.MAX_REACHABLE_LEVEL,
        delay=improve_delay,
    )
    improve_in_days = None
    waiting = code not in open_ids and score.level < settings.MAX_REACHABLE_LEVEL
    if waiting and last_answer_at is not None and not can_improve:
        improve_in_days = scoring.days_until_improvement(
            last_answer_at=last_answer_at, now=now, delay=improve_delay
        )
    can_reset = code not in open_ids and scoring.can_reset(
        last_answer_at=last_answer_at,
        now=now,
        delay=datetime.timedelta(days=settings.RESET_DELAY_DAYS),
    )
    return CompetenceProfile(
        code=code,
        title=item.title,
        area=item.area,
        area_title=item.area_title,
        pix=score.pix,
        level=score.level,
        tested=code in tested,
        open_assessment=open_ids.get(code),
        last_answer_at=last_answer_at,
        can_improve=can_improve,
        can_reset=can_reset,
        actions=competence_actions(
            open_assessment=open_ids.get(code),
            tested=code in tested,
            can_improve=can_improve,
            can_reset=can_reset,
        ),
        improve_in_days=improve_in_days,
    )


def saved_tutorials(user, index) -> list[dict]:
    """Return the learner's saved tutorials still served by the release index."""
    bookmarks = TutorialBookmark.objects.filter(user=user, saved=True)
    return [
        {"bookmark": bookmark, "tutorial": index.tutorials.get(bookmark.tutorial)}
        for bookmark in bookmarks
        if index and bookmark.tutorial in index.tutorials
    ]


def own_assessment(user, assessment_id: int) -> Assessment | None:
    """Return the learner's assessment; someone else's is as good as missing.

    An id larger than the database holds matches nothing (Django sends no
    query for it). Read through the user, the assessment knows its learner
    without a query.
    """
    return user.assessments.filter(pk=assessment_id).first()
