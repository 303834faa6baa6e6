"""Reads of the preview: a challenge's share links."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import ShareLink


def share_links_of(challenge) -> list[ShareLink]:
    """Return every share link of a challenge, revoked and expired included."""
    return list(challenge.share_links.all())


def share_link_of(challenge, pk) -> ShareLink:
    """Return one share link of the challenge, or raise Http404 (a bad pk too)."""
    if not str(pk).isdigit():
        raise Http404
    return get_object_or_404(ShareLink, pk=pk, challenge=challenge)
