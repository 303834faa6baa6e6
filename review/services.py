"""Writes of the community review: votes (with the quorum), tries, comments."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from review.domain.quorum import (
    APPROVED,
    PENDING,
    QuorumRule,
    quorum_outcome,
)
from runtime.enums import ReportStatus
from runtime.permissions import require

from .models import BetaTry, ReviewComment, Vote
from .permissions import (
    can_comment,
    can_set_report_status,
    can_try,
    is_task_reviewer,
)
from .selectors import current_review, is_author

logger = logging.getLogger(__name__)


class ReviewError(Exception):
    """The review action is not possible now."""


def _reference(obj) -> dict:
    return {
        "content_type": ContentType.objects.get_for_model(
            obj, for_concrete_model=False
        ),
        "object_id": str(obj.pk),
        "revision": obj.latest_revision,
    }


def _check_reviewer(obj, user, task, *, trusted: bool) -> None:
    if task is None:
        raise ReviewError(_("Ce contenu n'est pas en revue communautaire."))
    require(is_task_reviewer, user, task, trusted=trusted)
    if is_author(obj, user):
        raise ReviewError(_("Vous ne pouvez pas voter sur votre propre contenu."))


@transaction.atomic
def vote_cast(
    *,
    obj,
    user,
    decision: str,
    scores: dict,
    comment: str = "",
    trusted: bool = False,
) -> str:
    """Record (or replace) a reviewer's vote on the latest revision; apply the quorum.

    Return the quorum outcome: pending, approved, changes_requested, rejected.
    """
    task, state = current_review(obj)
    _check_reviewer(obj, user, task, trusted=trusted)
    if decision != "approve" and not comment.strip():
        raise ReviewError(_("Expliquez votre décision dans un commentaire."))
    reference = _reference(obj)
    comment = _keep_earlier_comment(reference, user, comment.strip())
    Vote.objects.update_or_create(
        revision=reference["revision"],
        reviewer=user,
        defaults={
            **reference,
            "decision": decision,
            "comment": comment,
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


def _keep_earlier_comment(reference: dict, user, comment: str) -> str:
    """Return the comment of a changed vote; the earlier one is never lost.

    A blank comment keeps the earlier vote's; a different one replaces it on
    the vote, and the earlier text joins the discussion, dated and signed.
    """
    earlier = Vote.objects.filter(revision=reference["revision"], reviewer=user).first()
    if earlier is None or not earlier.comment or earlier.comment == comment:
        return comment
    if not comment:
        return earlier.comment
    ReviewComment.objects.create(
        author=user,
        text=_("Commentaire de mon vote précédent (%(decision)s, %(date)s) : %(text)s")
        % {
            "decision": earlier.get_decision_display(),
            "date": formats.date_format(
                timezone.localtime(earlier.created_at), "SHORT_DATETIME_FORMAT"
            ),
            "text": earlier.comment,
        },
        **reference,
    )
    return comment


def _notify_author(obj, outcome: str) -> None:
    """E-mail the author (console in development) that changes are requested."""
    author = _first_author(obj)
    if author is None or not author.email:
        return
    _mail_after_commit(
        subject=_("Modifications demandées : %(item)s") % {"item": _one_line(obj)},
        message=_(
            "La revue communautaire demande des modifications sur « %(item)s ». "
            "Consultez les votes et commentaires dans l'atelier."
        )
        % {"item": obj},
        recipients=[author.email],
    )


def _one_line(obj) -> str:
    """Return the item's name on one line: an e-mail subject may not break."""
    return " ".join(str(obj).split())


def _mail_after_commit(*, subject: str, message: str, recipients: list[str]) -> None:
    """Send once what was written is committed; a failed e-mail is logged, never
    raised: the vote or comment it tells of is kept."""

    def send():
        try:
            send_mail(subject, message, None, recipients)
        except Exception:
            logger.exception("Review e-mail to %s not sent", recipients)

    transaction.on_commit(send)


def beta_try_record(
    *, obj, user, answer, result: str, trusted: bool = False
) -> BetaTry:
    """Keep a reviewer's try of a proposed challenge as a beta answer."""
    require(can_try, user, trusted=trusted)
    return BetaTry.objects.create(
        reviewer=user, answer=answer, result=result, **_reference(obj)
    )


def comment_post(
    *, obj, user, text: str, parent_id: int | None = None, trusted: bool = False
):
    """Post a comment, or a reply to a thread, on the item's latest revision.

    A reply to a reply joins the thread it belongs to. The item's author and
    the author of the comment answered are told by e-mail.
    """
    require(can_comment, user, trusted=trusted)
    if not text.strip():
        raise ReviewError(_("Le commentaire est vide."))
    reference = _reference(obj)
    parent = None
    if parent_id is not None:
        parent = (
            ReviewComment.objects.filter(
                pk=parent_id,
                content_type=reference["content_type"],
                object_id=reference["object_id"],
            )
            .select_related("parent", "author")
            .first()
        )
        if parent is None:
            raise ReviewError(_("Le commentaire auquel vous répondez n'existe plus."))
    answered = parent
    if parent is not None and parent.parent is not None:
        parent = parent.parent  # one level of replies: the thread's
    comment = ReviewComment.objects.create(
        author=user, text=text.strip(), parent=parent, **reference
    )
    _notify_comment(obj, comment, answered=answered)
    return comment


def _first_author(obj):
    first = obj.revisions.order_by("created_at").select_related("user").first()
    return first.user if first else None


def _notify_comment(obj, comment, *, answered) -> None:
    """E-mail the item's author and the answered comment's author, not the writer."""
    recipients = {
        person.email
        for person in (_first_author(obj), answered and answered.author)
        if person is not None and person.email and person.pk != comment.author_id
    }
    if not recipients:
        return
    _mail_after_commit(
        subject=_("Nouveau commentaire : %(item)s") % {"item": _one_line(obj)},
        message=_(
            "%(writer)s a commenté « %(item)s » :\n\n%(text)s\n\n"
            "Répondez depuis la page de revue dans l'atelier."
        )
        % {"writer": comment.author, "item": obj, "text": comment.text},
        recipients=sorted(recipients),
    )


def report_set_status(*, report, user, status: str, trusted: bool = False):
    """Mark a learner's problem report resolved (or open again)."""
    require(can_set_report_status, user, trusted=trusted)
    if status not in ReportStatus.values:
        raise ReviewError(_("Ce statut de signalement n'existe pas."))
    report.status = ReportStatus(status)
    report.save(update_fields=["status"])
    return report
