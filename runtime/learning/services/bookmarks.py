"""The learner's own tutorial bookmarks: saved and liked."""

from django.db import transaction
from django.utils.translation import gettext as _

from runtime.models import TutorialBookmark
from runtime.permissions import require
from runtime.release_index import current_release_index

from ..permissions import can_bookmark_tutorial
from .errors import LearningError, UnknownItemError

BOOKMARK_FIELDS = ("saved", "liked")


@transaction.atomic
def tutorial_bookmark_toggle(
    *, user, tutorial_id: str, field: str, trusted: bool = False
) -> bool:
    """Save or like a tutorial for the learner, or undo it; return the new value."""
    require(can_bookmark_tutorial, user, trusted=trusted)
    if field not in BOOKMARK_FIELDS:
        raise LearningError(_("Cette action sur un tutoriel n'existe pas."))
    index = current_release_index()
    if index is None or tutorial_id not in index.tutorials:
        raise UnknownItemError(_("Ce tutoriel n'existe pas."))
    bookmark, _created = TutorialBookmark.objects.select_for_update().get_or_create(
        user=user, tutorial=tutorial_id
    )
    setattr(bookmark, field, not getattr(bookmark, field))
    bookmark.save(update_fields=[field, "updated_at"])
    return getattr(bookmark, field)
