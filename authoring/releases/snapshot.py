"""Build the immutable snapshot of what learners may be served.

The snapshot is written through the typed release contract
(runtime.domain.release_contract); the admin preview serialises a draft with
``release_challenge`` too, so an author previews what learners will get.
"""

import dataclasses

from authoring.enums import ContentStatus
from authoring.models import Challenge, Hint, TutorialSkill
from referential.enums import SkillStatus
from referential.models import Competence, Skill, Tube
from referential.selectors import skill_pix_values
from review.calibration import accepted_parameters
from runtime.domain import release_contract as contract


def _competences() -> tuple[contract.Competence, ...]:
    competences = Competence.objects.select_related("area").prefetch_related("digcomp")
    return tuple(
        contract.Competence(
            code=competence.code,
            title=competence.title,
            area=competence.area.code,
            area_title=competence.area.title,
            digcomp=tuple(item.code for item in competence.digcomp.all()),
        )
        for competence in competences
    )


def _tubes() -> tuple[contract.Tube, ...]:
    tubes = Tube.objects.select_related("competence", "thematic").order_by("uid")
    return tuple(
        contract.Tube(
            id=tube.uid,
            name=tube.name,
            title=tube.title,
            competence=tube.competence.code,
            thematic=tube.thematic.name,
        )
        for tube in tubes
    )


def _skills() -> tuple[contract.Skill, ...]:
    pix = skill_pix_values()
    skills = Skill.objects.filter(status=SkillStatus.ACTIVE).select_related("tube")
    return tuple(
        contract.Skill(
            id=skill.uid,
            name=skill.name,
            tube=skill.tube.uid,
            level=skill.level,
            pix=pix[skill.pk],
        )
        for skill in skills.order_by("uid")
    )


def _illustration(challenge: Challenge) -> contract.Illustration | None:
    if not challenge.illustration_id:
        return None
    return contract.Illustration(
        id=challenge.illustration_id, alt=challenge.illustration_alt
    )


def _embed(challenge: Challenge) -> contract.Embed | None:
    if not challenge.embed_url:
        return None
    return contract.Embed(
        url=challenge.embed_url,
        title=challenge.embed_title,
        height=challenge.embed_height or 400,
        auto_reply=challenge.embed_auto_reply,
    )


def _calibration(challenge: Challenge, accepted=None) -> contract.Calibration:
    """Return the accepted run's parameters of the challenge, else its own."""
    if accepted is None:
        return contract.Calibration(
            difficulty=challenge.difficulty,
            discrimination=challenge.discrimination,
        )
    return contract.Calibration(
        difficulty=accepted.difficulty,
        discrimination=accepted.discrimination,
        difficulty_se=accepted.difficulty_se,
        discrimination_se=accepted.discrimination_se,
        answers=accepted.answers,
        run=accepted.run_id,
    )


def release_challenge(challenge: Challenge, accepted=None) -> contract.Challenge:
    """Return a challenge (saved, or a draft revision) in its release form.

    ``accepted``: its result in the latest accepted calibration run, if any.
    """
    return contract.Challenge(
        id=challenge.uid,
        skill=challenge.skill.uid,
        type=challenge.type,
        instruction=challenge.instruction,
        alternative_instruction=challenge.alternative_instruction,
        proposals=challenge.proposals,
        spec=challenge.to_check_spec(),
        timer=challenge.timer,
        focused=challenge.focused,
        shuffled=challenge.shuffled,
        locales=tuple(challenge.locales),
        pedagogy=challenge.pedagogy,
        accessibility=contract.Accessibility(
            blind=challenge.accessibility_blind,
            colour_blind=challenge.accessibility_colour_blind,
        ),
        prototype=challenge.prototype.uid if challenge.prototype_id else None,
        declinaison_number=challenge.declinaison_number,
        calibration=_calibration(challenge, accepted),
        illustration=_illustration(challenge),
        attachments=tuple(
            contract.Attachment(id=document.pk, title=document.title, url=document.url)
            for document in challenge.attachments.all()
        ),
        embed=_embed(challenge),
    )


def _challenges(active_skill_uids: set[str]) -> tuple[contract.Challenge, ...]:
    challenges = (
        Challenge.objects.filter(status=ContentStatus.VALIDATED, live=True)
        .select_related("skill", "prototype")
        .prefetch_related("attachments")
        .order_by("uid")
    )
    accepted = accepted_parameters()
    return tuple(
        release_challenge(challenge, accepted.get(challenge.pk))
        for challenge in challenges
        if challenge.skill.uid in active_skill_uids
    )


def _hints() -> dict[str, str]:
    hints = Hint.objects.filter(status=ContentStatus.VALIDATED, live=True)
    return dict(sorted(hints.values_list("skill__uid", "text")))


def _tutorials() -> tuple[contract.Tutorial, ...]:
    links = TutorialSkill.objects.filter(
        tutorial__status=ContentStatus.VALIDATED, tutorial__live=True
    ).select_related("tutorial", "skill")
    tutorials: dict[str, contract.Tutorial] = {}
    skills: dict[str, list[contract.TutorialSkill]] = {}
    for link in links.order_by("tutorial__uid", "sort_order"):
        tutorial = link.tutorial
        tutorials.setdefault(
            tutorial.uid,
            contract.Tutorial(
                id=tutorial.uid,
                title=tutorial.title,
                link=tutorial.link,
                source=tutorial.source,
                format=tutorial.format,
                duration_seconds=int(tutorial.duration.total_seconds()),
                locale=tutorial.locale,
            ),
        )
        skills.setdefault(tutorial.uid, []).append(
            contract.TutorialSkill(skill=link.skill.uid, kind=link.kind)
        )
    return tuple(
        dataclasses.replace(tutorial, skills=tuple(skills[uid]))
        for uid, tutorial in tutorials.items()
    )


def build_snapshot() -> contract.Snapshot:
    """Return the active referential and validated content, typed."""
    skills = _skills()
    return contract.Snapshot(
        competences=_competences(),
        tubes=_tubes(),
        skills=skills,
        challenges=_challenges({skill.id for skill in skills}),
        hints=_hints(),
        tutorials=_tutorials(),
    )
