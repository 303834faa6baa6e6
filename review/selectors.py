"""Reads of the community review: the queue, votes per item, reviewer activity."""

from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from wagtail.models import TaskState, WorkflowState

from authoring.models import Challenge
from review.domain.quorum import agreement_rate

from .models import BetaTry, CommunityReviewTask, ReviewComment, Vote


def review_queue(user, *, competence=None, level=None, challenge_type=None) -> list:
    """Return challenges waiting for this reviewer's vote, newest first.

    Bounded queries whatever the queue length: task states, challenges, votes,
    tries — each in one query.
    """
    tasks = [
        task
        for task in CommunityReviewTask.objects.filter(active=True)
        if task._is_reviewer(user)
    ]
    content_type = ContentType.objects.get_for_model(Challenge)
    states = TaskState.objects.filter(
        task__in=tasks,
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__base_content_type=content_type,
    ).values_list("workflow_state__object_id", flat=True)
    challenges = (
        Challenge.objects.filter(pk__in=[int(pk) for pk in states])
        .select_related("skill__tube__competence", "latest_revision")
        .order_by("-latest_revision__created_at")
    )
    if competence:
        challenges = challenges.filter(skill__tube__competence__code=competence)
    if level:
        challenges = challenges.filter(skill__level=level)
    if challenge_type:
        challenges = challenges.filter(type=challenge_type)
    challenges = list(challenges)
    votes = _votes_by_revision([c.latest_revision_id for c in challenges])
    for challenge in challenges:
        challenge.queue_votes = votes.get(challenge.latest_revision_id, Counter())
        challenge.queue_voted = user.pk in challenge.queue_votes.get("voters", set())
    return challenges


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


def review_queue_others(user) -> list:
    """Return hints and tutorials waiting for this reviewer's vote."""
    from authoring.models import Hint, Tutorial

    tasks = [
        task
        for task in CommunityReviewTask.objects.filter(active=True)
        if task._is_reviewer(user)
    ]
    items = []
    for model in (Hint, Tutorial):
        content_type = ContentType.objects.get_for_model(model)
        ids = TaskState.objects.filter(
            task__in=tasks,
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type=content_type,
        ).values_list("workflow_state__object_id", flat=True)
        for obj in model.objects.filter(pk__in=[int(pk) for pk in ids]):
            obj.review_kind = model._meta.model_name
            items.append(obj)
    votes = _votes_by_revision([item.latest_revision_id for item in items])
    for item in items:
        item.queue_votes = votes.get(item.latest_revision_id, Counter())
        item.queue_voted = user.pk in item.queue_votes.get("voters", set())
    return items
