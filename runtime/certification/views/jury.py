"""The jury's pages: finalised sessions, answers, incidents, decisions, publication."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import JuryDecisionForm
from ..models import CertificationAnswer
from ..permissions import can_judge
from .common import refuse


def _judge(request) -> None:
    if not can_judge(request.user):
        raise PermissionDenied


@login_required
def session_list(request):
    _judge(request)
    return render(
        request, "certification/jury_list.html", {"sessions": selectors.jury_sessions()}
    )


def _session_page(request, session):
    return render(
        request,
        "certification/jury_session.html",
        {
            "session": session,
            "tests": selectors.jury_tests(session),
            "form": JuryDecisionForm(),
        },
    )


@login_required
def session_detail(request, pk):
    _judge(request)
    session = selectors.jury_session(pk)
    if session is None:
        raise Http404
    return _session_page(request, session)


@login_required
@require_POST
def answer_decision(request, pk):
    _judge(request)
    answer = (
        CertificationAnswer.objects.select_related("test__candidate__session")
        .filter(pk=pk)
        .first()
    )
    if answer is None:
        raise Http404
    session = answer.test.candidate.session
    form = JuryDecisionForm(request.POST)
    comment = form.data.get("comment", "") if form.is_valid() else ""
    try:
        services.answer_neutralisation_set(
            user=request.user,
            answer=answer,
            neutralised=request.POST.get("neutralise") == "1",
            comment=comment,
        )
    except services.CertificationError as error:
        return refuse(request, error, lambda: _session_page(request, session))
    messages.success(request, _("Décision enregistrée ; le résultat est recalculé."))
    return redirect("certification:jury_session", pk=session.pk)


@login_required
@require_POST
def session_publish(request, pk):
    _judge(request)
    session = selectors.jury_session(pk)
    if session is None:
        raise Http404
    try:
        count = services.session_publish(user=request.user, session=session)
    except services.CertificationError as error:
        return refuse(request, error, lambda: _session_page(request, session))
    messages.success(request, _("%(count)d résultats publiés.") % {"count": count})
    return redirect("certification:jury_session", pk=session.pk)
