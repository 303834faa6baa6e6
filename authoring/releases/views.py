"""Admin views of releases: the diff of the next one, publish, roll back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from authoring.permissions import can_publish_release
from config.admin_viewsets import FeatureViewSet
from preview import charts
from preview.models import SimulationStatus
from preview.release_simulation import (
    latest_simulation,
    problem_labels,
    release_simulation_start,
)
from preview.simulation_run import (
    DEFAULT_LEARNERS,
    EXPOSURE_BINS,
    MAX_LEARNERS,
    MIN_LEARNERS,
    MIN_WITHIN_ONE,
    SimulationError,
)
from runtime.domain import release_contract as contract

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


def _simulation_context(snapshot) -> dict:
    """Return the candidate's latest simulation, its rows and charts, if any."""
    simulation = latest_simulation(contract.checksum(contract.to_json(snapshot)))
    context = {
        "simulation": simulation,
        "learner_range": (MIN_LEARNERS, MAX_LEARNERS),
        "default_learners": DEFAULT_LEARNERS,
    }
    if simulation is None or simulation.status != SimulationStatus.DONE:
        return context
    rows = simulation.summary["competences"]
    context.update(
        simulation_rows=[
            {**row, "problem_list": problem_labels(row["problems"])} for row in rows
        ],
        placement_chart=charts.placement_chart(rows, MIN_WITHIN_ONE),
        questions_chart=charts.questions_chart(rows),
        exposure_chart=charts.exposure_chart(
            simulation.summary["exposure_histogram"], EXPOSURE_BINS
        ),
    )
    return context


def release_list(request):
    """Show releases and, before publishing, what the next one would change."""
    _require(request)
    snapshot, diff = release_preview()
    return render(
        request,
        "authoring/releases.html",
        {
            **_simulation_context(snapshot),
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
            user=request.user,
            notes=request.POST.get("notes", ""),
            confirmed=request.POST.get("confirmed") == "1",
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
def release_simulate(request):
    """Run the test simulator on the candidate release (in the background if big)."""
    _require(request)
    try:
        simulation = release_simulation_start(
            user=request.user,
            learners=request.POST.get("learners", DEFAULT_LEARNERS),
            seed=request.POST.get("seed", 0),
        )
    except SimulationError as error:
        messages.error(request, str(error))
    else:
        if simulation.status == SimulationStatus.FAILED:
            messages.error(
                request,
                _("La simulation a échoué : %(error)s") % {"error": simulation.error},
            )
        elif simulation.pending:
            messages.success(
                request, _("Simulation lancée : la page se met à jour seule.")
            )
        else:
            messages.success(
                request,
                _("Simulation terminée en %(seconds)s s.")
                % {"seconds": localize(simulation.seconds)},
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
            path("simulate/", release_simulate, name="simulate"),
            path("<int:pk>/activate/", release_activate, name="activate"),
        ]
