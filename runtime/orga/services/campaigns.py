"""Writes of campaigns and participations: create, archive, join, take, share, retry."""

import datetime
import random

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from runtime.domain import codes, scoring, target_profiles
from runtime.enums import AssessmentState, KnowledgeStatus, PositioningAlgorithm
from runtime.learning import services as learning
from runtime.learning.selectors import current_knowledge, learner_profile
from runtime.permissions import require
from runtime.release_index import current_release_index, release_index

from ..enums import CampaignType, ParticipationStatus
from ..models import Campaign, Participation
from ..permissions import can_join_campaign, can_manage_campaigns
from ..selectors import profile_target_skills, target_profile_for
from .errors import OrgaError

RETRY_DELAY_DAYS = 4


class NeedsReconciliation(OrgaError):
    """A school's campaign: the learner must first be found in the school's list."""


def _fields(values: dict) -> dict:
    return {
        "title": values["title"].strip(),
        "landing_text": values.get("landing_text", "").strip(),
        "external_id_label": values.get("external_id_label", "").strip(),
        "multiple_sendings": bool(values.get("multiple_sendings")),
        "test_algorithm": values.get("test_algorithm")
        or PositioningAlgorithm.INFERENCE,
    }


class AlgorithmRefused(OrgaError):
    """The test algorithm chosen cannot serve this campaign (the form's field)."""


def _check_algorithm(campaign: Campaign) -> None:
    """Raise AlgorithmRefused unless the campaign's algorithm can test it now.

    IRT needs an assessment campaign and a release in service carrying
    accepted parameters for enough of its target skills' challenges.
    """
    if campaign.test_algorithm != PositioningAlgorithm.IRT:
        return
    if not campaign.is_assessment:
        raise AlgorithmRefused(
            _(
                "Une collecte de profils ne fait passer aucun test : choisissez "
                "« Inférence des acquis »."
            )
        )
    index = current_release_index()
    skills = profile_target_skills(campaign.target_profile, index) if index else []
    reason = learning.irt_unavailable_reason(index, skills)
    if reason:
        raise AlgorithmRefused(reason)


@transaction.atomic
def campaign_create(
    *, user, organisation, target_profile, type: str = CampaignType.ASSESSMENT,
    rng: random.Random | None = None, trusted: bool = False, **values,
) -> Campaign:  # fmt: skip
    """Create a campaign with a new unique code."""
    require(can_manage_campaigns, user, organisation, trusted=trusted)
    if target_profile_for(organisation, target_profile.pk) is None:
        raise OrgaError(_("Ce profil cible n'existe pas."))
    if not target_profile.tubes.exists():
        raise OrgaError(_("Ce profil cible ne vise encore aucun sujet."))
    code = codes.campaign_code(
        rng or random.SystemRandom(),
        is_available=lambda code: not Campaign.objects.filter(code=code).exists(),
    )
    campaign = Campaign(
        organisation=organisation,
        target_profile=target_profile,
        type=type,
        code=code,
        created_by=user if getattr(user, "pk", None) else None,
        **_fields(values),
    )
    campaign.full_clean()
    _check_algorithm(campaign)
    campaign.save()
    return campaign


@transaction.atomic
def campaign_update(*, user, campaign: Campaign, **values) -> Campaign:
    """Change a campaign's texts, sendings and algorithm (tests started keep theirs)."""
    require(can_manage_campaigns, user, campaign.organisation)
    changed = _fields(
        {
            **values,
            "test_algorithm": values.get("test_algorithm") or campaign.test_algorithm,
        }
    )
    for name, value in changed.items():
        setattr(campaign, name, value)
    try:
        campaign.full_clean()
        _check_algorithm(campaign)
    except (AlgorithmRefused, ValidationError):
        campaign.refresh_from_db()  # the page shows it as saved
        raise
    campaign.save()
    return campaign


