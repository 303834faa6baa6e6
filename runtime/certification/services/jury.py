"""The jury's writes: neutralise, de-neutralise (re-scored at once), publish."""

import secrets

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from runtime.domain import codes
from runtime.permissions import require

from ..enums import DecisionKind, SessionStatus
from ..models import CertificationResult, CertificationSession, Decision
from ..permissions import can_judge
from .errors import CertificationError, InvalidInput
from .scoring import score_test


def _refuse_unless_reviewable(session) -> None:
    if session.status not in SessionStatus.for_jury():
        raise CertificationError(
            _("Seule une session finalisée et non publiée peut être revue.")
        )


@transaction.atomic
def answer_neutralisation_set(
    *, user, answer, neutralised: bool, comment: str, trusted: bool = False
) -> CertificationResult:
    """Neutralise or de-neutralise one answer with the jury's comment; re-score."""
    require(can_judge, user, trusted=trusted)
    session = CertificationSession.objects.select_for_update().get(
        pk=answer.test.candidate.session_id
    )
    _refuse_unless_reviewable(session)
    comment = comment.strip()
    if not comment:
        raise InvalidInput(_("Indiquez la raison de la décision du jury."))
    if answer.neutralised == neutralised:
        raise CertificationError(
            _("Cette épreuve est déjà neutralisée.")
            if neutralised
            else _("Cette épreuve n'est pas neutralisée.")
        )
    with reversion.create_revision():
        reversion.set_user(user if getattr(user, "pk", None) else None)
        reversion.set_comment(comment)
        answer.neutralised = neutralised
        answer.neutralisation_reason = f"jury: {comment}" if neutralised else ""
        answer.save(update_fields=["neutralised", "neutralisation_reason"])
        Decision.objects.create(
            test=answer.test,
            kind=DecisionKind.NEUTRALISED
            if neutralised
            else DecisionKind.DENEUTRALISED,
            challenge=answer.challenge,
            reason=comment,
            actor=user if getattr(user, "pk", None) else None,
        )
        result = score_test(
            answer.test, actor=user if getattr(user, "pk", None) else None
        )
    if session.status == SessionStatus.FINALISED:
        session.status = SessionStatus.PROCESSED
        session.save(update_fields=["status"])
    return result


def _verification_code() -> str:
    return codes.verification_code(
        secrets.SystemRandom(),
        is_available=lambda code: (
            not CertificationResult.objects.filter(verification_code=code).exists()
        ),
    )


@transaction.atomic
def session_publish(*, user, session, now=None, trusted: bool = False) -> int:
    """Publish every result of the session; certificates get a verification code."""
    require(can_judge, user, trusted=trusted)
    session = CertificationSession.objects.select_for_update().get(pk=session.pk)
    _refuse_unless_reviewable(session)
    now = now or timezone.now()
    actor = user if getattr(user, "pk", None) else None
    results = CertificationResult.objects.filter(test__candidate__session=session)
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment("published")
        for result in results.select_related("test"):
            result.published_at = now
            if not result.rejected:
                result.verification_code = _verification_code()
            result.save(update_fields=["published_at", "verification_code"])
            Decision.objects.create(
                test=result.test,
                kind=DecisionKind.PUBLISHED,
                reason=(
                    f"published: {result.pix} pix"
                    if not result.rejected
                    else "published: certification rejected"
                ),
                actor=actor,
            )
    session.status = SessionStatus.PUBLISHED
    session.published_at = now
    session.save(update_fields=["status", "published_at"])
    return results.count()
