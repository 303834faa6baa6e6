"""Export selected challenges as a QTI 3.0 package from the admin's listing."""

import io
import zipfile

from django.http import HttpResponse
from django.shortcuts import get_list_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .models import Challenge
from .permissions import can_export_qti
from .qti import export_qti_package

# Written into the package beside imsmanifest.xml: what QTI could not carry.
FIDELITY_REPORT = "rapport-de-fidelite.md"


def qti_package(challenges) -> bytes:
    """Return the zip of the QTI package of challenges, with its fidelity report."""
    buffer = io.BytesIO()
    report = export_qti_package(challenges=challenges, destination=buffer)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr(FIDELITY_REPORT, report.to_markdown())
    return buffer.getvalue()


class ExportQtiBulkAction(SnippetBulkAction):
    """ "Exporter en QTI": the selected challenges, downloaded as one zip."""

    display_name = _("Exporter en QTI")
    action_type = "export_qti"
    aria_label = _("Exporter les épreuves sélectionnées en paquet QTI 3.0")
    template_name = "authoring/export_qti_confirm.html"
    action_priority = 40
    models = [Challenge]

    @classmethod
    def get_queryset(cls, model, object_ids):
        queryset = (
            Challenge.objects.select_related("skill__tube", "illustration", "prototype")
            .prefetch_related("attachments")
            .filter(pk__in=object_ids)
            .order_by("uid")
        )
        return get_list_or_404(queryset)

    def check_perm(self, obj):
        return can_export_qti(self.request.user)

    def prepare_action(self, objects, objects_without_access):
        """Answer the zip itself: nothing is saved, the browser downloads it."""
        if not objects:
            return None  # nothing the user may export: back to the listing
        response = HttpResponse(qti_package(objects), content_type="application/zip")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="epreuves-qti-{stamp}.zip"'
        )
        return response

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return 0, 0  # reached only when nothing could be exported
