"""Named permission rules of the preview.

Views, admin hooks and services call these predicates; services check them
with ``runtime.permissions.require`` and take a keyword-only ``trusted=True``
from management commands, the one explicit way past a rule (see
runtime/permissions.py). The permission strings live in authoring/permissions.py.
"""

from authoring.permissions import can_edit_content, can_view_content


def can_try_in_preview(user) -> bool:
    """Return whether the user may try a challenge from the admin preview."""
    return can_view_content(user)


def can_manage_share_links(user) -> bool:
    """Return whether the user may create or revoke a challenge's share links."""
    return can_edit_content(user)
