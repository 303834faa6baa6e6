"""Admin views for authored content."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from .actions.change_status import ChangeStatusAction, ChangeStatusError
from .actions.publish_without_review import (
    PublishWithoutReviewAction,
    PublishWithoutReviewError,
)
from .enums import ContentStatus
from .forms import PublishWithoutReviewForm, StatusChangeForm
from .permissions import can_archive_challenge, can_publish_without_review
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


class PublishWithoutReviewView(FormView):
    """Ask an administrator for the reason, then publish the latest revision."""

    form_class = PublishWithoutReviewForm
    template_name = "authoring/publish_without_review.html"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        if not can_publish_without_review(request.user):
            raise PermissionDenied
        self.item = get_object_or_404(self.viewset.model, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            item=self.item,
            in_review=self.item.workflow_in_progress,
            edit_url=self.viewset.get_url_name("edit"),
            **kwargs,
        )

    def form_valid(self, form):
        action = PublishWithoutReviewAction(
            self.item, reason=form.cleaned_data["reason"], user=self.request.user
        )
        try:
            action.execute()
        except PublishWithoutReviewError as error:
            form.add_error("reason", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("« %(item)s » est publié(e) sans revue ; le motif est dans l'historique.")
            % {"item": self.item},
        )
        return redirect(self.viewset.get_url_name("edit"), self.item.pk)
