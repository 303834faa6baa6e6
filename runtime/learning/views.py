"""Learner pages: home, tests, checkpoints, results, tutorials, reports."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.messages import get_messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect
from wagtail import hooks

from runtime.enums import AssessmentState, KnowledgeStatus
from runtime.presentation.answers import answer_from_form
from runtime.release_index import current_release_index, release_index

from . import forms, reports, services
from . import signup as signup_flow
from .access import learner_assessment
from .challenge_html import rendered_challenge, report_fields, step_main
from .corrections import correction_rows
from .forms import ProblemReportForm, SignUpForm
from .selectors import (
    competence_page,
    learner_profile,
    recommended_tutorials,
    saved_tutorials,
    skills_as_learners_read_them,
    tutorial_competences,
    tutorial_marks,
)
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
    """Sign up: the same answer whether or not the address has an account.

    An e-mail goes to the address either way (learning/signup.py); the
    account exists once its link is followed.
    """
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not signup_flow.take_sign_up_slot(
            email=data["email"], address=get_client_ip_address(request)
        ):
            minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
            form.add_error(
                None,
                ngettext(
                    "Trop de demandes pour cette adresse. Réessayez dans "
                    "%(minutes)d minute.",
                    "Trop de demandes pour cette adresse. Réessayez dans "
                    "%(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            return render(request, "runtime/signup.html", {"form": form}, status=429)
        signup_flow.sign_up_request(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            password=data["password1"],
            urls=lambda name, *args: request.build_absolute_uri(
                reverse(name, args=args)
            ),
        )
        return redirect("signup_sent")
    return render(request, "runtime/signup.html", {"form": form})


def signup_sent(request):
    """Say that an e-mail went out, without saying which one."""
    console = settings.DEBUG and settings.EMAIL_BACKEND.endswith("console.EmailBackend")
    return render(request, "runtime/signup_sent.html", {"console_mail": console})


def signup_confirm(request, key):
    """The link of the e-mail: a button creates the account and signs in.

    A GET changes nothing (mail scanners open links); the POST does.
    """
    if request.method == "POST":
        try:
            user = signup_flow.sign_up_confirm(key=key)
        except signup_flow.SignUpConfirmError as error:
            messages.error(request, str(error))
            return redirect("login")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _(
                "Bienvenue ! Votre compte est activé. Choisissez une compétence "
                "pour commencer."
            ),
        )
        return redirect("learner_home")
    pending = signup_flow.pending_sign_up(key)
    return render(
        request,
        "runtime/signup_confirm.html",
        {"pending": pending, "expired": str(signup_flow.EXPIRED)},
        status=200 if pending else 404,
    )


@login_required
def competence_detail(request, code):
    """A competence for the learner: level, skills, tutorials, what they may do."""
    index = current_release_index()
    marks = tutorial_marks(request.user)
    page = competence_page(request.user, index, code, marks=marks)
    if page is None:
        raise Http404(_("Cette compétence n'existe pas."))
    return render(
        request,
        "runtime/competence.html",
        {
            "page": page,
            "competence": index.competences[code],
            "max_level": settings.MAX_REACHABLE_LEVEL,
            "marks": marks,
        },
    )


@login_required
@require_POST
def competence_start(request, code):
    """Start or resume a test; refused (nothing created) before the delay."""
    try:
        assessment = services.assessment_start(user=request.user, competence=code)
    except services.LearningError as error:
        messages.error(request, str(error))
        index = current_release_index()
        if index is not None and code in index.competences:
            return redirect("competence_detail", code=code)
        return redirect("learner_home")
    return redirect("assessment", pk=assessment.pk)


@login_required
def competence_reset(request, code):
    """Ask for confirmation, then reset the competence to 0 pix."""
    index = current_release_index()
    page = competence_page(request.user, index, code)
    if page is None:
        raise Http404(_("Cette compétence n'existe pas."))
    if request.method != "POST":
        if not page.profile.can_reset:
            messages.error(
                request, _("Cette compétence ne peut pas encore être remise à zéro.")
            )
            return redirect("competence_detail", code=code)
        return render(
            request,
            "runtime/competence_reset.html",
            {"page": page, "competence": index.competences[code]},
        )
    try:
        services.competence_reset(user=request.user, competence=code)
    except services.LearningError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("La compétence a été remise à zéro."))
    return redirect("competence_detail", code=code)


def _safe_next(request, default: str) -> str:
    """Return the posted 'next' page when it is on this site, else default."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# The tag of the message that goes next to the answer's fields, not above.
ANSWER_ERROR = "answer-error"


