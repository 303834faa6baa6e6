"""Target profiles in the organisation space: build, stage, badge, copy."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from runtime.learning.forms import DsfrWidgetsMixin
from runtime.release_index import current_release_index

from . import selectors
from .access import member_organisation
from .permissions import can_edit_target_profile
from .services import target_profiles as services
from .services.errors import OrgaError


class ProfileForm(DsfrWidgetsMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Nom"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StageForm(DsfrWidgetsMixin, forms.Form):
    threshold = forms.IntegerField(
        label=gettext_lazy("Seuil de maîtrise (%)"), min_value=0, max_value=100
    )
    title = forms.CharField(label=gettext_lazy("Titre"), max_length=200)
    message = forms.CharField(
        label=gettext_lazy("Message au participant"), required=False, max_length=2000
    )


class BadgeForm(DsfrWidgetsMixin, forms.Form):
    title = forms.CharField(label=gettext_lazy("Titre"), max_length=200)
    threshold = forms.IntegerField(
        label=gettext_lazy("Seuil de maîtrise (%)"), min_value=0, max_value=100
    )
    tubes = forms.MultipleChoiceField(
        label=gettext_lazy("Sujets (aucun : tout le profil)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    message = forms.CharField(
        label=gettext_lazy("Message au participant"), required=False, max_length=2000
    )


def _index():
    index = current_release_index()
    if index is None:
        raise Http404
    return index


@member_organisation
def profile_list(request, organisation):
    form = ProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        profile = services.target_profile_create(
            user=request.user, organisation=organisation, **form.cleaned_data
        )
        return redirect("orga_profile", org=organisation.pk, pk=profile.pk)
    index = current_release_index()
    profiles = list(selectors.usable_target_profiles(organisation))
    rows = [
        {
            "profile": profile,
            "skills": len(selectors.profile_target_skills(profile, index))
            if index
            else 0,
        }
        for profile in profiles
    ]
    return render(
        request,
        "orga/profiles.html",
        {"organisation": organisation, "rows": rows, "form": form},
        status=422 if request.method == "POST" else 200,
    )


def _profile(organisation, pk):
    profile = selectors.target_profile_for(organisation, pk)
    if profile is None:
        raise Http404
    return profile


def _caps_from(post, index) -> dict[str, int]:
    """Return the tubes and caps posted as ``cap-<tube id>`` = level (or empty)."""
    caps = {}
    for name, value in post.items():
        if name.startswith("cap-") and value:
            tube = name.removeprefix("cap-")
            try:
                caps[tube] = int(value)
            except ValueError:
                raise OrgaError(_("Niveau maximal invalide.")) from None
    return caps


@member_organisation
def profile_detail(request, organisation, pk):
    profile = _profile(organisation, pk)
    index = _index()
    caps = selectors.target_caps(profile)
    tube_choices = [
        (tube, index.tubes[tube].title) for tube in caps if tube in index.tubes
    ]
    badge_form = BadgeForm()
    badge_form.fields["tubes"].choices = tube_choices
    return render(
        request,
        "orga/profile.html",
        {
            "organisation": organisation,
            "profile": profile,
            "editable": can_edit_target_profile(request.user, profile),
            "tree": selectors.profile_tree(index, caps),
            "skill_count": len(selectors.profile_target_skills(profile, index, caps)),
            "levels": range(1, 9),
            "stages": profile.stages.all(),
            "badges": [
                (badge, [index.tubes[t].title for t in badge.tubes if t in index.tubes])
                for badge in profile.badges.all()
            ],
            "stage_form": StageForm(),
            "badge_form": badge_form,
        },
    )


@require_POST
@member_organisation
def profile_tubes(request, organisation, pk):
    profile = _profile(organisation, pk)
    index = _index()
    try:
        count = services.target_profile_set_tubes(
            user=request.user,
            profile=profile,
            caps=_caps_from(request.POST, index),
            known_tubes=index.tubes,
        )
    except OrgaError as error:
        messages.error(request, str(error))
    else:
        skills = len(selectors.profile_target_skills(profile, index))
        messages.success(
            request,
            _("Profil enregistré : %(tubes)s sujets, %(skills)s acquis visés.")
            % {"tubes": count, "skills": skills},
        )
    return redirect("orga_profile", org=organisation.pk, pk=profile.pk)


@require_POST
@member_organisation
def profile_count(request, organisation, pk):
    """Return the number of target skills the posted caps would give (htmx)."""
    _profile(organisation, pk)
    index = _index()
    try:
        caps = _caps_from(request.POST, index)
    except OrgaError as error:
        return HttpResponse(str(error), status=422)
    count = len(
        selectors.profile_target_skills(None, index, {
            tube: cap for tube, cap in caps.items() if tube in index.tubes})
    )  # fmt: skip
    return render(request, "orga/profile_count.html", {"skill_count": count})


@require_POST
@member_organisation
def profile_stage_add(request, organisation, pk):
    profile = _profile(organisation, pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Palier invalide : seuil de 0 à 100 et titre requis.")
        )
    else:
        try:
            services.stage_add(user=request.user, profile=profile, **form.cleaned_data)
        except OrgaError as error:
            messages.error(request, str(error))
    return redirect("orga_profile", org=organisation.pk, pk=profile.pk)


@require_POST
@member_organisation
def profile_badge_add(request, organisation, pk):
    profile = _profile(organisation, pk)
    form = BadgeForm(request.POST)
    form.fields["tubes"].choices = [
        (tube, tube) for tube in selectors.target_caps(profile)
    ]
    if not form.is_valid():
        messages.error(request, _("Badge invalide : titre et seuil de 0 à 100 requis."))
    else:
        try:
            services.badge_add(user=request.user, profile=profile, **form.cleaned_data)
        except OrgaError as error:
            messages.error(request, str(error))
    return redirect("orga_profile", org=organisation.pk, pk=profile.pk)


@require_POST
@member_organisation
def profile_item_remove(request, organisation, pk, kind, item):
    profile = _profile(organisation, pk)
    try:
        services.profile_item_remove(
            user=request.user, profile=profile, kind=kind, pk=item
        )
    except OrgaError as error:
        raise Http404(str(error)) from error
    return redirect("orga_profile", org=organisation.pk, pk=profile.pk)


@require_POST
@member_organisation
def profile_copy(request, organisation, pk):
    profile = _profile(organisation, pk)
    copy = services.target_profile_copy(
        user=request.user, profile=profile, organisation=organisation
    )
    messages.success(request, _("Profil copié : adaptez-le à votre public."))
    return redirect("orga_profile", org=organisation.pk, pk=copy.pk)
