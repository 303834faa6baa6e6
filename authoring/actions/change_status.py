"""Archive a validated item or declare it obsolete, with a changelog message."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from authoring.enums import ContentStatus
from authoring.permissions import can_archive_challenge
from authoring.selectors import declinaisons_in_use
from runtime.permissions import require


class ChangeStatusError(Exception):
    """The status change is not allowed for this item."""


class ChangeStatusAction:
    """Withdraw a challenge (and its déclinaisons when it is a prototype).

    The same action serves the admin, the content pack import and services, so
    the permission check and the journal entry cannot be skipped by accident.
    """

    def __init__(self, obj, *, status: str, message: str, user=None):
        self.object = obj
        self.status = ContentStatus(status)
        self.message = (message or "").strip()
        self.user = user

    def check(self, *, trusted: bool = False) -> None:
        if self.status not in ContentStatus.withdrawn_states():
            raise ChangeStatusError(
                _("Seuls l'archivage et la péremption sont possibles.")
            )
        if not self.message:
            raise ChangeStatusError(_("Le message du journal est obligatoire."))
        if self.object.status == self.status:
            raise ChangeStatusError(_("L'élément a déjà ce statut."))
        require(can_archive_challenge, self.user, trusted=trusted)

    def execute(self, *, trusted: bool = False) -> list:
        """Change the status, log it, and return every item changed."""
        self.check(trusted=trusted)
        with transaction.atomic():
            changed = [self.object, *self._followers()]
            for item in changed:
                type(item).objects.filter(pk=item.pk).update(status=self.status)
                item.status = self.status
                log(
                    instance=item,
                    action=f"authoring.{self.status}",
                    user=self.user,
                    data={"message": self.message},
                )
        return changed

    def _followers(self) -> list:
        """Return the déclinaisons withdrawn with a prototype."""
        if self.object.prototype_id is not None:
            return []
        return list(declinaisons_in_use(self.object))