@transaction.atomic
def campaign_archive(*, user, campaign: Campaign, archived: bool, now=None) -> None:
    """Archive (nobody can join any more) or unarchive a campaign."""
    require(can_manage_campaigns, user, campaign.organisation)
    campaign.archived_at = (now or timezone.now()) if archived else None
    campaign.save(update_fields=["archived_at"])


def current_participation(campaign, user) -> Participation | None:
    if not user.is_authenticated:
        return None
    return (
        campaign.participations.select_related("assessment")
        .filter(user=user, is_improved=False)
        .first()
    )


def _school_learner(campaign, user):
    """Return the user's row in the school's list, or raise NeedsReconciliation."""
    organisation = campaign.organisation
    if not organisation.is_school:
        return None
    learner = organisation.learners.filter(user=user, is_active=True).first()
    if learner is None:
        raise NeedsReconciliation(
            _("Identifiez-vous comme élève de %(name)s pour commencer.")
            % {"name": organisation.name}
        )
    return learner


@transaction.atomic
def participation_start(
    *, user, campaign: Campaign, external_id: str = "", trusted: bool = False
) -> Participation:
    """Join a campaign (or resume): an assessment starts the adaptive test."""
    require(can_join_campaign, user, trusted=trusted)
    existing = current_participation(campaign, user)
    if existing is not None:
        return existing
    if campaign.is_archived:
        raise OrgaError(
            _("Cette campagne est archivée : on ne peut plus la rejoindre.")
        )
    external_id = external_id.strip()
    if campaign.external_id_label and not external_id:
        raise OrgaError(
            _("Saisissez votre %(label)s.") % {"label": campaign.external_id_label}
        )
    learner = _school_learner(campaign, user)
    return _new_participation(user, campaign, learner, external_id, keep_failed=True)


def _new_participation(user, campaign, learner, external_id, *, keep_failed):
    participation = Participation(
        campaign=campaign, user=user, learner=learner, external_id=external_id[:100]
    )
    if campaign.is_assessment:
        index = current_release_index()
        skills = profile_target_skills(campaign.target_profile, index) if index else []
        try:
            participation.assessment = learning.campaign_assessment_start(
                user=user,
                skills=skills,
                title=campaign.title,
                keep_failed=keep_failed,
                algorithm=campaign.test_algorithm,
            )
        except learning.LearningError as error:
            raise OrgaError(str(error)) from error
    else:
        participation.status = ParticipationStatus.TO_SHARE
    try:
        with transaction.atomic():
            participation.save()
    except IntegrityError:  # a second tab joined first
        return current_participation(campaign, user)
    return participation


def participation_refresh(participation: Participation, *, now=None) -> Participation:
    """Mark a participation to share once its test is over."""
    assessment = participation.assessment
    if assessment is not None and participation.status == ParticipationStatus.STARTED:
        assessment.refresh_from_db(fields=["state", "completed_at"])
    finished = assessment is not None and assessment.state == AssessmentState.COMPLETED
    if participation.status == ParticipationStatus.STARTED and finished:
        participation.status = ParticipationStatus.TO_SHARE
        participation.completed_at = assessment.completed_at or now or timezone.now()
        Participation.objects.filter(pk=participation.pk).update(
            status=participation.status, completed_at=participation.completed_at
        )
    return participation


