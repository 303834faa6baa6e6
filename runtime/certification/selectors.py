"""Reads of certification: eligibility, a member's centres and sessions, results."""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q

from runtime.domain import scoring
from runtime.enums import KnowledgeStatus
from runtime.models import KnowledgeElement

from .enums import SessionStatus
from .models import (
    Candidate,
    CertificationCentre,
    CertificationResult,
    CertificationSession,
    CertificationTest,
    Decision,
)

ELIGIBLE_COMPETENCES = 5


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    certifiable: int  # competences at level 1 or more
    levels: dict[str, int]


def _levels_from(elements) -> dict[str, int]:
    """Return the level of each competence from knowledge elements in id order."""
    latest = {}
    for element in elements:
        latest[element.skill] = element
    earned: dict[str, float] = defaultdict(float)
    for element in latest.values():
        if element.status == KnowledgeStatus.VALIDATED:
            earned[element.competence] += element.pix
    return {
        code: scoring.competence_score(
            pix, max_level=settings.MAX_REACHABLE_LEVEL
        ).level
        for code, pix in earned.items()
    }


def _eligibility(levels: dict[str, int]) -> Eligibility:
    certifiable = sum(1 for level in levels.values() if level >= 1)
    return Eligibility(
        eligible=certifiable >= ELIGIBLE_COMPETENCES,
        certifiable=certifiable,
        levels=levels,
    )


def eligibility(user) -> Eligibility:
    """Return whether the user is eligible: level ≥ 1 on at least 5 competences."""
    elements = KnowledgeElement.objects.filter(user=user).order_by("id")
    return _eligibility(_levels_from(elements))


def eligibility_by_user(user_ids) -> dict[int, Eligibility]:
    """Return the eligibility of many accounts in one query."""
    user_ids = set(user_ids)
    by_user = defaultdict(list)
    elements = KnowledgeElement.objects.filter(user_id__in=user_ids).order_by("id")
    for element in elements:
        by_user[element.user_id].append(element)
    return {
        user_id: _eligibility(_levels_from(by_user.get(user_id, [])))
        for user_id in user_ids
    }


def member_centres(user):
    return CertificationCentre.objects.filter(memberships__user=user).order_by("name")


def member_centre(user, pk: int) -> CertificationCentre | None:
    """Return a centre the user is a member of; another centre is as good as missing."""
    return member_centres(user).filter(pk=pk).first()


def member_session(user, pk: int) -> CertificationSession | None:
    return (
        CertificationSession.objects.select_related("centre")
        .filter(pk=pk, centre__memberships__user=user)
        .first()
    )


def session_candidates(session, *, counts: bool = False) -> list[Candidate]:
    """Return the candidates with their test and result, in one query."""
    candidates = session.candidates.select_related("test", "test__result")
    if counts:
        candidates = candidates.annotate(
            answered=Count(
                "test__answers",
                filter=Q(test__answers__unanswered=False),
                distinct=True,
            ),
            incident_count=Count("test__incidents", distinct=True),
        )
    return list(candidates.order_by("last_name", "first_name", "id"))


def candidate_rows(session, *, counts: bool = False) -> list[dict]:
    """Return each candidate with eligibility (when linked to an account).

    ``counts``: also the answers given and the incidents reported, in the same
    query (the invigilator's page shows them for every candidate).
    """
    candidates = session_candidates(session, counts=counts)
    eligible = eligibility_by_user(c.user_id for c in candidates if c.user_id)
    return [
        {
            "candidate": candidate,
            "test": getattr(candidate, "test", None),
            "eligibility": eligible.get(candidate.user_id),
        }
        for candidate in candidates
    ]


def own_candidacies(user) -> list[Candidate]:
    """Return the learner's enrolments, newest session first."""
    return list(
        Candidate.objects.filter(user=user)
        .select_related("session", "session__centre", "test", "test__result")
        .order_by("-session__date", "-session__time")
    )


def own_test(user, pk: int) -> CertificationTest | None:
    """Return the learner's own test; someone else's is as good as missing."""
    return (
        CertificationTest.objects.select_related("candidate", "candidate__session")
        .filter(pk=pk, user=user)
        .first()
    )


def own_certificate(user, pk: int) -> CertificationResult | None:
    return _certificates().filter(pk=pk, test__user=user).first()


def _certificates():
    return CertificationResult.objects.select_related(
        "test", "test__candidate", "test__candidate__session__centre"
    ).filter(published_at__isnull=False, rejected=False)


def certificate_by_code(code: str) -> CertificationResult | None:
    return _certificates().filter(verification_code=code.strip().upper()).first()


def jury_sessions():
    """Return finalised sessions awaiting the jury, then the published ones."""
    return (
        CertificationSession.objects.select_related("centre")
        .filter(
            status__in=[*SessionStatus.for_jury(), SessionStatus.PUBLISHED],
        )
        .order_by("status", "-finalised_at")
    )


def jury_session(pk: int) -> CertificationSession | None:
    return jury_sessions().filter(pk=pk).first()


def jury_tests(session) -> list[CertificationTest]:
    return list(
        CertificationTest.objects.filter(candidate__session=session)
        .select_related("candidate", "result")
        .prefetch_related(
            "answers",
            "incidents",
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("actor"),
                to_attr="decision_list",
            ),
        )
        .order_by("candidate__last_name", "candidate__first_name")
    )
