"""Writes on the referential: restore an earlier version of an item."""

import reversion
from django.db import transaction
from django.utils.translation import gettext as _
from reversion.models import Version

from runtime.permissions import require

from .permissions import can_revert_referential


@transaction.atomic
def referential_revert(*, version: Version, user, trusted: bool = False) -> None:
    """Restore the item of a django-reversion version as it was then.

    The restoration is itself a new version, signed by the user.
    """
    model_name = version.content_type.model
    require(can_revert_referential, user, model_name, trusted=trusted)
    with reversion.create_revision():
        version.revert()
        reversion.set_user(user)
        reversion.set_comment(
            _("Retour à la version du %(date)s")
            % {"date": version.revision.date_created.strftime("%d/%m/%Y %H:%M")}
        )
