"""Snippet views that say, in French, what a submission or a decision did.

Wagtail's French catalogue calls a submission "planifié(e) pour la
publication", and a decision taken in the approve dialog says nothing at all:
the editorial snippets use these views instead.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
from wagtail.models import TaskState, WorkflowState
from wagtail.snippets.views import snippets


def decision_message(obj, task_state: TaskState) -> str | None:
    """Return what a moderator's action on task_state did to obj, or None."""
    task_state.refresh_from_db()
    name = {"object": str(obj), "task": task_state.task.name}
    if task_state.status == TaskState.STATUS_REJECTED:
        return (
            _(
                "Modifications demandées pour « %(object)s » : il revient à son "
                "auteur, prévenu par la notification de « %(task)s »."
            )
            % name
        )
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        return (
            _(
                "« %(object)s » est approuvé(e) et validé(e) : la prochaine "
                "release le servira aux apprenants."
            )
            % name
        )
    following = workflow_state.current_task_state
    return _("« %(object)s » est approuvé(e) à l'étape « %(task)s » ; %(next)s") % {
        **name,
        "next": _("étape suivante : « %(task)s ».")
        % {"task": following.task.name if following else "—"},
    }


def direct_publish_refusal() -> str:
    """Return what the edit form says when its publish action is refused."""
    return _(
        "Publication directe refusée : rien n'a été enregistré. Enregistrez un "
        "brouillon puis soumettez-le à la revue communautaire ; la validation "
        "finale le publiera. Un administrateur peut « Publier sans revue… » en "
        "donnant un motif."
    )


class _EditorialMessages:
    """Success messages of the create and edit views for submit and decisions.

    The forms' own publish action is refused to everyone, administrators
    included (authoring/publication.py): the form comes back with a message and
    nothing is saved, so that the user chooses to save a draft or submit.
    """

    acted_task_state = None

    def is_valid(self, form):
        valid = super().is_valid(form)
        if self.request.POST.get("action-publish"):
            self.produced_error_code = "direct_publish_refused"
            self.produced_error_message = direct_publish_refusal()
            return False
        return valid

    def workflow_action_action(self):
        self.acted_task_state = self.object.current_workflow_task_state
        return super().workflow_action_action()

    def get_success_message(self, instance=None):
        obj = instance or self.object
        if self.action == "submit":
            task = obj.current_workflow_task
            return _(
                "« %(object)s » est soumis(e) à « %(task)s ». Vous pouvez suivre "
                "la relecture dans l'historique ; vous serez prévenu(e) de la décision."
            ) % {"object": obj, "task": task.name if task else "—"}
        if self.action == "workflow-action" and self.acted_task_state is not None:
            said = decision_message(obj, self.acted_task_state)
            if said:
                return said
        return super().get_success_message(instance)


class CreateView(_EditorialMessages, snippets.CreateView):
    pass


class EditView(_EditorialMessages, snippets.EditView):
    pass


class CopyView(generic.CopyViewMixin, CreateView):
    pass


class WorkflowActionView(snippets.WorkflowActionView):
    """The approve or reject dialog: say what the decision did."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        said = decision_message(self.object, self.task_state)
        if said:
            messages.success(request, said)
        return response
