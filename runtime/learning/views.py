"""Learner pages: home, tests, checkpoints, results, tutorials, reports."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.messages import get_messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect
from wagtail import hooks

from runtime.domain import challenge_format
from runtime.enums import AssessmentState
from runtime.presentation.answers import answer_from_form
from runtime.presentation.markdown import render_markdown
from runtime.release_index import current_release_index, release_index

from . import forms, reports, services
from .access import learner_assessment
from .challenge_html import rendered_challenge, report_fields, step_main
from .forms import ProblemReportForm, SignUpForm
from .selectors import learner_profile, saved_tutorials
from .wheel import wheel_sectors


def home(request):
    """Show the profile: 16 competences by area, total pix and the wheel."""
    index = current_release_index()
    if not request.user.is_authenticated or index is None:
        return render(request, "runtime/landing.html", {"index": index})
    profile = learner_profile(request.user, index)
    areas: dict[str, dict] = {}
    for competence in profile:
        area = areas.setdefault(
            competence.area, {"title": competence.area_title, "competences": []}
        )
        area["competences"].append(competence)
    return render(
        request,
        "runtime/home.html",
        {
            "areas": areas,
            "total": sum(competence.pix for competence in profile),
            "max_level": settings.MAX_REACHABLE_LEVEL,
            "sectors": wheel_sectors(profile, settings.MAX_REACHABLE_LEVEL),
            "profile": profile,
        },
    )


def signup(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Bienvenue ! Choisissez une compétence pour commencer.")
        )
        return redirect("learner_home")
    return render(request, "runtime/signup.html", {"form": form})


@login_required
@require_POST
def competence_start(request, code):
    try:
        assessment = services.assessment_start(user=request.user, competence=code)
    except services.LearningError as error:
        messages.error(request, str(error))
        return redirect("learner_home")
    return redirect("assessment", pk=assessment.pk)


@login_required
@require_POST
def competence_reset(request, code):
    try:
        services.competence_reset(user=request.user, competence=code)
    except services.LearningError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("La compétence a été remise à zéro."))
    return redirect("learner_home")


def _safe_next(request, default: str) -> str:
    """Return the posted 'next' page when it is on this site, else default."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _render_step(request, assessment, *, main_only=False):
    """Render the current challenge, or send to the checkpoint or the result.

    ``main_only``: the answer request sent by htmx swaps the page's <main>,
    so only that is rendered.
    """
    kind, challenge, answered = services.assessment_step(assessment)
    if kind != "challenge":
        name = "assessment_result" if kind == "completed" else "assessment_checkpoint"
        url = reverse(name, args=[assessment.pk])
        return HttpResponseClientRedirect(url) if main_only else redirect(url)
    index = release_index(assessment.release_id)
    rendered = rendered_challenge(index, challenge.id)
    competence = reports.assessment_heading(assessment, index, challenge.skill)
    body = rendered.body(shuffle_seed=f"{assessment.pk}:{challenge.id}")
    if main_only:
        # The <main> is rendered once per challenge and language; only this
        # learner's values go in. Of what the context processors give, it
        # reads the messages (htmx sends the CSRF token from the page).
        messages_html = ""
        if messages := get_messages(request):
            messages_html = render_to_string(
                "runtime/messages.html", {"messages": messages}
            )
        main = step_main(index, competence, challenge.id).html(
            assessment=str(assessment.pk),
            position=str(answered + 1),
            body=body,
            messages=messages_html,
        )
        return HttpResponse(main)
    return render(
        request,
        "runtime/challenge.html",
        {
            "assessment": assessment,
            "competence": competence,
            "challenge_id": challenge.id,
            "challenge": rendered.presented,
            "body": body,
            "position": answered + 1,
            "report_fields": report_fields(),
        },
    )


@learner_assessment
def assessment(request, assessment):
    """Serve the current challenge, a checkpoint, or the result."""
    return _render_step(request, assessment)


@require_POST
@learner_assessment
def assessment_answer(request, assessment):
    """Record the answer (idempotent) then go to what comes next."""
    challenge_id = request.POST.get("challenge", "")
    index = release_index(assessment.release_id)
    challenge = index.challenges.get(challenge_id)
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
            assessment=assessment,
            challenge_id=challenge_id,
            value=value,
            skipped=skipped,
            focus_lost=request.POST.get("focus_lost") == "1",
        )
    except services.BlankAnswerError as error:
        messages.error(request, str(error))
    except services.LearningError as error:
        messages.warning(request, str(error))
    # One round trip with htmx: the answer, then what comes next. Read from
    # META: request.htmx would parse every header of the request for it.
    if request.META.get("HTTP_HX_REQUEST") == "true":
        return _render_step(request, assessment, main_only=True)
    return redirect("assessment", pk=assessment.pk)


