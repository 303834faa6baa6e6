"""A centre's writes: sessions, candidates (form and CSV), finalisation."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from runtime.domain import codes
from runtime.permissions import require
from runtime.release_index import current_release_index

from ..enums import SessionMode, SessionStatus, TestState
from ..identity import same_person
from ..models import Candidate, CertificationSession, IncidentReport
from ..permissions import can_manage_session, is_centre_member
from . import adaptive
from .errors import CertificationError, InvalidInput
from .scoring import score_session

MAX_EXTRA_TIME_PERCENT = 100


def adaptive_unavailable_reason(index=None) -> str | None:
    """Return why a session cannot use the adaptive mode, None when it can.

    The adaptive (IRT) mode needs the release in service to carry accepted
    parameters (difficulty and discrimination) for enough of its challenges
    (services.adaptive.unavailable_reason).
    """
    return adaptive.unavailable_reason(
        index if index is not None else current_release_index()
    )


def _access_code() -> str:
    return codes.session_access_code(
        secrets.SystemRandom(),
        is_available=lambda code: (
            not CertificationSession.objects.filter(access_code=code).exists()
        ),
    )


@transaction.atomic
def session_create(
    *,
    user,
    centre,
    address: str,
    room: str,
    date: datetime.date,
    time: datetime.time,
    examiner: str,
    description: str = "",
    duration_minutes: int = 105,
    mode: str = SessionMode.CLASSIC,
    trusted: bool = False,
) -> tuple[CertificationSession, str]:
    """Create a session; return it and its invigilator password (shown once)."""
    require(is_centre_member, user, centre, trusted=trusted)
    if mode == SessionMode.ADAPTIVE and (reason := adaptive_unavailable_reason()):
        raise InvalidInput(reason)
    password = codes.invigilator_password(secrets.SystemRandom())
    session = CertificationSession(
        centre=centre,
        address=address,
        room=room,
        date=date,
        time=time,
        examiner=examiner,
        description=description,
        duration_minutes=duration_minutes,
        mode=mode,
        access_code=_access_code(),
        invigilator_password_hash=make_password(password),
        created_by=user if getattr(user, "pk", None) else None,
    )
    session.full_clean()
    session.save()
    return session, password


@transaction.atomic
def session_update(*, user, session, trusted: bool = False, **fields):
    """Change a session's details until its first candidate starts."""
    require(can_manage_session, user, session, trusted=trusted)
    session = CertificationSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.CREATED:
        raise CertificationError(_("Une session commencée ne peut plus être modifiée."))
    if fields.get("mode") == SessionMode.ADAPTIVE and (
        reason := adaptive_unavailable_reason()
    ):
        raise InvalidInput(reason)
    for name, value in fields.items():
        setattr(session, name, value)
    session.full_clean()
    session.save()
    return session


def invigilator_password_renew(*, user, session, trusted: bool = False) -> str:
    """Draw a new invigilator password (the old one stops working); return it."""
    require(can_manage_session, user, session, trusted=trusted)
    if not session.is_open:
        raise CertificationError(_("Cette session est terminée."))
    password = codes.invigilator_password(secrets.SystemRandom())
    session.invigilator_password_hash = make_password(password)
    session.save(update_fields=["invigilator_password_hash"])
    return password


def _linked_account(email: str):
    """Return the one active account with this e-mail, else None."""
    if not email:
        return None
    accounts = list(
        get_user_model().objects.filter(email__iexact=email.strip(), is_active=True)[:2]
    )
    return accounts[0] if len(accounts) == 1 else None


def _duplicate(session, first_name, last_name, birth_date) -> bool:
    return any(
        same_person(
            first_name=first_name,
            last_name=last_name,
            expected_first=other.first_name,
            expected_last=other.last_name,
        )
        for other in session.candidates.filter(birth_date=birth_date)
    )


def _new_candidate(session, data: dict) -> Candidate:
    """Validate one candidate's values against the session; raise InvalidInput."""
    if _duplicate(session, data["first_name"], data["last_name"], data["birth_date"]):
        raise InvalidInput(
            _("%(name)s, né(e) le %(date)s, est déjà inscrit(e) à cette session.")
            % {
                "name": f"{data['first_name']} {data['last_name']}",
                "date": data["birth_date"].strftime("%d/%m/%Y"),
            }
        )
    if not 0 <= data.get("extra_time_percent", 0) <= MAX_EXTRA_TIME_PERCENT:
        raise InvalidInput(_("Le temps majoré va de 0 à 100 %."))
    account = _linked_account(data.get("email", ""))
    if account and session.candidates.filter(user=account).exists():
        account = None  # already enrolled under other names: link on the day
    candidate = Candidate(session=session, user=account, **data)
    candidate.full_clean()
    return candidate


@transaction.atomic
def candidate_add(*, user, session, trusted: bool = False, **data) -> Candidate:
    """Enrol one candidate; an e-mail of an existing account links it."""
    require(can_manage_session, user, session, trusted=trusted)
    _refuse_closed(session)
    candidate = _new_candidate(session, data)
    candidate.save()
    return candidate


@transaction.atomic
def candidate_remove(*, user, candidate, trusted: bool = False) -> None:
    require(can_manage_session, user, candidate.session, trusted=trusted)
    if candidate.joined_at is not None:
        raise CertificationError(
            _("Ce candidat a déjà rejoint la session : il ne peut plus être retiré.")
        )
    candidate.delete()


@transaction.atomic
def candidates_import(*, user, session, rows: list[dict], trusted=False) -> int:
    """Enrol every row of a checked import, or none (all or nothing)."""
    require(can_manage_session, user, session, trusted=trusted)
    _refuse_closed(session)
    for number, data in rows:
        try:
            _new_candidate(session, data).save()
        except InvalidInput as error:
            raise InvalidInput(
                _("Ligne %(line)d : %(error)s") % {"line": number, "error": error}
            ) from error
    return len(rows)


def _refuse_closed(session) -> None:
    if not session.is_open:
        raise CertificationError(
            _("Cette session est finalisée : les inscriptions sont closes.")
        )


@transaction.atomic
def session_finalise(
    *,
    user,
    session,
    confirmed_incidents: set[int],
    comment: str = "",
    now=None,
    trusted: bool = False,
) -> CertificationSession:
    """Close the session: every test ended, incidents confirmed, results scored.

    The confirmed incident reports neutralise the challenges they qualify for
    (DOMAIN.md §7); each result is then scored and goes to the jury.
    """
    require(can_manage_session, user, session, trusted=trusted)
    session = CertificationSession.objects.select_for_update().get(pk=session.pk)
    if not session.is_open:
        raise CertificationError(_("Cette session est déjà finalisée."))
    running = list(
        session.candidates.filter(test__state=TestState.STARTED).order_by("last_name")
    )
    if running:
        raise CertificationError(
            _(
                "Ces candidats n'ont pas terminé leur test : %(names)s. Le "
                "surveillant doit y mettre fin avant la finalisation."
            )
            % {"names": ", ".join(candidate.full_name for candidate in running)}
        )
    incidents = IncidentReport.objects.filter(test__candidate__session=session)
    unknown = confirmed_incidents - set(incidents.values_list("pk", flat=True))
    if unknown:
        raise InvalidInput(_("Signalement inconnu dans cette session."))
    incidents.filter(pk__in=confirmed_incidents).update(confirmed=True)
    now = now or timezone.now()
    session.status = SessionStatus.FINALISED
    session.finalisation_comment = comment
    session.finalised_at = now
    session.save(update_fields=["status", "finalisation_comment", "finalised_at"])
    score_session(session, now=now)
    return session
