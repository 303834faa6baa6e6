"""The organisation space: organisations, members and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .access import member_organisation
from .enums import MemberRole
from .forms import InvitationForm
from .permissions import can_import_learners, can_invite_members
from .session import remember_account_state


@login_required
def orga_index(request):
    """List the user's organisations; with only one, go straight to it."""
    organisations = list(selectors.member_organisations(request.user))
    if len(organisations) == 1:
        return redirect("orga_home", org=organisations[0].pk)
    listed = [(item, MemberRole(item.member_role).label) for item in organisations]
    return render(request, "orga/index.html", {"organisations": listed})


@member_organisation
def orga_home(request, organisation):
    return render(
        request,
        "orga/home.html",
        {
            "organisation": organisation,
            "can_invite": can_invite_members(request.user, organisation),
            "can_import": can_import_learners(request.user, organisation),
            **_home_extras(request, organisation),
        },
    )


def _home_extras(request, organisation) -> dict:
    """Return what later sections add to the organisation's home page."""
    return {}


@member_organisation
def members(request, organisation):
    form = InvitationForm(request.POST or None)
    can_invite = can_invite_members(request.user, organisation)
    if request.method == "POST":
        if not can_invite:
            raise PermissionDenied
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    user=request.user, organisation=organisation, **form.cleaned_data
                )
            except services.OrgaError as error:
                form.add_error("email", str(error))
            else:
                link = request.build_absolute_uri(
                    reverse("orga_invitation", args=[invitation.token])
                )
                services.invitation_send(invitation=invitation, link=link)
                messages.success(
                    request,
                    _(
                        "Invitation envoyée à %(email)s. Vous pouvez aussi lui "
                        "transmettre ce lien : %(link)s"
                    )
                    % {"email": invitation.email, "link": link},
                )
                return redirect("orga_members", org=organisation.pk)
    return render(
        request,
        "orga/members.html",
        {
            "organisation": organisation,
            "memberships": selectors.organisation_members(organisation),
            "invitations": selectors.pending_invitations(organisation)
            if can_invite
            else [],
            "form": form,
            "can_invite": can_invite,
        },
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@member_organisation
def member_remove(request, organisation, membership_id):
    try:
        services.member_remove(
            user=request.user, organisation=organisation, membership_id=membership_id
        )
    except services.OrgaError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Le membre a été retiré."))
    return redirect("orga_members", org=organisation.pk)


def invitation(request, token):
    """Show an invitation; signed in, accept it and go to the organisation."""
    found = selectors.invitation_by_token(token)
    if found is None:
        raise Http404
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.invitation_accept(user=request.user, token=token)
        except services.OrgaError as error:
            messages.error(request, str(error))
            return redirect("learner_home")
        remember_account_state(request, request.user)
        messages.success(
            request,
            _("Bienvenue dans l'organisation %(name)s.")
            % {"name": membership.organisation.name},
        )
        return redirect("orga_home", org=membership.organisation_id)
    return render(request, "orga/invitation.html", {"invitation": found})
