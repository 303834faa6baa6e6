"""Serve user uploads in development without letting them run on the site's origin."""

from django.conf import settings
from django.http import Http404
from django.views.static import serve


def serve_upload(request, path):
    """Serve a file of MEDIA_ROOT as a download in a sandbox, in DEBUG only.

    Uploads are authors' files: served inline on the site's own origin, an HTML
    or SVG one would run its scripts with the visitor's session. As a download,
    with a sandboxing policy and no type sniffing, nothing in it runs; images
    still show in <img> tags. In production the reverse proxy serves /media/
    with the same headers (docs/deployment.md); here it answers 404.
    """
    if not settings.DEBUG:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Disposition"] = "attachment"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
