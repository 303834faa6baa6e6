"""Admin views of content packs: import one from a zip, export everything as one."""

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from authoring.permissions import can_export_pack, can_import_pack
from config.admin_viewsets import FeatureViewSet

from . import export_pack, import_pack, read_pack
from .archives import ArchiveError, build_archive, extract_archive


class PackUploadForm(forms.Form):
    archive = forms.FileField(
        label=gettext_lazy("Archive zip du paquet"),
        help_text=gettext_lazy(
            "Un dossier contenant pack.json, competences/ et files/."
        ),
    )


class ContentPackView(FormView):
    """Upload a pack: every problem is listed and nothing is imported if any."""

    form_class = PackUploadForm
    template_name = "authoring/content_pack.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_import_pack(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        with tempfile.TemporaryDirectory() as folder:
            try:
                root = extract_archive(form.cleaned_data["archive"], Path(folder))
            except ArchiveError as error:
                form.add_error("archive", str(error))
                return self.form_invalid(form)
            pack, problems = read_pack(root)
            if problems:
                return self.render_to_response(
                    self.get_context_data(form=form, problems=problems)
                )
            report = import_pack(pack, user=self.request.user)
        messages.success(self.request, _("Paquet importé.") + "\n" + report.summary())
        return redirect("content_pack:index")


def export_content_pack(request):
    """Download the whole referential and content as a zip."""
    if not can_export_pack(request.user):
        raise PermissionDenied
    with tempfile.TemporaryDirectory() as folder:
        export_pack(Path(folder))
        archive = build_archive(Path(folder))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return FileResponse(
        archive.open("rb"), as_attachment=True, filename=f"paquet-crcn-{stamp}.zip"
    )


class ContentPackViewSet(FeatureViewSet):
    """Content packs, in the settings menu: administrators move content with them."""

    name = "content_pack"
    url_prefix = "content-pack"
    icon = "download"
    menu_label = gettext_lazy("Paquets de contenus")
    add_to_admin_menu = False
    add_to_settings_menu = True
    rule = staticmethod(can_import_pack)

    def get_urlpatterns(self):
        return [
            path("", ContentPackView.as_view(), name="index"),
            path("export/", export_content_pack, name="export"),
        ]
