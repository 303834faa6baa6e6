"""Named permission rules of the referential.

Every ``referential.*`` permission is spelled here. Views, admin hooks and
services call these predicates; services check them with
``runtime.permissions.require`` and take a keyword-only ``trusted=True`` from
management commands, the one explicit way past a rule (see
runtime/permissions.py).
"""

from authoring.permissions import can_edit_content


def can_view_referential(user, model_name: str) -> bool:
    """Return whether the user may read this kind of referential item."""
    return user.has_perm(f"referential.view_{model_name}")


def can_revert_referential(user, model_name: str) -> bool:
    """Return whether the user may restore an earlier version of such an item."""
    return user.has_perm(f"referential.change_{model_name}")


def can_see_competence_grid(user) -> bool:
    """Return whether the user may see the grid: referential readers and authors."""
    return can_view_referential(user, "skill") or can_edit_content(user)
