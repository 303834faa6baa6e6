"""The admin's report of links that no longer answer as they should."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from authoring.enums import LinkStatus
from authoring.links import links_in_use
from authoring.models import Challenge, Tutorial
from authoring.permissions import can_see_link_report
from authoring.selectors import broken_links_report
from authoring.tasks import check_links_task
from config.admin_viewsets import FeatureViewSet


def link_report(request):
    """Links in use whose last check failed or found them moved, worst first."""
    if not can_see_link_report(request.user):
        raise PermissionDenied
    return render(request, "authoring/link_report.html", broken_links_report())


@require_POST
def link_check_now(request):
    """Check every link in use now (the daily command, from the admin)."""
    if not can_see_link_report(request.user):
        raise PermissionDenied
    _check_and_tell(request)
    return redirect("links:index")


def _check_and_tell(request, urls=None) -> None:
    """Check the links (a task) and tell the user what came of it."""
    result = check_links_task.enqueue(urls)
    if result.status != TaskResultStatus.SUCCESSFUL:
        # A task worker runs it: the report fills in when it is done.
        messages.info(request, gettext("Vérification des liens lancée."))
        return
    counts = result.return_value
    messages.success(
        request,
        gettext(
            "%(total)s lien(s) vérifié(s) : %(ok)s répondent, %(moved)s "
            "redirigé(s) ailleurs, %(broken)s en erreur, %(unreachable)s "
            "injoignable(s)."
        )
        % {
            "total": sum(counts.values()),
            "ok": counts.get(LinkStatus.OK, 0),
            "moved": counts.get(LinkStatus.MOVED, 0),
            "broken": counts.get(LinkStatus.BROKEN, 0),
            "unreachable": counts.get(LinkStatus.UNREACHABLE, 0),
        },
    )


class CheckLinksBulkAction(SnippetBulkAction):
    """ "Vérifier les liens": the selected tutorials' or simulators' links, now.

    Only links in use are asked (a learner's proposal waits for its review:
    the checker never fetches what nobody has read yet).
    """

    display_name = _("Vérifier les liens")
    action_type = "check_links"
    aria_label = _("Vérifier maintenant les liens des éléments sélectionnés")
    template_name = "authoring/check_links_confirm.html"
    action_priority = 50
    models = [Tutorial, Challenge]

    def check_perm(self, obj):
        return can_see_link_report(self.request.user)

    def prepare_action(self, objects, objects_without_access):
        if not objects:
            return None  # nothing the user may check: back to the listing
        selected = {
            getattr(item, "link", None) or getattr(item, "embed_url", "")
            for item in objects
        } - {""}
        urls = sorted(selected & set(links_in_use()))
        if left_out := len(selected) - len(urls):
            messages.warning(
                self.request,
                ngettext(
                    "%(count)s lien n'est pas vérifié : son élément n'est pas "
                    "encore en usage (brouillon, proposition d'apprenant non "
                    "revue, archivé).",
                    "%(count)s liens ne sont pas vérifiés : leurs éléments ne "
                    "sont pas encore en usage (brouillon, proposition "
                    "d'apprenant non revue, archivé).",
                    left_out,
                )
                % {"count": left_out},
            )
        if urls:
            _check_and_tell(self.request, urls)
        elif not selected:
            messages.info(self.request, gettext("Aucun lien dans la sélection."))
        return redirect(self.next_url)

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return 0, 0  # prepare_action did the work and answered


class LinkReportViewSet(FeatureViewSet):
    """ "Liens à vérifier": tutorial and simulator links that failed their check."""

    name = "links"
    icon = "link"
    menu_label = _("Liens à vérifier")
    menu_order = 270
    rule = staticmethod(can_see_link_report)

    def get_urlpatterns(self):
        return [
            path("", link_report, name="index"),
            path("check/", link_check_now, name="check"),
        ]
