"""Admin views of releases: the diff of the next one, publish, roll back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from authoring.permissions import can_publish_release
from config.admin_viewsets import FeatureViewSet

from .selectors import diff_challenges, release_for_activation, releases_listed
from .services import (
    ReleaseError,
    current_release,
    release_make_current,
    release_preview,
    release_publish,
)


def _require(request) -> None:
    if not can_publish_release(request.user):
        raise PermissionDenied


def release_list(request):
    """Show releases and, before publishing, what the next one would change."""
    _require(request)
    snapshot, diff = release_preview()
    return render(
        request,
        "authoring/releases.html",
        {
            "releases": releases_listed(),
            "current": current_release(),
            "diff": diff,
            "rows": diff.by_competence_and_level(),
            "listed": diff_challenges(diff),
            "next_counts": {
                "challenges": len(snapshot.challenges),
                "skills": len(snapshot.skills),
                "tutorials": len(snapshot.tutorials),
            },
        },
    )


@require_POST
def release_create(request):
    _require(request)
    try:
        release = release_publish(
            user=request.user, notes=request.POST.get("notes", "")
        )
    except ReleaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Version %(number)s publiée : %(count)s épreuves servies.")
            % {"number": release.number, "count": release.summary["challenges"]},
        )
    return redirect("releases:index")


@require_POST
def release_activate(request, pk):
    _require(request)
    release = release_for_activation(pk)
    try:
        release_make_current(release=release, user=request.user)
    except ReleaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("La version %(number)s est de nouveau servie aux nouveaux tests.")
            % {"number": release.number},
        )
    return redirect("releases:index")


class ReleaseViewSet(FeatureViewSet):
    """Releases: the list with the next one's diff, publish, make one current."""

    name = "releases"
    icon = "upload"
    menu_label = gettext_lazy("Versions publiées")
    menu_name = "releases"
    menu_order = 300
    rule = staticmethod(can_publish_release)

    def get_urlpatterns(self):
        return [
            path("", release_list, name="index"),
            path("publish/", release_create, name="publish"),
            path("<int:pk>/activate/", release_activate, name="activate"),
        ]
