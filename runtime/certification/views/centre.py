"""Centre members' pages: sessions, candidates, CSV import, finalisation, results."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..candidate_import import parse_candidates
from ..enums import TestState
from ..forms import (
    CandidateForm,
    CandidateImportForm,
    FinaliseForm,
    SessionForm,
)
from ..models import IncidentReport
from .common import member_session_view, refuse

PASSWORD_KEY = "certification-invigilator-password"  # noqa: S105 - a session key


@login_required
def centre_list(request):
    centres = list(selectors.member_centres(request.user))
    if len(centres) == 1:
        return redirect("certification:centre", pk=centres[0].pk)
    return render(request, "certification/centre_list.html", {"centres": centres})


@login_required
def centre_detail(request, pk):
    centre = selectors.member_centre(request.user, pk)
    if centre is None:
        raise Http404
    sessions = centre.sessions.order_by("-date", "-time")
    return render(
        request,
        "certification/centre_detail.html",
        {"centre": centre, "sessions": sessions},
    )


@login_required
def session_create(request, pk):
    centre = selectors.member_centre(request.user, pk)
    if centre is None:
        raise Http404
    reason = services.adaptive_unavailable_reason()
    form = SessionForm(request.POST or None, adaptive_reason=reason)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                session, password = services.session_create(
                    user=request.user, centre=centre, **form.cleaned_data
                )
            except services.CertificationError as error:
                form.add_error(None, str(error))
            else:
                request.session[PASSWORD_KEY] = [session.pk, password]
                messages.success(request, _("La session a été créée."))
                return redirect("certification:session", pk=session.pk)
        status = 422
    return render(
        request,
        "certification/session_form.html",
        {"centre": centre, "form": form},
        status=status,
    )


@member_session_view
def session_edit(request, session):
    reason = services.adaptive_unavailable_reason()
    form = SessionForm(request.POST or None, instance=session, adaptive_reason=reason)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.session_update(
                    user=request.user, session=session, **form.cleaned_data
                )
            except services.CertificationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("La session a été modifiée."))
                return redirect("certification:session", pk=session.pk)
        status = 422
    return render(
        request,
        "certification/session_form.html",
        {"centre": session.centre, "form": form, "session": session},
        status=status,
    )


def _session_page(request, session, *, candidate_form=None, finalise_form=None):
    shown = request.session.pop(PASSWORD_KEY, None)
    password = shown[1] if shown and shown[0] == session.pk else None
    rows = selectors.candidate_rows(session)
    incidents = IncidentReport.objects.filter(
        test__candidate__session=session
    ).select_related("test__candidate")
    return render(
        request,
        "certification/session_detail.html",
        {
            "session": session,
            "rows": rows,
            "password": password,
            "candidate_form": candidate_form or CandidateForm(),
            "import_form": CandidateImportForm(),
            "finalise_form": finalise_form or FinaliseForm(),
            "incidents": incidents,
            "running": [
                row for row in rows if row["test"] and row["test"].state == "started"
            ],
            "now": timezone.now(),
        },
    )


@member_session_view
def session_detail(request, session):
    return _session_page(request, session)


@require_POST
@member_session_view
def candidate_add(request, session):
    form = CandidateForm(request.POST)
    if not form.is_valid():
        response = _session_page(request, session, candidate_form=form)
        response.status_code = 422
        return response
    try:
        services.candidate_add(user=request.user, session=session, **form.cleaned_data)
    except services.CertificationError as error:
        return refuse(
            request, error, lambda: _session_page(request, session, candidate_form=form)
        )
    messages.success(request, _("Le candidat est inscrit."))
    return redirect("certification:session", pk=session.pk)


@require_POST
@member_session_view
def candidate_remove(request, session, candidate_pk):
    candidate = session.candidates.filter(pk=candidate_pk).first()
    if candidate is None:
        raise Http404
    try:
        services.candidate_remove(user=request.user, candidate=candidate)
    except services.CertificationError as error:
        return refuse(request, error, lambda: _session_page(request, session))
    messages.success(request, _("Le candidat a été retiré de la session."))
    return redirect("certification:session", pk=session.pk)


@member_session_view
def candidate_import(request, session):
    """Upload → every row and error shown → confirm: all rows saved, or none."""
    if request.method != "POST":
        return redirect("certification:session", pk=session.pk)
    form = CandidateImportForm(request.POST, request.FILES)
    form.is_valid()
    upload = form.cleaned_data.get("file")
    raw = upload.read() if upload else form.cleaned_data.get("content", "")
    if not raw:
        messages.error(request, _("Choisissez un fichier CSV."))
        return redirect("certification:session", pk=session.pk)
    rows, errors = parse_candidates(raw, today=timezone.localdate())
    content = raw.decode("utf-8-sig", "replace") if isinstance(raw, bytes) else raw
    if not errors and "confirm" in request.POST:
        try:
            count = services.candidates_import(
                user=request.user, session=session, rows=rows
            )
        except services.CertificationError as error:
            errors = [str(error)]
        else:
            messages.success(
                request, _("%(count)d candidats inscrits.") % {"count": count}
            )
            return redirect("certification:session", pk=session.pk)
    return render(
        request,
        "certification/candidate_import.html",
        {
            "session": session,
            "rows": rows,
            "errors": errors,
            "content": content,
        },
        status=422 if errors else 200,
    )


@require_POST
@member_session_view
def invigilator_password_renew(request, session):
    try:
        password = services.invigilator_password_renew(
            user=request.user, session=session
        )
    except services.CertificationError as error:
        return refuse(request, error, lambda: _session_page(request, session))
    request.session[PASSWORD_KEY] = [session.pk, password]
    return redirect("certification:session", pk=session.pk)


@require_POST
@member_session_view
def session_finalise(request, session):
    form = FinaliseForm(request.POST)
    if not form.is_valid():
        response = _session_page(request, session, finalise_form=form)
        response.status_code = 422
        return response
    confirmed = set()
    for value in request.POST.getlist("incident"):
        if not value.isdigit():
            raise Http404
        confirmed.add(int(value))
    try:
        services.session_finalise(
            user=request.user,
            session=session,
            confirmed_incidents=confirmed,
            comment=form.cleaned_data["comment"],
        )
    except services.CertificationError as error:
        return refuse(
            request, error, lambda: _session_page(request, session, finalise_form=form)
        )
    messages.success(
        request, _("La session est finalisée : elle est transmise au jury.")
    )
    return redirect("certification:session", pk=session.pk)


@member_session_view
def results_csv(request, session):
    """One line per candidate: identity, status, and published results."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="resultats-session-{session.pk}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    codes = sorted(
        {
            item["competence"]
            for row in selectors.candidate_rows(session)
            if row["test"] and hasattr(row["test"], "result")
            for item in row["test"].result.competences
        }
    )
    writer.writerow(
        [
            _("Prénom"),
            _("Nom"),
            _("Date de naissance"),
            _("Identifiant externe"),
            _("Statut"),
            _("Pix certifiés"),
            _("Code de vérification"),
            *[_("Niveau %s") % code for code in codes],
        ]
    )
    for row in selectors.candidate_rows(session):
        candidate, test = row["candidate"], row["test"]
        result = getattr(test, "result", None) if test else None
        published = result is not None and result.published_at is not None
        levels = {}
        if published:
            levels = {item["competence"]: item["level"] for item in result.competences}
        writer.writerow(
            [
                _csv_cell(candidate.first_name),
                _csv_cell(candidate.last_name),
                candidate.birth_date.strftime("%d/%m/%Y"),
                _csv_cell(candidate.external_id),
                _status(test, result),
                result.pix if published and not result.rejected else "",
                result.verification_code or "" if published else "",
                *["" if levels.get(code) is None else levels[code] for code in codes],
            ]
        )
    return response


def _csv_cell(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _status(test, result) -> str:
    if test is None:
        return _("Absent")
    if test.state == TestState.STARTED:
        return _("En cours")
    if result is None or result.published_at is None:
        return _("En attente du jury")
    return _("Rejetée") if result.rejected else _("Certifié")
