"""The day of the session: candidates join, the invigilator confirms, tests run.

The server keeps the clock: a test may last the session's duration plus the
candidate's extra time, pauses not counted; an answer after that is refused
and the test ends. A test ending early records its unanswered challenges as
skipped (the jury may neutralise them).
"""

import datetime
import random
import secrets
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from runtime.domain import codes, inference, scoring
from runtime.domain.answer_checking import check, is_blank_answer
from runtime.domain.certification_test import build_certification_test
from runtime.enums import KnowledgeStatus
from runtime.learning.selectors import current_knowledge, earned_by_competence
from runtime.models import Answer
from runtime.permissions import require
from runtime.release_index import current_release_index, release_index

from .. import throttle
from ..enums import DecisionKind, EndReason, SessionMode, SessionStatus, TestState
from ..identity import same_person
from ..models import (
    Candidate,
    CertificationAnswer,
    CertificationSession,
    CertificationTest,
    Decision,
    IncidentReport,
)
from ..permissions import can_invigilate, can_take_certification
from ..selectors import eligibility
from . import adaptive
from .errors import CertificationError, InvalidInput, NotConfirmed, TooManyAttempts


def _too_many() -> TooManyAttempts:
    return TooManyAttempts(
        _(
            "Trop de tentatives infructueuses. Par sécurité, réessayez dans "
            "%(minutes)d minutes."
        )
        % {"minutes": throttle.cooloff_minutes()}
    )


def _refuse_unless_today(session, now) -> None:
    today = timezone.localdate(now)
    if session.date != today:
        raise CertificationError(
            _("Cette session a lieu le %(date)s.")
            % {"date": session.date.strftime("%d/%m/%Y")}
        )


def _refuse_closed(session) -> None:
    if not session.is_open:
        raise CertificationError(_("Cette session est terminée."))


@transaction.atomic
def candidate_join(
    *,
    user,
    access_code: str,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
    address: str | None = None,
    now=None,
    trusted: bool = False,
) -> Candidate:
    """Join a session with its access code as the enrolled candidate one is.

    Wrong codes and identities are counted per account and address: past
    the limit every attempt is refused for the cool-off.
    """
    require(can_take_certification, user, trusted=trusted)
    now = now or timezone.now()
    identity = f"{user.pk}|{address or ''}"
    if throttle.is_locked("join", identity):
        raise _too_many()
    code = access_code.strip().upper()
    session = (
        CertificationSession.objects.filter(access_code=code).first()
        if codes.is_session_access_code(code)
        else None
    )
    if session is None:
        throttle.record_failure("join", identity)
        raise InvalidInput(_("Ce code d'accès ne correspond à aucune session."))
    _refuse_closed(session)
    _refuse_unless_today(session, now)
    existing = session.candidates.filter(user=user, joined_at__isnull=False).first()
    if existing is not None:  # joined already (another tab, a new login)
        return existing
    candidate = next(
        (
            candidate
            for candidate in session.candidates.filter(birth_date=birth_date)
            if same_person(
                first_name=first_name,
                last_name=last_name,
                expected_first=candidate.first_name,
                expected_last=candidate.last_name,
            )
        ),
        None,
    )
    if candidate is None:
        throttle.record_failure("join", identity)
        raise InvalidInput(
            _(
                "Aucun candidat inscrit à cette session ne porte ces nom, prénom "
                "et date de naissance. Vérifiez-les avec le surveillant."
            )
        )
    if candidate.user_id not in (None, user.pk):
        raise CertificationError(
            _("Ce candidat est déjà rattaché à un autre compte : voyez le surveillant.")
        )
    if session.candidates.filter(user=user).exclude(pk=candidate.pk).exists():
        raise CertificationError(
            _(
                "Votre compte est rattaché à un autre candidat de cette session : "
                "voyez le surveillant."
            )
        )
    found = eligibility(user)
    if not found.eligible:
        raise CertificationError(
            _(
                "Votre profil n'est pas encore certifiable : il faut le niveau 1 "
                "au moins dans 5 compétences (vous en avez %(count)d)."
            )
            % {"count": found.certifiable}
        )
    candidate.user = user
    candidate.joined_at = now
    candidate.save(update_fields=["user", "joined_at"])
    return candidate


