"""Admin views: the review queue, an item's review page, reviewer activity."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from authoring.models import Challenge, Hint, Tutorial
from preview.presenter import present_challenge
from preview.trying import try_answer
from runtime.models import ProblemReport

from . import services
from .forms import CommentForm, VoteForm
from .selectors import (
    item_comments,
    item_review,
    review_queue,
    review_queue_others,
    reviewer_activity,
)

OUTCOME_MESSAGES = {
    "pending": _("Vote enregistré. Le quorum n'est pas encore atteint."),
    "approved": _("Vote enregistré : le quorum est atteint, place à la validation."),
    "changes_requested": _("Vote enregistré : des modifications sont demandées."),
    "rejected": _("Vote enregistré : le contenu est renvoyé à son auteur."),
}


def _can_see(user) -> bool:
    return user.has_perm("authoring.view_challenge")


def queue(request):
    """Proposed challenges waiting for a vote, filterable."""
    if not _can_see(request.user):
        raise PermissionDenied
    items = review_queue(
        request.user,
        competence=request.GET.get("competence") or None,
        level=request.GET.get("level") or None,
        challenge_type=request.GET.get("type") or None,
    )
    context = {
        "items": items,
        "others": review_queue_others(request.user),
        "filters": request.GET,
    }
    return render(request, "review/queue.html", context)


def _challenge(pk) -> Challenge:
    challenge = get_object_or_404(Challenge, pk=pk)
    return challenge


def item(request, pk):
    """A challenge's review: preview, try, vote, votes, comments, reports."""
    if not _can_see(request.user):
        raise PermissionDenied
    challenge = _challenge(pk)
    latest = challenge.get_latest_revision_as_object()
    task, _state = services.current_review(challenge)
    return render(
        request,
        "review/item.html",
        {
            "object": challenge,
            "challenge": present_challenge(latest),
            "review": item_review(challenge),
            "in_review": task is not None,
            "can_vote": task is not None
            and task._is_reviewer(request.user)
            and not services.is_author(challenge, request.user),
            "vote_form": VoteForm(),
            "comments": item_comments(challenge),
            "reports": ProblemReport.objects.filter(challenge=challenge.uid),
            "blocking": services.blocking_problems(latest),
            "try": request.session.pop(f"review-try-{pk}", None),
        },
    )


def _say_errors(request, form) -> None:
    """Tell the form's errors as one message on the page the user goes back to."""
    messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))


def _cast_vote(request, obj, back):
    """Validate the vote form, cast the vote, say the outcome; redirect."""
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
def vote(request, pk):
    return _cast_vote(request, _challenge(pk), reverse("review:item", args=[pk]))


@require_POST
def try_it(request, pk):
    """A reviewer's try: checked like a learner's, kept as a beta answer."""
    if not _can_see(request.user):
        raise PermissionDenied
    challenge = _challenge(pk).get_latest_revision_as_object()
    result = try_answer(
        spec=challenge.to_check_spec(),
        challenge_type=challenge.type,
        proposals=challenge.proposals,
        data=request.POST,
        show_matches=False,
    )
    from preview.answers import answer_from_form

    services.beta_try_record(
        obj=_challenge(pk),
        user=request.user,
        answer=answer_from_form(challenge.type, challenge.proposals, request.POST),
        result=result["result"],
    )
    request.session[f"review-try-{pk}"] = result
    return redirect("review:item", pk=pk)


def _post_comment(request, obj, back: str):
    """Validate the comment form, post the comment or reply; redirect to its thread."""
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


@require_POST
def comment(request, pk):
    if not _can_see(request.user):
        raise PermissionDenied
    return _post_comment(request, _challenge(pk), reverse("review:item", args=[pk]))


def activity(request):
    """Per reviewer: number of reviews and agreement with final decisions."""
    if not request.user.has_perm("authoring.publish_challenge"):
        raise PermissionDenied
    return render(request, "review/activity.html", {"rows": reviewer_activity()})


OTHER_MODELS = {"hint": Hint, "tutorial": Tutorial}


def _other(kind: str, pk: int):
    if kind not in OTHER_MODELS:
        raise Http404
    return get_object_or_404(OTHER_MODELS[kind], pk=pk)


def other_item(request, kind, pk):
    """A hint's or tutorial's review: its content, the votes, a vote form."""
    if not _can_see(request.user):
        raise PermissionDenied
    obj = _other(kind, pk)
    latest = obj.get_latest_revision_as_object()
    task, _state = services.current_review(obj)
    return render(
        request,
        "review/other_item.html",
        {
            "object": obj,
            "latest": latest,
            "blocking": services.blocking_problems(latest),
            "kind": kind,
            "review": item_review(obj),
            "in_review": task is not None,
            "can_vote": task is not None
            and task._is_reviewer(request.user)
            and not services.is_author(obj, request.user),
            "vote_form": VoteForm(),
            "comments": item_comments(obj),
        },
    )


@require_POST
def other_vote(request, kind, pk):
    back = reverse("review:other_item", args=[kind, pk])
    return _cast_vote(request, _other(kind, pk), back)


@require_POST
def other_comment(request, kind, pk):
    if not _can_see(request.user):
        raise PermissionDenied
    back = reverse("review:other_item", args=[kind, pk])
    return _post_comment(request, _other(kind, pk), back)


@require_POST
def report_status(request, pk, report_pk):
    """Authors close (or reopen) the learner reports of their challenge."""
    from runtime.models import ProblemReport

    challenge = _challenge(pk)
    report = get_object_or_404(ProblemReport, pk=report_pk, challenge=challenge.uid)
    services.report_set_status(
        report=report, user=request.user, status=request.POST.get("status", "resolved")
    )
    messages.success(request, _("Signalement mis à jour."))
    return redirect("review:item", pk=pk)
