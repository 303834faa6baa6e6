"""An administrator publishes content without the workflow, giving a reason."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from authoring.checks import blocking_problems
from authoring.permissions import can_publish_without_review
from authoring.publication import WITHOUT_REVIEW, publishing_through
from runtime.permissions import require

LOG_ACTION = "authoring.publish_without_review"


class PublishWithoutReviewError(Exception):
    """The item cannot be published without review now."""


class PublishWithoutReviewAction:
    """Publish an item's latest revision, skipping community review and validation.

    Only administrators may (``can_publish_without_review``); the reason is
    mandatory and kept in the item's history. Blocking checks still apply:
    skipping the review does not skip what the final validation would refuse.
    """

    def __init__(self, obj, *, reason: str, user):
        self.object = obj
        self.reason = (reason or "").strip()
        self.user = user

    def check(self) -> None:
        require(can_publish_without_review, self.user)
        if not self.reason:
            raise PublishWithoutReviewError(_("Le motif est obligatoire."))
        revision = self.object.latest_revision
        if revision is None:
            raise PublishWithoutReviewError(_("Aucune version à publier."))
        if problems := blocking_problems(revision.as_object()):
            raise PublishWithoutReviewError(
                _("Une vérification bloquante échoue : %(problems)s")
                % {"problems": " ; ".join(problems)}
            )

    def execute(self):
        """Publish the latest revision, log the reason and return the revision."""
        self.check()
        revision = self.object.latest_revision
        with transaction.atomic(), publishing_through(WITHOUT_REVIEW):
            revision.publish(user=self.user)
            log(
                instance=type(self.object).objects.get(pk=self.object.pk),
                action=LOG_ACTION,
                user=self.user,
                revision=revision,
                data={"message": self.reason},
            )
        return revision