def invigilator_unlock(
    *, access_code: str, password: str, address: str | None = None
) -> CertificationSession:
    """Return the session whose invigilator password this is; throttled."""
    identity = address or ""
    if throttle.is_locked("invigilate", identity):
        raise _too_many()
    code = access_code.strip().upper()
    session = CertificationSession.objects.filter(access_code=code).first()
    if session is None or not check_password(
        password.strip(), session.invigilator_password_hash
    ):
        throttle.record_failure("invigilate", identity)
        raise InvalidInput(_("Code d'accès ou mot de passe surveillant incorrect."))
    _refuse_closed(session)
    return session


def _invigilated(user, candidate, granted) -> None:
    require(can_invigilate, user, candidate.session, granted)


@transaction.atomic
def presence_confirm(*, user, candidate, granted, now=None) -> Candidate:
    """The invigilator confirms the candidate is in the room: the test may start."""
    _invigilated(user, candidate, granted)
    if candidate.joined_at is None:
        raise CertificationError(
            _("Ce candidat n'a pas encore saisi le code d'accès de la session.")
        )
    if candidate.presence_confirmed_at is None:
        candidate.presence_confirmed_at = now or timezone.now()
        candidate.save(update_fields=["presence_confirmed_at"])
    return candidate


def _validated_skills(knowledge, index) -> dict[str, list[inference.Skill]]:
    """Return per competence the skills validated directly, still in the release."""
    by_competence = defaultdict(list)
    for element in knowledge.values():
        skill = index.skills.get(element.skill)
        if (
            skill is not None
            and element.direct
            and element.status == KnowledgeStatus.VALIDATED
        ):
            by_competence[index.competence_of_skill(skill.id)].append(
                inference.Skill(id=skill.id, tube=skill.tube, level=skill.level)
            )
    return by_competence


def _certifiable(knowledge, index) -> tuple[dict, list[str]]:
    """Return the competence scores and the certifiable ones (level 1 or more)."""
    scores = {
        code: scoring.competence_score(pix, max_level=settings.MAX_REACHABLE_LEVEL)
        for code, pix in earned_by_competence(knowledge).items()
    }
    certifiable = sorted(
        code
        for code, score in scores.items()
        if score.level >= 1 and code in index.competences
    )
    return scores, certifiable


def certifiable_profile(user, index) -> dict:
    """Return the profile (pix, level) an adaptive test certifies."""
    scores, certifiable = _certifiable(current_knowledge(user), index)
    return {code: [scores[code].pix, scores[code].level] for code in certifiable}


def build_test_picks(user, index, *, seed: str, locale: str) -> tuple[list, dict]:
    """Return the picks of a classic test and the profile (pix, level) it certifies.

    Certifiable competences are those at level 1 or more; each is asked on
    the skills the candidate validated directly (answered, not inferred).
    """
    knowledge = current_knowledge(user)
    scores, certifiable = _certifiable(knowledge, index)
    validated = _validated_skills(knowledge, index)
    challenges_by_skill = {}
    for code in certifiable:
        for challenge in index.scope(code).challenges:
            challenges_by_skill.setdefault(challenge.skill_id, []).append(challenge)
    seen = set(
        Answer.objects.filter(assessment__user=user).values_list("challenge", flat=True)
    )
    picks = build_certification_test(
        validated_skills={code: validated.get(code, []) for code in certifiable},
        challenges_by_skill=challenges_by_skill,
        seen_challenge_ids=seen,
        locale=locale,
        rng=random.Random(seed),  # noqa: S311 - seeded for audit, not security
    )
    asked = {pick.competence for pick in picks}
    profile = {
        code: [scores[code].pix, scores[code].level]
        for code in certifiable
        if code in asked
    }
    return [
        {
            "competence": pick.competence,
            "skill": pick.skill_id,
            "challenge": pick.challenge_id,
            "level": pick.level,
        }
        for pick in picks
    ], profile


