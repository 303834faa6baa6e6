"""Stable identifiers that survive export and import of content packs."""

import uuid


def new_uid() -> str:
    """Return a new random identifier (32 hex characters)."""
    return uuid.uuid4().hex
