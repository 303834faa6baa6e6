"""Scoring a session's tests by the pure rules; every decision keeps its reason."""

from django.utils import timezone

from runtime.domain.certification_incidents import ChallengeTraits, neutralises
from runtime.domain.certification_scoring import AnswerRecord, score_certification
from runtime.release_index import release_index

from ..enums import DecisionKind, SessionMode, TestState
from ..models import CertificationResult, CertificationTest, Decision
from . import adaptive


def _traits(challenge) -> ChallengeTraits:
    return ChallengeTraits(
        illustration=challenge.illustration is not None,
        embed=challenge.embed is not None,
        attachments=bool(challenge.attachments),
        focused=challenge.focused,
    )


def auto_neutralise(test: CertificationTest) -> int:
    """Neutralise failed answers a confirmed incident report qualifies; count them."""
    index = release_index(test.release_id)
    answers = {answer.challenge: answer for answer in test.answers.all()}
    count = 0
    for incident in test.incidents.filter(confirmed=True).exclude(challenge=""):
        answer = answers.get(incident.challenge)
        challenge = index.challenges.get(incident.challenge)
        if answer is None or challenge is None or answer.neutralised:
            continue
        if neutralises(incident.category, _traits(challenge), result=answer.result):
            reason = (
                f"incident report #{incident.pk} ({incident.category}) on a "
                f"{answer.result} answer"
            )
            answer.neutralised = True
            answer.neutralisation_reason = reason
            answer.save(update_fields=["neutralised", "neutralisation_reason"])
            Decision.objects.create(
                test=test,
                kind=DecisionKind.AUTO_NEUTRALISED,
                challenge=answer.challenge,
                reason=reason,
            )
            count += 1
    return count


def score_test(test: CertificationTest, *, actor=None, now=None) -> CertificationResult:
    """Score (or re-score) a test from its answers; store the result and why."""
    now = now or timezone.now()
    index = release_index(test.release_id)
    if test.mode == SessionMode.ADAPTIVE:
        scored = adaptive.score(test, index)
    else:
        records = [
            AnswerRecord(
                competence=answer.competence,
                correct=answer.result == "ok",
                neutralized=answer.neutralised,
            )
            for answer in test.answers.all()
        ]
        profile = {code: (pix, level) for code, (pix, level) in test.profile.items()}
        scored = score_certification(records, profile=profile)
    competences = [
        {
            "competence": item.competence,
            "title": getattr(index.competences.get(item.competence), "title", ""),
            "asked": item.asked,
            "correct": item.correct,
            "neutralised": item.neutralized,
            "profile_level": item.profile_level,
            "outcome": item.outcome.value,
            "level": item.level,
            "pix": item.pix,
            "reason": item.reason,
        }
        for item in scored.competences
    ]
    result, _created = CertificationResult.objects.update_or_create(
        test=test,
        defaults={
            "rate": scored.rate,
            "rejected": scored.rejected,
            "needs_jury": scored.needs_jury,
            "pix": scored.pix,
            "competences": competences,
            "reason": scored.reason,
            "scored_at": now,
        },
    )
    Decision.objects.create(
        test=test, kind=DecisionKind.SCORED, reason=scored.reason, actor=actor
    )
    return result


def score_session(session, *, now=None) -> int:
    """Neutralise by the confirmed incidents, then score every ended test."""
    tests = CertificationTest.objects.filter(
        candidate__session=session, state=TestState.ENDED
    )
    for test in tests:
        auto_neutralise(test)
        score_test(test, now=now)
    return len(tests)