def _step_messages(request) -> tuple[list, str]:
    """Return the messages for the page's top, and the answer's error as HTML."""
    top, errors = [], []
    for message in get_messages(request):
        (errors if ANSWER_ERROR in message.extra_tags else top).append(message)
    error_html = "".join(
        format_html('<p class="fr-message fr-message--error">{}</p>', message)
        for message in errors
    )
    return top, mark_safe(error_html)  # noqa: S308 - each message is escaped


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
    position = answered + 1
    group_step = (position - 1) % settings.CHECKPOINT_EVERY + 1
    top_messages, answer_error = _step_messages(request)
    context = {
        "assessment": assessment,
        "competence": competence,
        "challenge_id": challenge.id,
        "challenge": rendered.presented,
        "position": position,
        "group_step": group_step,
        "group_size": settings.CHECKPOINT_EVERY,
        "messages": top_messages,
    }
    if challenge.timer:  # rare: rendered for each learner, with their time left
        context.update(body=body, answer_error=answer_error)
        return _render_timed_step(request, context, challenge, main_only=main_only)
    if main_only:
        # The <main> is rendered once per challenge and language; only this
        # learner's values go in. Of what the context processors give, it
        # reads the messages (htmx sends the CSRF token from the page).
        messages_html = ""
        if top_messages:
            messages_html = render_to_string(
                "runtime/messages.html", {"messages": top_messages}
            )
        main = step_main(index, competence, challenge.id).html(
            assessment=str(assessment.pk),
            position=str(position),
            group_step=str(group_step),
            body=body,
            messages=messages_html,
            answer_error=answer_error,
        )
        return HttpResponse(main)
    context.update(body=body, answer_error=answer_error, report_fields=report_fields())
    return render(request, "runtime/challenge.html", context)


def _render_timed_step(request, context, challenge, *, main_only):
    """Render a timed challenge: the warning before its clock starts, or the
    challenge with the seconds the server counts as left."""
    assessment = context["assessment"]
    warning = assessment.current_asked_at is None
    context.update(
        warning=warning,
        timed=not warning,
        remaining=services.remaining_seconds(assessment, challenge),
        report_fields=report_fields(),
    )
    if not main_only:
        return render(request, "runtime/challenge.html", context)
    context["messages_html"] = render_to_string(
        "runtime/messages.html", {"messages": context["messages"]}
    )
    return HttpResponse(render_to_string("runtime/challenge_main.html", context))


@require_POST
@learner_assessment
def assessment_timer_start(request, assessment):
    """Start the current timed challenge's clock, once the learner is ready."""
    if request.POST.get("challenge") == assessment.current_challenge:
        services.timed_challenge_start(assessment)
    return redirect("assessment", pk=assessment.pk)


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
        messages.error(request, str(error), extra_tags=ANSWER_ERROR)
    except services.LearningError as error:
        messages.warning(request, str(error))
    # One round trip with htmx: the answer, then what comes next. Read from
    # META: request.htmx would parse every header of the request for it.
    if request.META.get("HTTP_HX_REQUEST") == "true":
        return _render_step(request, assessment, main_only=True)
    return redirect("assessment", pk=assessment.pk)


@learner_assessment
def assessment_quit(request, assessment):
    """Leave a test: answers are kept, and the profile offers to resume it."""
    if assessment.state != AssessmentState.STARTED:
        return redirect("assessment", pk=assessment.pk)
    if request.method == "POST":
        messages.success(
            request,
            _(
                "Vos réponses sont enregistrées. Reprenez le test quand vous "
                "voulez depuis « Mon profil »."
            ),
        )
        return redirect("learner_home")
    index = release_index(assessment.release_id)
    current = index.challenges.get(assessment.current_challenge)
    return render(
        request,
        "runtime/assessment_quit.html",
        {
            "assessment": assessment,
            "competence": reports.assessment_heading(assessment, index),
            "answered": len(assessment.history),
            "timer_running": bool(
                current and current.timer and assessment.current_asked_at
            ),
        },
    )


