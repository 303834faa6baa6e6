"""Admin views: the review queue, an item's review page, reviewer activity."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from authoring.checks import blocking_problems
from preview.modes import present_draft
from preview.trying import try_answer
from runtime.presentation.answers import answer_from_form

from . import services
from .calibration import calibration_flags
from .forms import CommentForm, VoteForm
from .permissions import (
    can_review,
    can_see_reviewer_activity,
    can_see_solution,
    can_vote,
)
from .selectors import (
    current_review,
    item_comments,
    item_review,
    learner_report,
    learner_reports,
    own_vote,
    review_queue,
    reviewed_item,
    reviewer_activity,
    skill_context,
)

OUTCOME_MESSAGES = {
    "pending": _("Vote enregistré. Le quorum n'est pas encore atteint."),
    "approved": _("Vote enregistré : le quorum est atteint, place à la validation."),
    "changes_requested": _("Vote enregistré : des modifications sont demandées."),
    "rejected": _("Vote enregistré : le contenu est renvoyé à son auteur."),
}
CHALLENGE = "challenge"


def _require_review(request) -> None:
    if not can_review(request.user):
        raise PermissionDenied


def queue(request):
    """Proposed challenges waiting for a vote, filterable; hints and tutorials."""
    _require_review(request)
    items = review_queue(
        request.user,
        (CHALLENGE,),
        competence=request.GET.get("competence") or None,
        level=request.GET.get("level") or None,
        challenge_type=request.GET.get("type") or None,
    )
    others = review_queue(request.user, ("hint", "tutorial"))
    context = {
        "items": items,
        "others": others,
        "filters": request.GET,
        "calibration_flags": calibration_flags(),
    }
    return render(request, "review/queue.html", context)


def _item_url(kind: str, pk: int) -> str:
    return reverse("review:other_item", args=[kind, pk])


def _challenge_context(request, obj, latest) -> dict:
    """Return what only a challenge's review shows.

    Its try, learner reports, skill with hint and tutorials, and the solution
    with its tolerances once the reviewer has tried this version.
    """
    return {
        "challenge": present_draft(latest),
        "reports": learner_reports(obj),
        "try": request.session.pop(f"review-try-{obj.pk}", None),
        "show_solution": can_see_solution(request.user, obj),
        "tolerances": [
            type(latest)._meta.get_field(f"tolerance_{name}").verbose_name
            for name in latest.tolerances
        ],
        **skill_context(latest.skill),
    }


def _vote_form(obj, user) -> tuple[VoteForm, object]:
    """Return the vote form, filled with the user's vote when there is one."""
    vote = own_vote(obj, user)
    if vote is None:
        return VoteForm(), None
    fields = ("decision", "accuracy", "clarity", "level_fit", "accessibility")
    initial = {name: getattr(vote, name) for name in fields}
    return VoteForm(initial={**initial, "comment": vote.comment}), vote


def item(request, pk, kind=CHALLENGE):
    """An item's review: its content, votes, a vote form, comments.

    A challenge also shows its preview, a try and the learners' reports.
    """
    _require_review(request)
    obj = reviewed_item(kind, pk)
    latest = obj.get_latest_revision_as_object()
    task, _state = current_review(obj)
    vote_form, voted = _vote_form(obj, request.user)
    context = {
        "object": obj,
        "latest": latest,
        "kind": kind,
        "blocking": blocking_problems(latest),
        "review": item_review(obj),
        "in_review": task is not None,
        "can_vote": can_vote(request.user, obj),
        "vote_form": vote_form,
        "own_vote": voted,
        "comments": item_comments(obj),
    }
    if kind == CHALLENGE:
        context.update(_challenge_context(request, obj, latest))
    return render(request, "review/item.html", context)


def _say_errors(request, form) -> None:
    """Tell the form's errors as one message on the page the user goes back to."""
    messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))


@require_POST
def vote(request, pk, kind=CHALLENGE):
    """Validate the vote form, cast the vote, say the outcome; redirect."""
    obj, back = reviewed_item(kind, pk), _item_url(kind, pk)
    form = VoteForm(request.POST)
    if not form.is_valid():
        _say_errors(request, form)
        return redirect(back)
    try:
        outcome = services.vote_cast(
            obj=obj,
            user=request.user,
            decision=form.cleaned_data["decision"],
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
        )
    except services.ReviewError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, OUTCOME_MESSAGES[outcome])
    return redirect("review:queue")


@require_POST
def try_it(request, pk):
    """A reviewer's try: checked like a learner's, kept as a beta answer."""
    _require_review(request)
    obj = reviewed_item(CHALLENGE, pk)
    challenge = obj.get_latest_revision_as_object()
    result = try_answer(
        spec=challenge.to_check_spec(),
        challenge_type=challenge.type,
        proposals=challenge.proposals,
        data=request.POST,
        show_matches=False,
    )
    services.beta_try_record(
        obj=obj,
        user=request.user,
        answer=answer_from_form(challenge.type, challenge.proposals, request.POST),
        result=result["result"],
    )
    request.session[f"review-try-{pk}"] = result
    return redirect("review:item", pk=pk)


@require_POST
def comment(request, pk, kind=CHALLENGE):
    """Validate the comment form, post the comment or reply; redirect to its thread."""
    _require_review(request)
    obj, back = reviewed_item(kind, pk), _item_url(kind, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        _say_errors(request, form)
        return redirect(back)
    try:
        services.comment_post(
            obj=obj,
            user=request.user,
            text=form.cleaned_data["text"],
            parent_id=form.cleaned_data["parent"],
        )
    except services.ReviewError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, _("Commentaire publié."))
    return redirect(f"{back}#commentaires")


def activity(request):
    """Per reviewer: number of reviews and agreement with final decisions."""
    if not can_see_reviewer_activity(request.user):
        raise PermissionDenied
    return render(request, "review/activity.html", {"rows": reviewer_activity()})


@require_POST
def report_status(request, pk, report_pk):
    """Authors close (or reopen) the learner reports of their challenge."""
    report = learner_report(reviewed_item(CHALLENGE, pk), report_pk)
    try:
        services.report_set_status(
            report=report,
            user=request.user,
            status=request.POST.get("status", "resolved"),
        )
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Signalement mis à jour."))
    return redirect("review:item", pk=pk)