@transaction.atomic
def certification_start(*, user, candidate, now=None) -> CertificationTest:
    """Start the candidate's test once the invigilator confirmed them; idempotent."""
    if candidate.user_id != getattr(user, "pk", None):
        raise CertificationError(_("Ce test n'est pas le vôtre."))
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    existing = CertificationTest.objects.filter(candidate=candidate).first()
    if existing is not None:
        return existing
    session = candidate.session
    _refuse_closed(session)
    if candidate.presence_confirmed_at is None:
        raise NotConfirmed(
            _(
                "Le surveillant doit confirmer votre présence avant que le test "
                "commence."
            )
        )
    index = current_release_index()
    if index is None:
        raise CertificationError(_("Aucune release n'est publiée."))
    now = now or timezone.now()
    seed = secrets.token_hex(16)
    mode, fallback, profile = session.mode, "", {}
    if mode == SessionMode.ADAPTIVE:
        profile = certifiable_profile(user, index)
        fallback = adaptive.unavailable_reason(
            index
        ) or adaptive.candidate_unavailable_reason(index, profile)
        if fallback:
            mode = SessionMode.CLASSIC
    picks = []
    if mode == SessionMode.CLASSIC:
        picks, profile = build_test_picks(user, index, seed=seed, locale="fr-fr")
    if not profile or (mode == SessionMode.CLASSIC and not picks):
        raise CertificationError(
            _("Aucune épreuve ne peut être tirée de votre profil dans cette release.")
        )
    allowed = session.duration_minutes * 60 * (100 + candidate.extra_time_percent)
    test = CertificationTest.objects.create(
        candidate=candidate,
        user=user,
        release_id=index.release_id,
        mode=mode,
        seed=seed,
        picks=picks,
        profile=profile,
        adaptive_fallback=fallback or "",
        started_at=now,
        allowed_seconds=allowed // 100,
    )
    if mode == SessionMode.ADAPTIVE:
        first = adaptive.next_pick(test, index)
        if first is None:
            raise CertificationError(_("Aucune épreuve adaptative à tirer."))
        test.picks = [first]
        test.save(update_fields=["picks"])
    if session.status == SessionStatus.CREATED:
        CertificationSession.objects.filter(pk=session.pk).update(
            status=SessionStatus.STARTED
        )
    return test


def _end(test: CertificationTest, reason: str, now) -> None:
    """End the test; its unanswered challenges are recorded as skipped."""
    answered = set(test.answers.values_list("challenge", flat=True))
    missing = [pick for pick in test.picks if pick["challenge"] not in answered]
    start = len(answered)
    CertificationAnswer.objects.bulk_create(
        CertificationAnswer(
            test=test,
            position=start + offset,
            challenge=pick["challenge"],
            skill=pick["skill"],
            competence=pick["competence"],
            result="skipped",
            unanswered=True,
            trial=pick.get("trial", False),
        )
        for offset, pick in enumerate(missing)
    )
    if missing:
        Decision.objects.create(
            test=test,
            kind=DecisionKind.UNANSWERED,
            reason=f"{len(missing)} challenge(s) not answered ({reason}): skipped",
        )
    if test.paused_at is not None:  # a pause ends with the test
        test.paused_seconds += (now - test.paused_at).total_seconds()
        test.paused_at = None
    test.state = TestState.ENDED
    test.end_reason = reason
    test.ended_at = now
    test.save(
        update_fields=["state", "end_reason", "ended_at", "paused_at", "paused_seconds"]
    )


def certification_refresh(test: CertificationTest, *, now=None) -> CertificationTest:
    """End the test if its time is up; return it as it stands."""
    now = now or timezone.now()
    if test.state == TestState.STARTED and test.remaining_seconds(now) <= 0:
        with transaction.atomic():
            locked = CertificationTest.objects.select_for_update().get(pk=test.pk)
            if locked.state == TestState.STARTED:
                _end(locked, EndReason.TIMEOUT, now)
        test.refresh_from_db()
    return test


def current_pick(test: CertificationTest, *, now=None) -> dict | None:
    """Return the challenge to show now (the same until answered), None when none."""
    certification_refresh(test, now=now)
    if test.state != TestState.STARTED or test.paused_at is not None:
        return None
    position = test.answers.count()
    if position >= len(test.picks):
        return None
    if test.current_asked_at is None:
        now = now or timezone.now()
        CertificationTest.objects.filter(pk=test.pk, current_asked_at=None).update(
            current_asked_at=now
        )
        test.refresh_from_db(fields=["current_asked_at"])
    return {"position": position, **test.picks[position]}


def answer_record(
    *,
    user,
    test: CertificationTest,
    challenge_id: str,
    value,
    skipped: bool = False,
    focus_lost: bool = False,
    now=None,
) -> CertificationAnswer:
    """Record an answer once: a double submit returns the answer already stored."""
    now = now or timezone.now()
    if test.user_id != getattr(user, "pk", None):
        raise CertificationError(_("Ce test n'est pas le vôtre."))
    # Out of time: the end is stored (in its own transaction) before refusing.
    certification_refresh(test, now=now)
    try:
        with transaction.atomic():
            return _answer(test, challenge_id, value, skipped, focus_lost, now)
    except IntegrityError:  # the same answer, recorded by a concurrent submit
        found = test.answers.filter(challenge=challenge_id).first()
        if found is None:
            raise
        return found


