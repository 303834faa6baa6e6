"""Writes of organisations: members, learners, target profiles, campaigns."""

from .errors import OrgaError
from .organisations import (
    account_by_email,
    invitation_accept,
    invitation_create,
    invitation_send,
    member_add,
    member_remove,
    organisation_create,
    organisation_update,
)

__all__ = [
    "OrgaError",
    "account_by_email",
    "invitation_accept",
    "invitation_create",
    "invitation_send",
    "member_add",
    "member_remove",
    "organisation_create",
    "organisation_update",
]
