"""Reads of organisations, always through the member's own organisations.

A view never loads an organisation's object by id alone: it asks these
selectors with ``request.user``, and anything outside the user's
organisations is None (a 404).
"""

from django.db.models import Count, F, Q

from runtime.domain import target_profiles

from .models import (
    Campaign,
    Invitation,
    Membership,
    Organisation,
    OrganisationLearner,
    TargetProfile,
)


def member_organisations(user):
    """Return the user's organisations, each with ``member_role`` annotated."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).annotate(
        member_role=F("memberships__role"), member_id=F("memberships__user_id")
    )


def organisation_for_member(user, pk: int) -> Organisation | None:
    """Return one of the user's organisations, or None (someone else's is missing)."""
    return member_organisations(user).filter(pk=pk).first()


def organisation_members(organisation) -> list[Membership]:
    return list(organisation.memberships.select_related("user"))


def pending_invitations(organisation) -> list[Invitation]:
    return list(organisation.invitations.filter(accepted_at__isnull=True))


def invitation_by_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation").filter(token=token).first()


def organisations_for_admin():
    """Return every organisation with its counts, for the platform's administrators."""
    return Organisation.objects.annotate(
        members=Count("memberships", distinct=True),
        active_learners=Count(
            "learners", filter=Q(learners__is_active=True), distinct=True
        ),
    )


def organisation_learners(organisation, *, division: str = ""):
    """Return the organisation's learners (active first), optionally of a class."""
    learners = organisation.learners.select_related("user").order_by(
        "-is_active", "division", "last_name", "first_name", "id"
    )
    return learners.filter(division=division) if division else learners


def learner_in(organisation, pk: int) -> OrganisationLearner | None:
    return organisation.learners.select_related("user").filter(pk=pk).first()


def divisions(organisation) -> list[str]:
    return list(
        organisation.learners.filter(is_active=True)
        .exclude(division="")
        .values_list("division", flat=True)
        .distinct()
        .order_by("division")
    )


def usable_target_profiles(organisation):
    """Return the organisation's target profiles, then the predefined ones."""
    return TargetProfile.objects.filter(
        Q(organisation=organisation) | Q(organisation__isnull=True)
    ).order_by(F("organisation").asc(nulls_last=True), "name", "id")


def target_profile_for(organisation, pk: int) -> TargetProfile | None:
    """Return a profile the organisation may use (its own or predefined), or None."""
    return usable_target_profiles(organisation).filter(pk=pk).first()


def own_target_profile(organisation, pk: int) -> TargetProfile | None:
    return organisation.target_profiles.filter(pk=pk).first()


def target_caps(profile) -> dict[str, int]:
    """Return the profile's tubes and their level caps."""
    return dict(profile.tubes.values_list("tube", "level_cap"))


def skill_refs(index) -> list[target_profiles.SkillRef]:
    """Return the release's skills as target profiles read them."""
    return [
        target_profiles.SkillRef(skill.id, skill.tube, skill.level)
        for skill in index.skills.values()
    ]


def profile_target_skills(profile, index, caps=None) -> list[str]:
    """Return the release's skill ids a profile targets."""
    caps = target_caps(profile) if caps is None else caps
    return target_profiles.target_skills(caps, skill_refs(index))


def profile_tree(index, caps: dict[str, int]) -> list[dict]:
    """Return areas → competences → tubes, each tube with its levels and cap."""
    levels: dict[str, list[int]] = {}
    for skill in index.skills.values():
        levels.setdefault(skill.tube, []).append(skill.level)
    areas: dict[str, dict] = {}
    for competence in index.competences.values():
        tubes = [
            {
                "tube": tube,
                "levels": sorted(levels.get(tube.id, [])),
                "cap": caps.get(tube.id),
            }
            for tube in index.tubes.values()
            if tube.competence == competence.code and levels.get(tube.id)
        ]
        area = areas.setdefault(
            competence.area, {"title": competence.area_title, "competences": []}
        )
        area["competences"].append({"competence": competence, "tubes": tubes})
    return list(areas.values())


def campaign_in(organisation, pk: int):
    return (
        organisation.campaigns.select_related("target_profile", "organisation")
        .filter(pk=pk)
        .first()
    )


def campaigns_listed(organisation, *, archived: bool = False):
    """Return the campaigns with their participant counts (one query)."""
    return (
        organisation.campaigns.filter(archived_at__isnull=not archived)
        .select_related("target_profile")
        .annotate(
            participants=Count(
                "participations", filter=Q(participations__is_improved=False)
            ),
            shared=Count(
                "participations",
                filter=Q(
                    participations__is_improved=False,
                    participations__status="SHARED",
                ),
            ),
        )
    )


def campaign_by_code(code: str):
    return (
        Campaign.objects.select_related("organisation__logo", "target_profile")
        .filter(code=code)
        .first()
    )
