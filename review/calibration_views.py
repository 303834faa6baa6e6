"""Admin views of calibration runs: list, start, results, accept."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from config.admin_viewsets import FeatureViewSet

from .calibration import (
    CalibrationError,
    calibration_run_accept,
    calibration_run_start,
    flag_label,
    latest_accepted_run,
)
from .models import CalibrationRun, CalibrationStatus
from .permissions import can_accept_calibration, can_calibrate, can_see_calibration

PENDING = (CalibrationStatus.QUEUED, CalibrationStatus.RUNNING)


def _require_see(request) -> None:
    if not can_see_calibration(request.user):
        raise PermissionDenied


def runs(request):
    """The runs, newest first, and a button to start one."""
    _require_see(request)
    listed = list(CalibrationRun.objects.select_related("created_by")[:50])
    return render(
        request,
        "review/calibration/runs.html",
        {
            "runs": listed,
            "accepted": latest_accepted_run(),
            "can_start": can_calibrate(request.user),
            "pending": any(run.status in PENDING for run in listed),
        },
    )


@require_POST
def start(request):
    try:
        run = calibration_run_start(user=request.user)
    except CalibrationError as error:
        messages.error(request, str(error))
        return redirect("calibration:index")
    messages.success(
        request,
        _("Calibration %(run)s lancée : elle tourne en arrière-plan.")
        % {"run": run.pk},
    )
    return redirect("calibration:index")


def run_detail(request, pk):
    """A run's figures and each challenge's parameters, statistics and flags."""
    _require_see(request)
    run = get_object_or_404(CalibrationRun, pk=pk)
    flagged_only = request.GET.get("flagged") == "1"
    results = run.results.select_related("challenge", "challenge__skill").order_by(
        "challenge__uid"
    )
    rows = [
        {"result": result, "flags": [flag_label(code) for code in result.flags]}
        for result in results
        if result.flags or not flagged_only
    ]
    return render(
        request,
        "review/calibration/run.html",
        {
            "run": run,
            "rows": rows,
            "flagged_only": flagged_only,
            "can_accept": can_accept_calibration(request.user)
            and run.status == CalibrationStatus.DONE
            and not run.accepted,
        },
    )


@require_POST
def accept(request, pk):
    run = get_object_or_404(CalibrationRun, pk=pk)
    try:
        calibration_run_accept(run, user=request.user)
    except CalibrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Calibration %(run)s acceptée : la prochaine release portera ses "
                "paramètres."
            )
            % {"run": run.pk},
        )
    return redirect("calibration:run", pk=run.pk)


class CalibrationViewSet(FeatureViewSet):
    """Calibration runs: start one, read its results, accept it for releases."""

    name = "calibration"
    url_prefix = "calibration"
    icon = "table"
    menu_label = gettext_lazy("Calibration des épreuves")
    add_to_admin_menu = False
    rule = staticmethod(can_see_calibration)

    def get_urlpatterns(self):
        return [
            path("", runs, name="index"),
            path("start/", start, name="start"),
            path("<int:pk>/", run_detail, name="run"),
            path("<int:pk>/accept/", accept, name="accept"),
        ]
