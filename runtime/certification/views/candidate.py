"""The learner's certification pages: eligibility, joining, the test, certificates."""

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from runtime.learning.challenge_html import rendered_challenge
from runtime.presentation.answers import answer_from_form
from runtime.release_index import release_index

from .. import selectors, services
from ..enums import TestState
from ..forms import JoinForm
from ..models import Candidate
from ..permissions import can_judge
from .common import refuse


def _home(request, form=None, status=200):
    return render(
        request,
        "certification/learner_home.html",
        {
            "eligibility": selectors.eligibility(request.user),
            "candidacies": selectors.own_candidacies(request.user),
            "form": form or JoinForm(),
            "required": selectors.ELIGIBLE_COMPETENCES,
            "is_member": selectors.member_centres(request.user).exists(),
            "is_jury": can_judge(request.user),
        },
        status=status,
    )


@login_required
def learner_home(request):
    """Eligibility, enrolments, the access code form and the certificates."""
    return _home(request)


@login_required
@require_POST
def join(request):
    form = JoinForm(request.POST)
    if not form.is_valid():
        return _home(request, form, status=422)
    try:
        candidate = services.candidate_join(
            user=request.user,
            address=get_client_ip_address(request),
            **form.cleaned_data,
        )
    except services.CertificationError as error:
        return refuse(request, error, lambda: _home(request, form))
    return redirect("certification:candidacy", pk=candidate.pk)


def _own_candidate(request, pk) -> Candidate:
    candidate = (
        Candidate.objects.select_related("session", "session__centre")
        .filter(pk=pk, user=request.user)
        .first()
    )
    if candidate is None:
        raise Http404
    return candidate


@login_required
def candidacy(request, pk):
    """Wait for the invigilator's confirmation, then start (htmx polls this)."""
    candidate = _own_candidate(request, pk)
    test = getattr(candidate, "test", None)
    if test is None and candidate.presence_confirmed_at and candidate.session.is_open:
        try:
            test = services.certification_start(user=request.user, candidate=candidate)
        except services.CertificationError as error:
            messages.error(request, str(error))
    if test is not None:
        url = reverse("certification:test", args=[test.pk])
        if request.headers.get("HX-Request"):
            response = render(request, "certification/empty.html")
            response["HX-Redirect"] = url
            return response
        return redirect("certification:test", pk=test.pk)
    template = (
        "certification/waiting_status.html"
        if request.headers.get("HX-Request")
        else "certification/waiting.html"
    )
    return render(request, template, {"candidate": candidate})


def _own_test(request, pk):
    test = selectors.own_test(request.user, pk)
    if test is None:
        raise Http404
    return test


@login_required
def test_page(request, pk):
    """The current challenge, with the time left; the end when it is over."""
    test = _own_test(request, pk)
    pick = services.current_pick(test)
    if pick is None:
        return render(
            request,
            "certification/test_paused.html"
            if test.state == TestState.STARTED
            else "certification/test_ended.html",
            {"test": test},
        )
    index = release_index(test.release_id)
    rendered = rendered_challenge(index, pick["challenge"])
    return render(
        request,
        "certification/test_step.html",
        {
            "test": test,
            "pick": pick,
            "number": pick["position"] + 1,
            "total": services.planned_length(test),
            "competence": index.competences[pick["competence"]],
            "challenge": rendered.presented,
            "body": rendered.body(shuffle_seed=f"cert:{test.pk}:{pick['challenge']}"),
            "remaining": test.remaining_seconds(timezone.now()),
        },
    )


@login_required
@require_POST
def test_answer(request, pk):
    """Record the answer once, then show what comes next."""
    test = _own_test(request, pk)
    challenge_id = request.POST.get("challenge", "")
    challenge = release_index(test.release_id).challenges.get(challenge_id)
    if challenge is None:
        raise Http404
    skipped = "skip" in request.POST
    value = (
        None
        if skipped
        else answer_from_form(challenge.type, challenge.proposals, request.POST)
    )
    try:
        services.answer_record(
            user=request.user,
            test=test,
            challenge_id=challenge_id,
            value=value,
            skipped=skipped,
            focus_lost=request.POST.get("focus_lost") == "1",
        )
    except services.CertificationError as error:
        messages.error(request, str(error))
    return redirect("certification:test", pk=test.pk)
