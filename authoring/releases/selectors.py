"""Reads of releases for the admin."""

from django.shortcuts import get_object_or_404

from runtime.models import Release


def releases_listed():
    """Return every release with its publisher, without the heavy snapshot."""
    return Release.objects.select_related("created_by").defer("content")


def release_for_activation(pk: int) -> Release:
    """Return a release (without its snapshot), or raise Http404."""
    return get_object_or_404(Release.objects.defer("content"), pk=pk)
