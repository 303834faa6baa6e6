"""Writes of target profiles: create, choose tubes and caps, stages, badges, copy."""

from django.db import transaction
from django.utils.translation import gettext as _

from runtime.permissions import require

from ..models import Badge, Stage, TargetProfile, TargetTube
from ..permissions import can_edit_target_profile, can_manage_target_profiles
from .errors import OrgaError


@transaction.atomic
def target_profile_create(
    *, user, organisation, name: str, description: str = "", trusted: bool = False
) -> TargetProfile:
    require(can_manage_target_profiles, user, organisation, trusted=trusted)
    profile = TargetProfile(
        organisation=organisation, name=name.strip(), description=description.strip()
    )
    profile.full_clean()
    profile.save()
    return profile


def _refuse_when_used(profile) -> None:
    """A profile whose campaigns have participants keeps its tubes: copy it."""
    used = getattr(profile, "campaigns", None)
    if used is not None and used.filter(participations__isnull=False).exists():
        raise OrgaError(
            _(
                "Des participants ont déjà passé une campagne sur ce profil : "
                "copiez-le pour l'adapter."
            )
        )


@transaction.atomic
def target_profile_set_tubes(
    *, user, profile, caps: dict[str, int], known_tubes, trusted: bool = False
) -> int:
    """Replace the profile's tubes and caps; return how many tubes it has.

    ``known_tubes``: the current release's tube ids; others are refused.
    """
    require(can_edit_target_profile, user, profile, trusted=trusted)
    _refuse_when_used(profile)
    unknown = set(caps) - set(known_tubes)
    if unknown:
        raise OrgaError(_("Sujet inconnu : %(tube)s.") % {"tube": sorted(unknown)[0]})
    if any(not 1 <= cap <= 8 for cap in caps.values()):
        raise OrgaError(_("Le niveau maximal d'un sujet va de 1 à 8."))
    profile.tubes.all().delete()
    TargetTube.objects.bulk_create(
        TargetTube(profile=profile, tube=tube, level_cap=cap)
        for tube, cap in sorted(caps.items())
    )
    profile.save(update_fields=["updated_at"])
    return len(caps)


@transaction.atomic
def stage_add(
    *, user, profile, threshold: int, title: str, message: str = "",
    trusted: bool = False,
) -> Stage:  # fmt: skip
    require(can_edit_target_profile, user, profile, trusted=trusted)
    if profile.stages.filter(threshold=threshold).exists():
        raise OrgaError(_("Un palier a déjà ce seuil."))
    stage = Stage(profile=profile, threshold=threshold, title=title, message=message)
    stage.full_clean()
    stage.save()
    return stage


@transaction.atomic
def badge_add(
    *, user, profile, title: str, threshold: int, tubes=(), message: str = "",
    trusted: bool = False,
) -> Badge:  # fmt: skip
    require(can_edit_target_profile, user, profile, trusted=trusted)
    outside = set(tubes) - set(profile.tubes.values_list("tube", flat=True))
    if outside:
        raise OrgaError(_("Un badge ne porte que sur des sujets du profil."))
    badge = Badge(
        profile=profile,
        title=title,
        threshold=threshold,
        tubes=sorted(tubes),
        message=message,
    )
    badge.full_clean()
    badge.save()
    return badge


@transaction.atomic
def profile_item_remove(*, user, profile, kind: str, pk: int) -> None:
    """Remove a stage or a badge of the profile."""
    require(can_edit_target_profile, user, profile)
    items = {"stage": profile.stages, "badge": profile.badges}.get(kind)
    if items is None or not items.filter(pk=pk).delete()[0]:
        raise OrgaError(_("Cet élément n'existe pas."))


@transaction.atomic
def target_profile_copy(
    *, user, profile, organisation, trusted: bool = False
) -> TargetProfile:
    """Copy a profile (predefined or the organisation's own) to adapt it."""
    require(can_manage_target_profiles, user, organisation, trusted=trusted)
    if profile.organisation_id not in (None, organisation.pk):
        raise OrgaError(_("Ce profil cible n'existe pas."))
    copy = TargetProfile.objects.create(
        organisation=organisation,
        name=_("Copie de %(name)s") % {"name": profile.name},
        description=profile.description,
        copied_from=profile,
    )
    TargetTube.objects.bulk_create(
        TargetTube(profile=copy, tube=item.tube, level_cap=item.level_cap)
        for item in profile.tubes.all()
    )
    Stage.objects.bulk_create(
        Stage(profile=copy, threshold=s.threshold, title=s.title, message=s.message)
        for s in profile.stages.all()
    )
    Badge.objects.bulk_create(
        Badge(
            profile=copy,
            title=b.title,
            message=b.message,
            threshold=b.threshold,
            tubes=b.tubes,
        )
        for b in profile.badges.all()
    )
    return copy


@transaction.atomic
def predefined_profile_save(
    *, name: str, description: str, caps: dict[str, int], stages=()
) -> TargetProfile:
    """Create or refresh a predefined profile (management commands only)."""
    profile, _created = TargetProfile.objects.update_or_create(
        organisation=None, name=name, defaults={"description": description}
    )
    profile.tubes.all().delete()
    TargetTube.objects.bulk_create(
        TargetTube(profile=profile, tube=tube, level_cap=cap)
        for tube, cap in sorted(caps.items())
    )
    profile.stages.all().delete()
    Stage.objects.bulk_create(
        Stage(profile=profile, threshold=threshold, title=title, message=message)
        for threshold, title, message in stages
    )
    return profile