@learner_assessment
def assessment_checkpoint(request, assessment):
    """Every 5 answers: each answer with its correction, hint and tutorials."""
    if request.method == "POST":
        services.checkpoint_acknowledge(
            assessment, answer_count=assessment.answers.count()
        )
        return redirect("assessment", pk=assessment.pk)
    index = release_index(assessment.release_id)
    corrections = reports.answer_corrections(
        reports.checkpoint_answers(assessment), index
    )
    rows = [
        {
            "correction": correction,
            "instruction_html": render_markdown(correction.challenge.instruction),
            "expected_choices": _expected_choices(correction),
        }
        for correction in corrections
    ]
    return render(
        request,
        "runtime/checkpoint.html",
        {
            "assessment": assessment,
            "rows": rows,
            "competence": reports.assessment_heading(assessment, index),
        },
    )


def _expected_choices(correction) -> list:
    """Return the right options' text: numbers mean nothing once shuffled."""
    expected = correction.expected
    if isinstance(expected, dict):
        return []
    numbers = [int(expected)] if isinstance(expected, str) else expected
    options = challenge_format.parse_choices(correction.challenge.proposals)
    return [render_markdown(options[n - 1]) for n in numbers if 0 < n <= len(options)]


@learner_assessment
def assessment_result(request, assessment):
    """The competence result: pix, level, validated skills, tutorials to go on."""
    if assessment.state != AssessmentState.COMPLETED:
        return redirect("assessment", pk=assessment.pk)
    result = reports.assessment_result(assessment, release_index(assessment.release_id))
    return render(
        request,
        "runtime/result.html",
        {
            "assessment": assessment,
            "score": result,
            "actions": _result_actions(request, assessment),
        },
    )


def _result_actions(request, assessment) -> list[tuple[str, str]]:
    """Return (label, url) of what other apps offer after a test (share a campaign).

    The runtime never imports them: they register a function under this
    Wagtail hook (runtime.orga does for campaign tests).
    """
    return [
        action
        for hook in hooks.get_hooks("assessment_result_actions")
        for action in hook(request, assessment)
    ]


@login_required
def my_tutorials(request):
    tutorials = saved_tutorials(request.user, current_release_index())
    return render(request, "runtime/tutorials.html", {"tutorials": tutorials})


@login_required
@require_POST
def tutorial_bookmark(request, tutorial_id, field):
    """Save or like a tutorial (toggle)."""
    if field not in services.BOOKMARK_FIELDS:
        raise Http404
    try:
        value = services.tutorial_bookmark_toggle(
            user=request.user, tutorial_id=tutorial_id, field=field
        )
    except services.UnknownItemError as error:
        raise Http404(str(error)) from error
    message = {
        ("saved", True): _("Tutoriel ajouté à « Mes tutos »."),
        ("saved", False): _("Tutoriel retiré de « Mes tutos »."),
        ("liked", True): _("Merci pour votre avis !"),
        ("liked", False): _("Avis retiré."),
    }[(field, value)]
    messages.success(request, message)
    return redirect(_safe_next(request, reverse("my_tutorials")))


@login_required
@require_POST
def report_problem(request, challenge_id):
    """Store a learner's problem report for the authors."""
    form = ProblemReportForm(request.POST)
    back = _safe_next(request, reverse("learner_home"))
    if not form.is_valid():
        messages.error(
            request, " ".join(e for errors in form.errors.values() for e in errors)
        )
        return redirect(back)
    try:
        services.problem_report_create(
            user=request.user,
            challenge_id=challenge_id,
            category=form.cleaned_data["category"],
            comment=form.cleaned_data["comment"],
        )
    except services.UnknownItemError as error:
        raise Http404(str(error)) from error
    messages.success(request, _("Merci, votre signalement a été transmis aux auteurs."))
    return redirect(back)


def _propose_tutorial(**proposal) -> None:
    """Hand a proposed tutorial to the app that reviews content.

    The runtime never imports authoring: authoring registers its service
    (authoring.services.tutorial_propose) under this Wagtail hook.
    """
    for propose in hooks.get_hooks("propose_tutorial"):
        propose(**proposal)


@login_required
def tutorial_proposal(request):
    """Let any learner or teacher propose a tutorial for a skill."""
    index = current_release_index()
    skill_uid = request.POST.get("skill") or request.GET.get("skill", "")
    skill = index.skills.get(skill_uid) if index else None
    if skill is None:
        raise Http404
    form = forms.TutorialProposalForm(
        request.POST or None, initial={"skill": skill_uid}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _propose_tutorial(
            user=request.user,
            skill_uid=skill_uid,
            title=data["title"],
            link=data["link"],
            source=data["source"],
            format=data["format"],
            minutes=data["minutes"],
        )
        messages.success(
            request,
            _(
                "Merci ! Votre tutoriel sera relu par la communauté avant "
                "d'être proposé."
            ),
        )
        return redirect("learner_home")
    return render(
        request, "runtime/tutorial_proposal.html", {"form": form, "skill": skill}
    )
