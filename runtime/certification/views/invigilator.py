"""The invigilator's page, opened with the session's invigilator password.

No account is needed: the password unlocks the session for this browser's
session (its id is kept in it) until the session is finalised.
"""

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import IncidentForm, InvigilatorForm
from ..models import CertificationSession
from ..selectors import candidate_rows
from .common import refuse

GRANTS_KEY = "certification-invigilated"
ACTIONS = ("confirmer", "pause", "reprendre", "terminer", "incident")


def _granted(request) -> list[int]:
    return list(request.session.get(GRANTS_KEY, []))


def unlock(request):
    form = InvigilatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.invigilator_unlock(
                access_code=form.cleaned_data["access_code"],
                password=form.cleaned_data["password"],
                address=get_client_ip_address(request),
            )
        except services.CertificationError as error:
            return refuse(
                request,
                error,
                lambda: render(
                    request, "certification/invigilator_unlock.html", {"form": form}
                ),
            )
        request.session[GRANTS_KEY] = [*_granted(request), session.pk][-10:]
        return redirect("certification:invigilate", pk=session.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "certification/invigilator_unlock.html", {"form": form}, status=status
    )


def _session(request, pk) -> CertificationSession:
    session = (
        CertificationSession.objects.select_related("centre").filter(pk=pk).first()
    )
    if session is None or pk not in _granted(request) or not session.is_open:
        raise Http404
    return session


def _rows(session):
    now = timezone.now()
    rows = candidate_rows(session, counts=True)
    for row in rows:
        if row["test"] is not None:
            services.certification_refresh(row["test"], now=now)
            row["remaining"] = row["test"].remaining_seconds(now)
            row["incident_form"] = IncidentForm(
                challenges=row["test"].picks, prefix=f"c{row['candidate'].pk}"
            )
    return rows


def session_page(request, pk):
    session = _session(request, pk)
    template = (
        "certification/invigilator_rows.html"
        if request.headers.get("HX-Request")
        else "certification/invigilator.html"
    )
    return render(request, template, {"session": session, "rows": _rows(session)})


@require_POST
def candidate_action(request, pk, candidate_pk, action):
    session = _session(request, pk)
    candidate = session.candidates.filter(pk=candidate_pk).first()
    if candidate is None or action not in ACTIONS:
        raise Http404
    granted = _granted(request)
    try:
        message = _act(request, candidate, action, granted)
    except services.CertificationError as error:
        return refuse(
            request,
            error,
            lambda: render(
                request,
                "certification/invigilator.html",
                {"session": session, "rows": _rows(session)},
            ),
        )
    messages.success(request, message)
    return redirect("certification:invigilate", pk=session.pk)


def _act(request, candidate, action, granted) -> str:
    user = request.user
    if action == "confirmer":
        services.presence_confirm(user=user, candidate=candidate, granted=granted)
        return _("Présence de %s confirmée.") % candidate.full_name
    if action in ("pause", "reprendre"):
        services.candidate_pause(
            user=user, candidate=candidate, granted=granted, paused=action == "pause"
        )
        return (
            _("Le test de %s est en pause.")
            if action == "pause"
            else _("Le test de %s reprend.")
        ) % candidate.full_name
    if action == "terminer":
        services.candidate_end(user=user, candidate=candidate, granted=granted)
        return _("Le test de %s est terminé.") % candidate.full_name
    test = getattr(candidate, "test", None)
    form = IncidentForm(
        request.POST,
        challenges=test.picks if test else (),
        prefix=f"c{candidate.pk}",
    )
    if not form.is_valid():
        raise services.InvalidInput(
            " ".join(error for errors in form.errors.values() for error in errors)
        )
    services.incident_report(
        user=user, candidate=candidate, granted=granted, **form.cleaned_data
    )
    return _("Incident signalé pour %s.") % candidate.full_name
