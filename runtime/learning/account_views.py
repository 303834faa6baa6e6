"""The learner's account: e-mail, password, language, their data, deletion."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import email_change as email_change_flow
from . import services
from .forms import AccountDeleteForm, DsfrPasswordChangeForm, EmailChangeForm
from .language import remember_language
from .permissions import can_delete_own_account
from .personal_data import personal_data


def _account_page(request, *, email_form=None, password_form=None, status=200):
    user = request.user
    return render(
        request,
        "runtime/account.html",
        {
            "email_form": email_form or EmailChangeForm(user, prefix="email"),
            "password_form": password_form
            or DsfrPasswordChangeForm(user, prefix="password"),
            "languages": settings.LANGUAGES,
            "can_delete": can_delete_own_account(user),
        },
        status=status,
    )


@login_required
def account(request):
    return _account_page(request)


@login_required
@require_POST
def account_email(request):
    form = EmailChangeForm(request.user, request.POST, prefix="email")
    if form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        try:
            services.email_change_request(
                user=request.user, email=email, urls=_absolute_urls(request)
            )
        except services.LearningError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                _(
                    "Un lien de confirmation a été envoyé à %(email)s. Votre "
                    "adresse changera quand vous l'aurez suivi."
                )
                % {"email": email},
            )
            return redirect("account")
    return _account_page(request, email_form=form, status=400)


@login_required
def account_email_confirm(request, token):
    """The link sent to the new address: a button makes it the account's.

    A GET changes nothing (mail scanners open links); the POST does.
    """
    email = email_change_flow.pending_email(user=request.user, token=token)
    if request.method == "POST" and email:
        old_email = request.user.email
        try:
            services.email_change(user=request.user, email=email)
        except services.LearningError as error:
            messages.error(request, str(error))
            return redirect("account")
        email_change_flow.notify_old_address(
            old_email=old_email, new_email=email, urls=_absolute_urls(request)
        )
        messages.success(request, _("Votre adresse e-mail a été changée."))
        return redirect("account")
    return render(
        request,
        "runtime/email_change_confirm.html",
        {"email": email, "expired": str(email_change_flow.EXPIRED)},
        status=200 if email else 404,
    )


def _absolute_urls(request):
    return lambda name, *args: request.build_absolute_uri(reverse(name, args=args))


@login_required
@require_POST
def account_language(request):
    """Keep the chosen language on the account; the pages speak it at once."""
    try:
        language = services.language_set(
            user=request.user, language=request.POST.get("language", "")
        )
    except services.LearningError as error:
        messages.error(request, str(error))
        return redirect("account")
    remember_language(request, language)
    messages.success(request, _("La langue de votre compte a été changée."))
    return redirect("account")


@login_required
@require_POST
def account_password(request):
    form = DsfrPasswordChangeForm(request.user, request.POST, prefix="password")
    if form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)  # stay signed in here
        messages.success(request, _("Votre mot de passe a été changé."))
        return redirect("account")
    return _account_page(request, password_form=form, status=400)


@login_required
def account_export(request):
    """Download everything the workbench keeps about the learner, as JSON."""
    data = personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="mes-donnees-atelier-crcn-{day}.json"'
    )
    return response


@login_required
def account_delete(request):
    """Say what is deleted and what is kept, then delete with the password."""
    if not can_delete_own_account(request.user):
        messages.error(
            request,
            _(
                "Votre compte participe à la rédaction des contenus : demandez "
                "sa suppression à un administrateur."
            ),
        )
        return redirect("account")
    form = AccountDeleteForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(
            request,
            _(
                "Votre compte a été supprimé. Vos réponses sont conservées sans "
                "lien avec vous."
            ),
        )
        return redirect("learner_home")
    status = 400 if request.method == "POST" else 200
    return render(request, "runtime/account_delete.html", {"form": form}, status=status)


def personal_data_page(request):
    """What the workbench keeps about learners, why, and for how long."""
    return render(request, "runtime/personal_data.html")
