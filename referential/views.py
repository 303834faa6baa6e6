"""Admin views: the competence grid and the django-reversion history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .permissions import (
    can_revert_referential,
    can_see_competence_grid,
    can_view_referential,
)
from .selectors import grid_of_competence, item_history, item_version, referential_item
from .services import referential_revert


def competence_grid(request, code=None):
    """Show tubes as rows and levels 1-8 as columns for one competence."""
    if not can_see_competence_grid(request.user):
        raise PermissionDenied
    return render(request, "referential/competence_grid.html", grid_of_competence(code))


class ReferentialHistoryView(TemplateView):
    """List the django-reversion versions of a referential item and revert one."""

    template_name = "referential/history.html"

    def dispatch(self, request, *args, **kwargs):
        self.object = referential_item(kwargs["model_name"], kwargs["pk"])
        self.model_name = kwargs["model_name"]
        if not can_view_referential(request.user, self.model_name):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            model_label=self.object._meta.verbose_name,
            rows=item_history(self.object),
            can_revert=can_revert_referential(self.request.user, self.model_name),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not can_revert_referential(request.user, self.model_name):
            raise PermissionDenied
        version = item_version(self.object, request.POST.get("version"))
        referential_revert(version=version, user=request.user)
        messages.success(request, _("La version choisie a été restaurée."))
        return redirect(request.path)