def _answer(test, challenge_id, value, skipped, focus_lost, now):
    test = CertificationTest.objects.select_for_update().get(pk=test.pk)
    existing = test.answers.filter(challenge=challenge_id).first()
    if existing is not None and not existing.unanswered:
        return existing
    if test.state != TestState.STARTED or test.remaining_seconds(now) <= 0:
        raise CertificationError(_("Votre test est terminé."))
    if test.paused_at is not None:
        raise CertificationError(
            _("Votre test est en pause : attendez le surveillant.")
        )
    position = test.answers.count()
    pick = test.picks[position] if position < len(test.picks) else None
    if pick is None or pick["challenge"] != challenge_id:
        raise CertificationError(_("Cette épreuve n'est plus celle en cours."))
    index = release_index(test.release_id)
    challenge = index.challenges[challenge_id]
    asked_at = test.current_asked_at or now
    elapsed = (now - asked_at).total_seconds()
    out_of_time = bool(challenge.timer) and elapsed > challenge.timer
    focus_lost = focus_lost and challenge.focused
    if not (skipped or focus_lost or out_of_time) and is_blank_answer(value):
        raise InvalidInput(_("Sélectionnez une réponse ou passez la question."))
    result = check(
        challenge.spec,
        None if skipped else value,
        elapsed_seconds=elapsed,
        focus_lost=focus_lost,
    )
    answer = CertificationAnswer.objects.create(
        test=test,
        position=position,
        challenge=challenge_id,
        skill=pick["skill"],
        competence=pick["competence"],
        value=None if skipped else value,
        result=result,
        elapsed_seconds=elapsed,
        focus_lost=focus_lost,
        trial=pick.get("trial", False),
    )
    test.current_asked_at = now
    test.save(update_fields=["current_asked_at"])
    if test.mode == SessionMode.ADAPTIVE and position + 1 >= len(test.picks):
        following = adaptive.next_pick(test, index)
        if following is not None:
            test.picks = [*test.picks, following]
            test.save(update_fields=["picks"])
    if position + 1 >= len(test.picks):
        _end(test, EndReason.COMPLETED, now)
    return answer


@transaction.atomic
def candidate_pause(*, user, candidate, granted, paused: bool, now=None):
    """Pause or resume a candidate's clock (the invigilator's page)."""
    _invigilated(user, candidate, granted)
    now = now or timezone.now()
    test = _running_test(candidate)
    if paused and test.paused_at is None:
        test.paused_at = now
    elif not paused and test.paused_at is not None:
        test.paused_seconds += (now - test.paused_at).total_seconds()
        test.paused_at = None
        # The challenge on screen gets its time back too.
        if test.current_asked_at is not None:
            test.current_asked_at = now
    test.save(update_fields=["paused_at", "paused_seconds", "current_asked_at"])
    return test


def _running_test(candidate) -> CertificationTest:
    test = (
        CertificationTest.objects.select_for_update()
        .filter(candidate=candidate)
        .first()
    )
    if test is None or test.state != TestState.STARTED:
        raise CertificationError(_("Ce candidat n'a pas de test en cours."))
    return test


@transaction.atomic
def candidate_end(*, user, candidate, granted, now=None) -> CertificationTest:
    """The invigilator ends a candidate's test."""
    _invigilated(user, candidate, granted)
    test = _running_test(candidate)
    _end(test, EndReason.INVIGILATOR, now or timezone.now())
    return test


@transaction.atomic
def incident_report(
    *, user, candidate, granted, category: str, challenge: str, description: str
) -> IncidentReport:
    """File an incident report on a candidate's test, about one of its challenges."""
    _invigilated(user, candidate, granted)
    test = CertificationTest.objects.filter(candidate=candidate).first()
    if test is None:
        raise CertificationError(_("Ce candidat n'a pas commencé son test."))
    if challenge and challenge not in {pick["challenge"] for pick in test.picks}:
        raise InvalidInput(_("Cette épreuve ne fait pas partie de ce test."))
    if not description.strip():
        raise InvalidInput(_("Décrivez l'incident."))
    report = IncidentReport(
        test=test, category=category, challenge=challenge, description=description
    )
    report.full_clean()
    report.save()
    return report
