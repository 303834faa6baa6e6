"""Reads of the community review: the queue, votes per item, reviewer activity."""

from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.models import TaskState, WorkflowState

from authoring.enums import ContentStatus
from authoring.models import Challenge, Hint, Tutorial
from review.domain.quorum import agreement_rate
from runtime.models import ProblemReport

from .models import BetaTry, CommunityReviewTask, ReviewComment, Vote

REVIEWED_MODELS = {"challenge": Challenge, "hint": Hint, "tutorial": Tutorial}
QUEUE_RELATED = {
    "challenge": ("skill__tube__competence", "latest_revision"),
    "hint": ("skill", "latest_revision"),
    "tutorial": ("latest_revision",),
}


def reviewed_item(kind: str, pk: int):
    """Return the challenge, hint or tutorial reviewed, or raise Http404."""
    if kind not in REVIEWED_MODELS:
        raise Http404
    return get_object_or_404(REVIEWED_MODELS[kind], pk=pk)


def current_review(obj) -> tuple[CommunityReviewTask, object] | tuple[None, None]:
    """Return the community task and task state the item is on, if any."""
    state = getattr(obj, "current_workflow_task_state", None)
    if state is None:
        return None, None
    task = state.task.specific
    if not isinstance(task, CommunityReviewTask):
        return None, None
    return task, state


def is_author(obj, user) -> bool:
    """Return whether the user saved a revision of the item."""
    return obj.revisions.filter(user=user).exists()


def review_queue(
    user,
    kinds: tuple[str, ...] = ("challenge",),
    *,
    competence=None,
    level=None,
    challenge_type=None,
) -> list:
    """Return the items of these kinds waiting for this reviewer's vote.

    Newest first within a kind. Each item carries ``review_kind``,
    ``queue_votes`` and ``queue_voted``. The filters apply to challenges.
    Bounded queries whatever the queue length: the tasks, then per kind its
    task states and its items, then the votes — each in one query.
    """
    tasks = [
        task
        for task in CommunityReviewTask.objects.filter(active=True)
        if task.is_reviewer(user)
    ]
    filters = {
        "skill__tube__competence__code": competence,
        "skill__level": level,
        "type": challenge_type,
    }
    items = [
        item
        for kind in kinds
        for item in _in_review(kind, tasks, {k: v for k, v in filters.items() if v})
    ]
    votes = _votes_by_revision([item.latest_revision_id for item in items])
    for item in items:
        item.queue_votes = votes.get(item.latest_revision_id, Counter())
        item.queue_voted = user.pk in item.queue_votes.get("voters", set())
    return items


def _in_review(kind: str, tasks: list, filters: dict) -> list:
    """Return the items of a kind on these tasks, newest first, filtered."""
    model = REVIEWED_MODELS[kind]
    states = TaskState.objects.filter(
        task__in=tasks,
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__base_content_type=ContentType.objects.get_for_model(model),
    ).values_list("workflow_state__object_id", flat=True)
    items = list(
        model.objects.filter(pk__in=[int(pk) for pk in states], **filters)
        .select_related(*QUEUE_RELATED[kind])
        .order_by("-latest_revision__created_at")
    )
    for item in items:
        item.review_kind = kind
    return items


def _votes_by_revision(revision_ids) -> dict:
    counts: dict = defaultdict(Counter)
    for revision_id, decision, reviewer_id in Vote.objects.filter(
        revision_id__in=revision_ids
    ).values_list("revision_id", "decision", "reviewer_id"):
        counts[revision_id][decision] += 1
        counts[revision_id].setdefault("voters", set()).add(reviewer_id)
    return counts


def item_review(obj) -> dict:
    """Return votes (current and outdated), tries and comments of an item."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    reference = {"content_type": content_type, "object_id": str(obj.pk)}
    votes = list(Vote.objects.filter(**reference).select_related("reviewer"))
    tries = BetaTry.objects.filter(**reference).aggregate(
        total=Count("id"), successes=Count("id", filter=Q(result="ok"))
    )
    return {
        "current_votes": [v for v in votes if v.revision_id == obj.latest_revision_id],
        "outdated_votes": [v for v in votes if v.revision_id != obj.latest_revision_id],
        "tries": tries["total"],
        "try_success_rate": (
            round(100 * tries["successes"] / tries["total"]) if tries["total"] else None
        ),
    }


def item_comments(obj) -> list[ReviewComment]:
    """Return an item's threads, oldest first, each with its replies.

    Each comment says whether it was written on an earlier revision
    (``outdated``). Two queries whatever the number of comments.
    """
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    threads = list(
        ReviewComment.objects.filter(
            content_type=content_type, object_id=str(obj.pk), parent__isnull=True
        )
        .select_related("author")
        .prefetch_related(
            Prefetch("replies", queryset=ReviewComment.objects.select_related("author"))
        )
    )
    for thread in threads:
        for comment in (thread, *thread.replies.all()):
            comment.outdated = comment.revision_id != obj.latest_revision_id
    return threads


def reviewer_activity() -> list[dict]:
    """Return per reviewer: votes cast and agreement with final decisions.

    Only decided challenges count: validated ones (an approve agrees) and those
    sent back to their author or withdrawn (a changes request or reject agrees).
    """
    votes = list(
        Vote.objects.values_list("reviewer__username", "decision", "object_id")
    )
    ids = {int(object_id) for _, _, object_id in votes}
    statuses = dict(Challenge.objects.filter(pk__in=ids).values_list("pk", "status"))
    undecided = {
        int(pk)
        for pk in WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, object_id__in=[str(i) for i in ids]
        ).values_list("object_id", flat=True)
    }
    pairs_by_reviewer = defaultdict(list)
    for username, decision, object_id in votes:
        key = int(object_id)
        if key in undecided and statuses.get(key) == "proposed":
            continue
        pairs_by_reviewer[username].append((decision, statuses.get(key) == "validated"))
    return [
        {"reviewer": username, "votes": len(pairs), "agreement": agreement_rate(pairs)}
        for username, pairs in sorted(pairs_by_reviewer.items())
    ]


def learner_reports(challenge) -> list:
    """Return the learners' problem reports on a challenge."""
    return list(ProblemReport.objects.filter(challenge=challenge.uid))


def learner_report(challenge, report_pk: int) -> ProblemReport:
    """Return one report on the challenge, or raise Http404."""
    return get_object_or_404(ProblemReport, pk=report_pk, challenge=challenge.uid)


def own_vote(obj, user) -> Vote | None:
    """Return the user's vote on the item's latest revision, if any."""
    return Vote.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        revision_id=obj.latest_revision_id,
        reviewer=user,
    ).first()


def has_tried(obj, user) -> bool:
    """Return whether the reviewer has tried the item's latest revision."""
    return BetaTry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        revision_id=obj.latest_revision_id,
        reviewer=user,
    ).exists()


def skill_context(skill) -> dict:
    """Return what a challenge is judged against: its skill, hint and tutorials."""
    hint = Hint.objects.filter(skill=skill, live=True).first()
    tutorials = Tutorial.objects.filter(
        skill_links__skill=skill, status=ContentStatus.VALIDATED
    ).distinct()
    return {"skill": skill, "hint": hint, "tutorials": list(tutorials)}
