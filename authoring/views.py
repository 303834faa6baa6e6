"""Admin views for authored content."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from .actions.change_status import ChangeStatusAction, ChangeStatusError
from .enums import ContentStatus
from .forms import StatusChangeForm
from .permissions import can_archive_challenge
from .selectors import challenge_by_pk, declinaisons_in_use


class ChallengeStatusView(FormView):
    """Ask for the changelog message, then archive or declare obsolete."""

    form_class = StatusChangeForm
    template_name = "authoring/change_status.html"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        self.challenge = challenge_by_pk(kwargs["pk"])
        if kwargs["status"] not in ContentStatus.withdrawn_states():
            raise PermissionDenied
        if not can_archive_challenge(request.user):
            raise PermissionDenied
        self.status = ContentStatus(kwargs["status"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            challenge=self.challenge,
            status_label=self.status.label,
            declinaisons=declinaisons_in_use(self.challenge),
            **kwargs,
        )

    def form_valid(self, form):
        action = ChangeStatusAction(
            self.challenge,
            status=self.status,
            message=form.cleaned_data["message"],
            user=self.request.user,
        )
        try:
            changed = action.execute()
        except ChangeStatusError as error:
            form.add_error("message", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)s épreuve(s) passée(s) au statut « %(status)s ».")
            % {"count": len(changed), "status": self.status.label},
        )
        return redirect(self.viewset.get_url_name("list"))
