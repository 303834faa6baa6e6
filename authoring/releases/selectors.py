"""Reads of releases for the admin."""

from django.shortcuts import get_object_or_404

from authoring.models import Challenge
from runtime.models import Release


def releases_listed():
    """Return every release with its publisher, without the heavy snapshot."""
    return Release.objects.select_related("created_by").defer("content")


def release_for_activation(pk: int) -> Release:
    """Return a release (without its snapshot), or raise Http404."""
    return get_object_or_404(Release.objects.defer("content"), pk=pk)


def diff_challenges(diff) -> dict[str, list[dict]]:
    """Return the diff's added, changed and removed challenges, each with its item.

    Each entry holds the challenge (None if it was deleted since), its
    competence and level: the release page links every one of them.
    """
    entries = {kind: getattr(diff, kind) for kind in ("added", "changed", "removed")}
    uids = {entry["id"] for items in entries.values() for entry in items}
    challenges = {
        challenge.uid: challenge
        for challenge in Challenge.objects.filter(uid__in=uids).select_related(
            "skill__tube"
        )
    }
    return {
        kind: [{**entry, "challenge": challenges.get(entry["id"])} for entry in items]
        for kind, items in entries.items()
    }
