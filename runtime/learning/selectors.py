"""Reads for learners: the profile, the state of an assessment."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Q, Sum
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
    # Whole days before "Remettre à zéro" appears; None when it needs no wait.
    reset_in_days: int | None = None


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


def knowledge_by_competence(user) -> dict[str, tuple[float, datetime.datetime | None]]:
    """Return, by competence, the pix earned and the latest result's time.

    Over the latest element of each skill, as ``current_knowledge``, but summed
    by the database: one row per competence instead of every element the
    learner ever earned. The time is None when every skill was reset since.
    """
    latest = (
        KnowledgeElement.objects.filter(user=user)
        .values("skill")
        .annotate(latest=Max("id"))
        .values("latest")
    )
    kept = ~Q(status=KnowledgeStatus.RESET)
    rows = (
        KnowledgeElement.objects.filter(id__in=latest)
        .values("competence")
        .annotate(
            earned=Sum("pix", filter=Q(status=KnowledgeStatus.VALIDATED)),
            last=Max("created_at", filter=kept),
        )
        .order_by()
        .values_list("competence", "earned", "last")
    )
    return {code: (earned or 0.0, last) for code, earned, last in rows}


def learner_profile(user, index, *, now=None) -> list[CompetenceProfile]:
    """Return the 16 competences with pix, level and the actions available."""
    now = now or timezone.now()
    summary = knowledge_by_competence(user)
    earned = {code: pix for code, (pix, _last) in summary.items()}
    last = {code: moment for code, (_pix, moment) in summary.items() if moment}
    tested = set(last)
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
    reset_delay = datetime.timedelta(days=settings.RESET_DELAY_DAYS)
    can_reset = code not in open_ids and scoring.can_reset(
        last_answer_at=last_answer_at, now=now, delay=reset_delay
    )
    reset_in_days = None
    if code not in open_ids and last_answer_at is not None and not can_reset:
        reset_in_days = scoring.days_until_improvement(
            last_answer_at=last_answer_at, now=now, delay=reset_delay
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
        reset_in_days=reset_in_days,
    )


@dataclass(frozen=True)
class TutorialMark:
    """Whether the learner saved ("Mes tutos") and liked a tutorial."""

    saved: bool = False
    liked: bool = False


NO_MARK = TutorialMark()


def tutorial_marks(user) -> dict[str, TutorialMark]:
    """Return the learner's marks by tutorial id, for the buttons' states."""
    if not user.is_authenticated:
        return {}
    return {
        tutorial: TutorialMark(saved, liked)
        for tutorial, saved, liked in TutorialBookmark.objects.filter(
            user=user
        ).values_list("tutorial", "saved", "liked")
    }


def tutorial_competences(index, tutorial) -> list[str]:
    """Return the codes of the competences a tutorial's skills belong to."""
    return sorted(
        {
            index.competence_of_skill(link.skill)
            for link in tutorial.skills
            if link.skill in index.skills
        }
    )


def saved_tutorials(user, index, marks=None) -> list:
    """Return the learner's saved tutorials still served by the release index,
    the latest saved first."""
    if index is None:
        return []
    marks = tutorial_marks(user) if marks is None else marks
    saved = (
        TutorialBookmark.objects.filter(user=user, saved=True)
        .order_by("-updated_at")
        .values_list("tutorial", flat=True)
    )
    return [index.tutorials[t] for t in saved if t in index.tutorials]


def recommended_tutorials(user, index, knowledge=None) -> list:
    """Return the tutorials to learn the skills the learner has not validated.

    The remediation tutorials of every skill whose latest result is a failure,
    in the order of the competences.
    """
    if index is None:
        return []
    knowledge = current_knowledge(user) if knowledge is None else knowledge
    failed = [
        element.skill
        for element in knowledge.values()
        if element.status == KnowledgeStatus.INVALIDATED
        and element.skill in index.skills
    ]
    failed.sort(key=lambda skill: (index.competence_of_skill(skill), skill))
    found: dict[str, object] = {}
    for skill in failed:
        for tutorial_id, kind in index.tutorials_by_skill.get(skill, []):
            if kind == "remediation" and tutorial_id in index.tutorials:
                found.setdefault(tutorial_id, index.tutorials[tutorial_id])
    return list(found.values())


def own_assessment(user, assessment_id: int) -> Assessment | None:
    """Return the learner's assessment; someone else's is as good as missing.

    An id larger than the database holds matches nothing (Django sends no
    query for it). Read through the user, the assessment knows its learner
    without a query.
    """
    return user.assessments.filter(pk=assessment_id).first()


@dataclass(frozen=True)
class CompetencePage:
    """What a learner's competence page shows."""

    profile: CompetenceProfile
    validated: list[dict]  # {"tube": title, "level": n}, by tube then level
    recommended: list  # tutorials of the competence's skills not validated
    saved: list  # the learner's saved tutorials of the competence
    assessments: list[Assessment]  # the learner's tests of it, the latest first


def skills_as_learners_read_them(index, skill_ids) -> list[dict]:
    """Return skills as their tube's title and level, by tube then level.

    Skill names (``@rechercheMoteur1``) are the authors' shorthand: learners
    read the subject and the level.
    """
    return sorted(
        (
            {
                "tube": index.tubes[index.skills[skill].tube].title,
                "level": index.skills[skill].level,
            }
            for skill in skill_ids
            if skill in index.skills
        ),
        key=lambda item: (item["tube"], item["level"]),
    )


def competence_page(user, index, code: str, *, marks=None) -> CompetencePage | None:
    """Return a competence's page for the learner, None when it does not exist."""
    if index is None or code not in index.competences:
        return None
    knowledge = current_knowledge(user)
    profile = next(item for item in learner_profile(user, index) if item.code == code)
    validated = skills_as_learners_read_them(
        index,
        [
            element.skill
            for element in knowledge.values()
            if element.competence == code
            and element.status == KnowledgeStatus.VALIDATED
        ],
    )

    def in_competence(tutorial) -> bool:
        return any(
            link.skill in index.skills and index.competence_of_skill(link.skill) == code
            for link in tutorial.skills
        )

    mine = {k: v for k, v in knowledge.items() if v.competence == code}
    return CompetencePage(
        profile=profile,
        validated=validated,
        recommended=recommended_tutorials(user, index, mine),
        saved=[t for t in saved_tutorials(user, index, marks) if in_competence(t)],
        assessments=list(
            Assessment.objects.filter(user=user, competence=code).order_by(
                "-created_at"
            )
        ),
    )
