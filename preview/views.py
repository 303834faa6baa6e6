"""Preview views: try a challenge from the admin preview, and public share links."""

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from authoring.selectors import challenge_by_pk

from .modes import present_draft
from .permissions import can_manage_share_links, can_try_in_preview
from .selectors import share_link_of, share_links_of
from .services import (
    ShareLinkRefused,
    is_shareable,
    share_link_create,
    share_link_from_token,
    share_link_revoke,
    share_token,
    take_share_try_slot,
    try_payload,
)
from .trying import overall_result, try_answer


@require_POST
def admin_try(request):
    """Check an author's try in the preview; show which tolerance accepted it."""
    if not can_try_in_preview(request.user):
        raise PermissionDenied
    payload = try_payload(request.POST.get("token", ""))
    result = try_answer(
        spec=payload["spec"],
        challenge_type=payload["type"],
        proposals=payload["proposals"],
        data=request.POST,
        show_matches=True,
    )
    return render(request, "preview/try_result.html", {"try": result})


def _shared_link(token: str):
    link = share_link_from_token(token)
    if link is None:
        raise Http404(
            _(
                "Ce lien de partage a expiré, a été révoqué, ou l'épreuve n'est "
                "plus en relecture."
            )
        )
    return link


def shared_preview(request, token):
    """Show a draft to anyone holding a valid link, and let them try it.

    People who may read content in the workshop see each field's result;
    others only whether the whole answer is right, a limited number of
    times per hour (429 past it).
    """
    link = _shared_link(token)
    # The reviewer sees the latest draft, not the live version.
    challenge = link.challenge.get_latest_revision_as_object()
    detailed = can_try_in_preview(request.user)
    context = {"challenge": present_draft(challenge), "token": token}
    status = 200
    if request.method == "POST":
        try:
            if not detailed:
                take_share_try_slot(link=link, address=get_client_ip_address(request))
        except ShareLinkRefused as refused:
            context["refused"] = str(refused)
            status = 429
        else:
            tried = try_answer(
                spec=challenge.to_check_spec(),
                challenge_type=challenge.type,
                proposals=challenge.proposals,
                data=request.POST,
                show_matches=False,
            )
            context["try"] = tried if detailed else overall_result(tried)
        if request.htmx:
            return render(request, "preview/try_result.html", context, status=status)
    return render(request, "preview/shared.html", context, status=status)


def share_links(request, pk):
    """List, create and revoke the share links of a challenge (admin)."""
    challenge = challenge_by_pk(pk)
    if not can_manage_share_links(request.user):
        raise PermissionDenied
    if request.method == "POST":
        if revoke := request.POST.get("revoke"):
            link = share_link_of(challenge, revoke)
            share_link_revoke(link=link, user=request.user)
            messages.success(request, _("Le lien a été révoqué."))
        else:
            try:
                share_link_create(challenge=challenge, user=request.user)
            except ShareLinkRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, _("Nouveau lien de partage créé."))
        return redirect("preview:share_links", pk=challenge.pk)
    links = [
        {
            "link": link,
            "url": request.build_absolute_uri(f"/preview/share/{share_token(link)}/"),
        }
        for link in share_links_of(challenge)
    ]
    return render(
        request,
        "preview/share_links.html",
        {"challenge": challenge, "links": links, "shareable": is_shareable(challenge)},
    )
