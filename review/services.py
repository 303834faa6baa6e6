"""Writes of the community review: votes (with the quorum), tries, comments."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from review.domain.quorum import (
    APPROVED,
    PENDING,
    QuorumRule,
    quorum_outcome,
)

from .models import BetaTry, CommunityReviewTask, ReviewComment, Vote


class ReviewError(Exception):
    """The review action is not possible now."""


def blocking_problems(obj) -> list[str]:
    """Return the messages of the blocking content checks an item fails."""
    from authoring.checks import blocking_failures, run_challenge_checks
    from authoring.models import Challenge

    if not isinstance(obj, Challenge):
        return []
    return [result.message for result in blocking_failures(run_challenge_checks(obj))]


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
    return obj.revisions.filter(user=user).exists()


def _reference(obj) -> dict:
    return {
        "content_type": ContentType.objects.get_for_model(
            obj, for_concrete_model=False
        ),
        "object_id": str(obj.pk),
        "revision": obj.latest_revision,
    }


def _check_reviewer(obj, user, task) -> None:
    if task is None:
        raise ReviewError(_("Ce contenu n'est pas en revue communautaire."))
    if not task._is_reviewer(user):
        raise PermissionDenied
    if is_author(obj, user):
        raise ReviewError(_("Vous ne pouvez pas voter sur votre propre contenu."))


@transaction.atomic
def vote_cast(*, obj, user, decision: str, scores: dict, comment: str = "") -> str:
    """Record (or replace) a reviewer's vote on the latest revision; apply the quorum.

    Return the quorum outcome: pending, approved, changes_requested, rejected.
    """
    task, state = current_review(obj)
    _check_reviewer(obj, user, task)
    if decision != "approve" and not comment.strip():
        raise ReviewError(_("Expliquez votre décision dans un commentaire."))
    reference = _reference(obj)
    Vote.objects.update_or_create(
        revision=reference["revision"],
        reviewer=user,
        defaults={
            **reference,
            "decision": decision,
            "comment": comment.strip(),
            **scores,
        },
    )
    rule = QuorumRule(task.min_votes, task.approval_share, task.reject_blocks)
    decisions = Vote.objects.filter(revision=reference["revision"]).values_list(
        "decision", flat=True
    )
    outcome = quorum_outcome(decisions, rule)
    if outcome == PENDING:
        return outcome
    if outcome == APPROVED:
        state.approve(user=None, comment=_("Quorum atteint."))
    else:
        state.reject(user=None, comment=_("La communauté demande des modifications."))
        _notify_author(obj, outcome)
    return outcome


def _notify_author(obj, outcome: str) -> None:
    """E-mail the author (console in development) that changes are requested."""
    first = obj.revisions.order_by("created_at").select_related("user").first()
    author = first.user if first else None
    if author is None or not author.email:
        return
    send_mail(
        subject=_("Modifications demandées : %(item)s") % {"item": obj},
        message=_(
            "La revue communautaire demande des modifications sur « %(item)s ». "
            "Consultez les votes et commentaires dans l'atelier."
        )
        % {"item": obj},
        from_email=None,
        recipient_list=[author.email],
        fail_silently=True,
    )


def beta_try_record(*, obj, user, answer, result: str) -> BetaTry:
    """Keep a reviewer's try of a proposed challenge as a beta answer."""
    return BetaTry.objects.create(
        reviewer=user, answer=answer, result=result, **_reference(obj)
    )


def comment_post(*, obj, user, text: str, parent: ReviewComment | None = None):
    """Post a comment (or a reply) on the item's latest revision."""
    if not text.strip():
        raise ReviewError(_("Le commentaire est vide."))
    return ReviewComment.objects.create(
        author=user, text=text.strip(), parent=parent, **_reference(obj)
    )


def report_set_status(*, report, user, status: str):
    """Mark a learner's problem report resolved (or open again)."""
    from runtime.enums import ReportStatus

    if not user.has_perm("authoring.change_challenge"):
        raise PermissionDenied
    report.status = ReportStatus(status)
    report.save(update_fields=["status"])
    return report
