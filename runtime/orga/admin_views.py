"""Organisations in the Wagtail admin: platform administrators create them and
name their first administrators (who then invite their members)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.admin_viewsets import FeatureViewSet

from . import selectors, services
from .forms import AdminMemberForm, OrganisationForm
from .models import Organisation
from .permissions import can_manage_organisations


def _require(request) -> None:
    if not can_manage_organisations(request.user):
        raise PermissionDenied


def organisation_list(request):
    _require(request)
    return render(
        request,
        "orga/admin/list.html",
        {"organisations": selectors.organisations_for_admin()},
    )


def organisation_create(request):
    _require(request)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(
            user=request.user, **form.cleaned_data
        )
        messages.success(
            request, _("Organisation « %(name)s » créée.") % {"name": organisation}
        )
        return redirect("organisations:edit", pk=organisation.pk)
    return render(request, "orga/admin/form.html", {"form": form})


def organisation_edit(request, pk):
    _require(request)
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    form = OrganisationForm(request.POST or None, instance=organisation)
    member_form = AdminMemberForm(prefix="member")
    if request.method == "POST" and form.is_valid():
        services.organisation_update(
            user=request.user, organisation=organisation, **form.cleaned_data
        )
        messages.success(request, _("Organisation enregistrée."))
        return redirect("organisations:edit", pk=organisation.pk)
    return render(
        request,
        "orga/admin/form.html",
        {
            "form": form,
            "organisation": organisation,
            "member_form": member_form,
            "memberships": selectors.organisation_members(organisation),
            "invitations": selectors.pending_invitations(organisation),
        },
    )


def organisation_member_add(request, pk):
    """Add an account by its address, or invite the address when it has none."""
    _require(request)
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    form = AdminMemberForm(request.POST, prefix="member")
    if request.method != "POST" or not form.is_valid():
        messages.error(request, _("Saisissez une adresse e-mail valide et un rôle."))
        return redirect("organisations:edit", pk=pk)
    email, role = form.cleaned_data["email"], form.cleaned_data["role"]
    account = services.account_by_email(email)
    try:
        if account is not None:
            services.member_add(
                user=request.user, organisation=organisation, member=account, role=role
            )
            messages.success(request, _("%(email)s est membre.") % {"email": email})
        else:
            invitation = services.invitation_create(
                user=request.user, organisation=organisation, email=email, role=role
            )
            link = request.build_absolute_uri(
                reverse("orga_invitation", args=[invitation.token])
            )
            services.invitation_send(invitation=invitation, link=link)
            messages.success(
                request,
                _("Invitation envoyée ; lien à transmettre si besoin : %(link)s")
                % {"link": link},
            )
    except services.OrgaError as error:
        messages.error(request, str(error))
    return redirect("organisations:edit", pk=pk)


class OrganisationViewSet(FeatureViewSet):
    """Organisations: list, create, edit, name administrators."""

    name = "organisations"
    icon = "group"
    menu_label = gettext_lazy("Organisations")
    menu_order = 400
    rule = staticmethod(can_manage_organisations)

    def get_urlpatterns(self):
        return [
            path("", organisation_list, name="index"),
            path("new/", organisation_create, name="add"),
            path("<int:pk>/", organisation_edit, name="edit"),
            path("<int:pk>/members/", organisation_member_add, name="member_add"),
        ]