def participation_results(campaign, user, index) -> dict:
    """Return what sharing fixes: counts, mastery, stage, badges, per skill, per
    competence, from the learner's current knowledge (any test counts)."""
    profile = campaign.target_profile
    targeted = profile_target_skills(profile, index)
    knowledge = current_knowledge(user)
    skill_results = {
        skill: "ok" if knowledge[skill].status == KnowledgeStatus.VALIDATED else "ko"
        for skill in targeted
        if skill in knowledge and knowledge[skill].status != KnowledgeStatus.RESET
    }
    validated = [skill for skill, result in skill_results.items() if result == "ok"]
    per_competence: dict[str, list[int]] = {}
    for skill in targeted:
        counts = per_competence.setdefault(index.competence_of_skill(skill), [0, 0])
        counts[0] += skill_results.get(skill) == "ok"
        counts[1] += 1
    rate = target_profiles.mastery_rate(len(validated), len(targeted))
    stages = list(profile.stages.all())
    reached = target_profiles.reached_stage([s.threshold for s in stages], rate)
    refs = [
        target_profiles.SkillRef(
            skill, index.skills[skill].tube, index.skills[skill].level
        )
        for skill in targeted
    ]
    rules = [
        target_profiles.BadgeRule(badge.pk, badge.threshold, tuple(badge.tubes))
        for badge in profile.badges.all()
    ]
    return {
        "validated_count": len(validated),
        "targeted_count": len(targeted),
        "mastery": rate,
        "stage": None if reached is None else stages[reached],
        "badges": target_profiles.earned_badges(rules, validated, refs),
        "skill_results": skill_results,
        "competence_results": per_competence,
    }


@transaction.atomic
def participation_share(*, user, participation: Participation, now=None) -> None:
    """Send the results to the organisation (the learner's explicit choice)."""
    if participation.user_id != getattr(user, "pk", None):
        raise OrgaError(_("Cette participation n'existe pas."))
    participation_refresh(participation, now=now)
    if participation.status == ParticipationStatus.SHARED:
        return
    if participation.status != ParticipationStatus.TO_SHARE:
        raise OrgaError(_("Terminez d'abord le test pour envoyer vos résultats."))
    index = (
        release_index(participation.assessment.release_id)
        if participation.assessment_id
        else current_release_index()
    )
    for name, value in participation_results(
        participation.campaign, user, index
    ).items():
        setattr(participation, name, value)
    if not participation.campaign.is_assessment:
        profile = learner_profile(user, current_release_index())
        participation.profile = {c.code: [c.pix, c.level] for c in profile}
        participation.pix_total = sum(c.pix for c in profile)
    participation.status = ParticipationStatus.SHARED
    participation.shared_at = now or timezone.now()
    participation.save()


def retry_available_at(participation: Participation) -> datetime.datetime | None:
    """Return when the learner may take the campaign again, or None if never."""
    campaign = participation.campaign
    if (
        not campaign.multiple_sendings
        or campaign.is_archived
        or participation.status != ParticipationStatus.SHARED
        or (participation.mastery is not None and participation.mastery >= 1)
    ):
        return None
    return participation.shared_at + datetime.timedelta(days=RETRY_DELAY_DAYS)


@transaction.atomic
def participation_retry(*, user, campaign: Campaign, now=None) -> Participation:
    """Take the campaign again, 4 days after sharing, when it allows it (DOMAIN.md §5).

    The earlier participation stays (marked improved); validated skills are
    kept, failed ones are asked again.
    """
    require(can_join_campaign, user)
    now = now or timezone.now()
    previous = (
        Participation.objects.select_for_update()
        .select_related("campaign")
        .filter(campaign=campaign, user=user, is_improved=False)
        .first()
    )
    available = retry_available_at(previous) if previous else None
    if available is None:
        raise OrgaError(_("Cette campagne ne peut pas être repassée."))
    if now < available:
        days = scoring.days_until_improvement(
            last_answer_at=previous.shared_at,
            now=now,
            delay=datetime.timedelta(days=RETRY_DELAY_DAYS),
        )
        raise OrgaError(
            ngettext(
                "Vous pourrez repasser cette campagne dans %(days)d jour.",
                "Vous pourrez repasser cette campagne dans %(days)d jours.",
                days,
            )
            % {"days": days}
        )
    previous.is_improved = True
    previous.save(update_fields=["is_improved"])
    return _new_participation(
        user, campaign, previous.learner, previous.external_id, keep_failed=False
    )