@learner_assessment
def assessment_checkpoint(request, assessment):
    """Every 5 answers: each answer with its correction, hint and tutorials.

    Once the test is over, a final checkpoint shows the answers left, then
    the result.
    """
    if request.method == "POST":
        answer_count = services.answer_count(assessment)
        if services.checkpoint_due(assessment, answer_count):
            services.checkpoint_acknowledge(assessment, answer_count=answer_count)
        return redirect("assessment", pk=assessment.pk)
    answers = list(assessment.answers.all())
    if not services.checkpoint_due(assessment, len(answers)):
        return redirect("assessment", pk=assessment.pk)
    index = release_index(assessment.release_id)
    corrections = reports.answer_corrections(
        reports.checkpoint_answers(assessment, answers), index
    )
    first = assessment.checkpoints_seen * settings.CHECKPOINT_EVERY + 1
    return render(
        request,
        "runtime/checkpoint.html",
        {
            "assessment": assessment,
            "rows": correction_rows(corrections, first=first),
            "final": assessment.state == AssessmentState.COMPLETED,
            "competence": reports.assessment_heading(assessment, index),
            "marks": tutorial_marks(request.user),
        },
    )


def _finished(assessment):
    """Return None when the test and its final checkpoint are over, else where to go."""
    if assessment.state != AssessmentState.COMPLETED:
        return redirect("assessment", pk=assessment.pk)
    if services.checkpoint_due(assessment, services.answer_count(assessment)):
        return redirect("assessment_checkpoint", pk=assessment.pk)
    return None


@learner_assessment
def assessment_result(request, assessment):
    """The competence result: pix, level, validated skills, tutorials to go on."""
    if elsewhere := _finished(assessment):
        return elsewhere
    index = release_index(assessment.release_id)
    answers = list(assessment.answers.all())
    knowledge = list(assessment.knowledge.all())
    result = reports.assessment_result(
        assessment, index, answers=answers, knowledge=knowledge
    )
    validated = skills_as_learners_read_them(
        index,
        [
            element.skill
            for element in knowledge
            if element.status == KnowledgeStatus.VALIDATED
        ],
    )
    return render(
        request,
        "runtime/result.html",
        {
            "assessment": assessment,
            "score": result,
            "validated": validated,
            "answers": answers,
            "marks": tutorial_marks(request.user),
            "actions": _result_actions(request, assessment),
        },
    )


@learner_assessment
def assessment_corrections(request, assessment):
    """Every answer of a finished test with its correction, hint and tutorials."""
    if elsewhere := _finished(assessment):
        return elsewhere
    index = release_index(assessment.release_id)
    corrections = reports.answer_corrections(list(assessment.answers.all()), index)
    return render(
        request,
        "runtime/corrections.html",
        {
            "assessment": assessment,
            "rows": correction_rows(corrections),
            "competence": reports.assessment_heading(assessment, index),
            "marks": tutorial_marks(request.user),
        },
    )


MY_TUTORIALS_TABS = ("recommandes", "enregistres")


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
    """ "Mes tutos": recommended for the skills to work on, and saved; by competence."""
    index = current_release_index()
    marks = tutorial_marks(request.user)
    tab = request.GET.get("onglet", MY_TUTORIALS_TABS[0])
    competence = request.GET.get("competence", "")
    competences = list(index.competences.values()) if index else []
    status = 200
    if tab not in MY_TUTORIALS_TABS:
        tab = MY_TUTORIALS_TABS[0]
    if competence and competence not in {item.code for item in competences}:
        messages.error(request, _("Cette compétence n'existe pas."))
        competence, status = "", 400
    lists = {
        "recommandes": recommended_tutorials(request.user, index),
        "enregistres": saved_tutorials(request.user, index, marks),
    }
    for name, tutorials in lists.items():
        lists[name] = [
            {"tutorial": tutorial, "competences": codes}
            for tutorial in tutorials
            if (codes := tutorial_competences(index, tutorial))
            and (not competence or competence in codes)
        ]
    return render(
        request,
        "runtime/tutorials.html",
        {
            "recommended": lists["recommandes"],
            "saved": lists["enregistres"],
            "tab": tab,
            "competence": competence,
            "competences": competences,
            "marks": marks,
        },
        status=status,
    )


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
        ("liked", False): _("Vous n'indiquez plus aimer ce tutoriel."),
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
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _propose_tutorial(
                user=request.user,
                skill_uid=skill_uid,
                title=data["title"],
                link=data["link"],
                source=data["source"],
                format=data["format"],
                minutes=data["minutes"],
            )
        except services.TooManyRequestsError as error:
            form.add_error(None, str(error))
            status = 429
        else:
            messages.success(
                request,
                _(
                    "Merci ! Votre tutoriel sera relu par la communauté avant "
                    "d'être proposé."
                ),
            )
            return redirect("learner_home")
    # Learners know the subject by its title, not the internal @name.
    return render(
        request,
        "runtime/tutorial_proposal.html",
        {"form": form, "skill": skill, "tube": index.tubes[skill.tube]},
        status=status,
    )
