"""Certificates: the learner's page, PDF and Open Badges; the public verification."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from runtime.domain import codes

from .. import open_badges, selectors
from ..certificate_pdf import certificate_pdf
from ..forms import CredentialUploadForm, VerificationForm

MAX_CREDENTIAL_BYTES = 200_000


def _verification_url(request, result) -> str:
    return request.build_absolute_uri(
        reverse("certification:verify_code", args=[result.verification_code])
    )


def _own(request, pk):
    result = selectors.own_certificate(request.user, pk)
    if result is None:
        raise Http404
    return result


@login_required
def certificate(request, pk):
    result = _own(request, pk)
    return render(
        request,
        "certification/certificate.html",
        {
            "result": result,
            "candidate": result.test.candidate,
            "session": result.test.candidate.session,
            "verification_url": _verification_url(request, result),
            "certified": [item for item in result.competences if item["level"]],
        },
    )


@login_required
def certificate_download(request, pk):
    result = _own(request, pk)
    pdf = certificate_pdf(result, verification_url=_verification_url(request, result))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificat-{result.verification_code}.pdf"'
    )
    return response


@login_required
def open_badge(request, pk, competence):
    result = _own(request, pk)
    item = next(
        (
            item
            for item in result.competences
            if item["competence"] == competence and item["level"]
        ),
        None,
    )
    if item is None:
        raise Http404
    document = open_badges.signed_credential(
        result,
        item,
        base_url=request.build_absolute_uri("/"),
        verification_url=_verification_url(request, result),
    )
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json"
    name = f"open-badge-{result.verification_code}-{competence}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def verify(request):
    """Check a code (GET) or the signature of an uploaded credential (POST)."""
    form = VerificationForm(request.GET or None)
    upload = CredentialUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "upload": upload}
    status = 200
    if request.method == "POST":
        context["check"], context["result"] = _check_credential(request, upload)
        status = 200 if context["check"].valid else 422
    elif form.is_bound and form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        if codes.is_verification_code(code):
            return redirect("certification:verify_code", code=code)
        form.add_error("code", _("Ce code n'a pas le format P- suivi de 8 caractères."))
        status = 422
    return render(request, "certification/verify.html", context, status=status)


def _check_credential(request, upload):
    if not upload.is_valid():
        return open_badges.Verification(False, _("Choisissez un fichier.")), None
    raw = upload.cleaned_data["credential"].read(MAX_CREDENTIAL_BYTES + 1)
    try:
        document = json.loads(raw) if len(raw) <= MAX_CREDENTIAL_BYTES else None
    except (ValueError, UnicodeDecodeError):
        document = None
    if document is None:
        return open_badges.Verification(
            False, _("Ce fichier n'est pas un certificat JSON lisible.")
        ), None
    check = open_badges.verify(document)
    result = None
    if check.valid and check.issued_here:
        prefix = request.build_absolute_uri(reverse("certification:verify"))
        code = check.credential_id.removeprefix(prefix).split("/")[0]
        result = selectors.certificate_by_code(code) if code else None
    return check, result


def verify_code(request, code):
    """What a certificate states, and nothing more, for anyone with its code."""
    result = selectors.certificate_by_code(code)
    if result is None:
        return render(
            request, "certification/verify_unknown.html", {"code": code}, status=404
        )
    return render(
        request,
        "certification/verified.html",
        {
            "result": result,
            "candidate": result.test.candidate,
            "session": result.test.candidate.session,
        },
    )
