"""The organisation's learners: the list, imports with preview, passwords."""

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from runtime.domain import learner_lists
from runtime.learning.forms import DsfrSetPasswordForm, DsfrWidgetsMixin

from . import selectors
from .access import member_organisation
from .learner_import import row_reason
from .permissions import can_import_learners
from .services import learners as learner_services
from .services.errors import OrgaError
from .session import MUST_CHANGE_PASSWORD

ACTION_LABELS = {
    learner_lists.CREATED: gettext_lazy("Créé"),
    learner_lists.UPDATED: gettext_lazy("Mis à jour"),
    learner_lists.UNCHANGED: gettext_lazy("Inchangé"),
    learner_lists.REJECTED: gettext_lazy("Refusé"),
}


class LearnerListForm(DsfrWidgetsMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Liste des élèves (CSV ou export SIECLE XML)"),
        help_text=gettext_lazy(
            "CSV séparé par « ; » ou « , » avec les colonnes INE, Nom, Prénom, "
            "Date de naissance (jj/mm/aaaa), et facultatives Deuxième prénom, "
            "Troisième prénom, Nom d'usage, Sexe, Classe."
        ),
        error_messages={"required": gettext_lazy("Choisissez un fichier.")},
    )


@member_organisation
def learner_list(request, organisation):
    division = request.GET.get("classe", "")
    return render(
        request,
        "orga/learners.html",
        {
            "organisation": organisation,
            "learners": selectors.organisation_learners(
                organisation, division=division
            ),
            "divisions": selectors.divisions(organisation),
            "division": division,
            "can_import": can_import_learners(request.user, organisation),
            "form": LearnerListForm(),
        },
    )


@require_POST
@member_organisation
def learner_import_upload(request, organisation):
    """Read the file and show its preview (nothing imported yet)."""
    if not can_import_learners(request.user, organisation):
        raise PermissionDenied
    form = LearnerListForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            learner_import = learner_services.learner_list_preview(
                user=request.user,
                organisation=organisation,
                data=upload.read(learner_services.MAX_FILE_BYTES + 1),
                file_name=upload.name,
            )
        except OrgaError as error:
            form.add_error("file", str(error))
        else:
            return redirect(
                "orga_learner_import", org=organisation.pk, pk=learner_import.pk
            )
    return render(
        request,
        "orga/learners.html",
        {
            "organisation": organisation,
            "learners": selectors.organisation_learners(organisation),
            "divisions": selectors.divisions(organisation),
            "can_import": True,
            "form": form,
        },
        status=422,
    )


@member_organisation
def learner_import(request, organisation, pk):
    """The preview, row by row; posting confirms the import."""
    if not can_import_learners(request.user, organisation):
        raise PermissionDenied
    found = organisation.imports.filter(pk=pk).first()
    if found is None:
        raise Http404
    if request.method == "POST":
        try:
            done = learner_services.learner_list_confirm(
                user=request.user, organisation=organisation, learner_import=found
            )
        except OrgaError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "Import terminé : %(created)s créés, %(updated)s mis à jour, "
                    "%(deactivated)s désactivés, %(rejected)s lignes refusées."
                )
                % {
                    "created": done.count(learner_lists.CREATED),
                    "updated": done.count(learner_lists.UPDATED),
                    "deactivated": len(done.deactivated),
                    "rejected": done.count(learner_lists.REJECTED),
                },
            )
        return redirect("orga_learners", org=organisation.pk)
    classified = learner_lists.classify(
        learner_services.import_rows(found),
        learner_services.known_learners(organisation),
    )
    rows = [
        {
            "action": action,
            "label": ACTION_LABELS[action],
            "row": row,
            "reason": row_reason(row) if action == learner_lists.REJECTED else "",
        }
        for action, row in classified.rows
    ]
    return render(
        request,
        "orga/learner_import.html",
        {
            "organisation": organisation,
            "learner_import": found,
            "rows": rows,
            "counts": {action: classified.count(action) for action in ACTION_LABELS},
            "deactivated": classified.deactivated,
        },
    )


@require_POST
@member_organisation
def learner_password_reset(request, organisation, pk):
    """Give a pupil a temporary password and show it once to the teacher."""
    learner = selectors.learner_in(organisation, pk)
    if learner is None:
        raise Http404
    try:
        password = learner_services.learner_password_reset(
            user=request.user, learner=learner
        )
    except OrgaError as error:
        messages.error(request, str(error))
        return redirect("orga_learners", org=organisation.pk)
    return render(
        request,
        "orga/temporary_password.html",
        {"organisation": organisation, "learner": learner, "password": password},
    )


@login_required
def password_change(request):
    """Choose a new password (after a teacher set a temporary one)."""
    form = DsfrSetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        learner_services.temporary_password_changed(user=request.user)
        request.session.pop(MUST_CHANGE_PASSWORD, None)
        messages.success(request, _("Votre mot de passe a été changé."))
        return redirect("learner_home")
    return render(
        request,
        "orga/password_change.html",
        {
            "form": form,
            "temporary": bool(request.session.get(MUST_CHANGE_PASSWORD)),
        },
        status=422 if request.method == "POST" else 200,
    )
