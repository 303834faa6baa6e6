"""Build the immutable snapshot of what learners may be served."""

import hashlib
import json

from authoring.content_pack.serialization import challenge_metadata
from authoring.enums import ContentStatus
from authoring.models import Challenge, Hint, TutorialSkill
from referential.enums import SkillStatus
from referential.models import Competence, Skill, Tube
from referential.selectors import skill_pix_values

SNAPSHOT_FORMAT = 1


def _competences() -> list[dict]:
    competences = Competence.objects.select_related("area").prefetch_related("digcomp")
    return [
        {
            "code": competence.code,
            "title": competence.title,
            "area": competence.area.code,
            "area_title": competence.area.title,
            "digcomp": [item.code for item in competence.digcomp.all()],
        }
        for competence in competences
    ]


def _tubes() -> list[dict]:
    tubes = Tube.objects.select_related("competence", "thematic").order_by("uid")
    return [
        {
            "id": tube.uid,
            "name": tube.name,
            "title": tube.title,
            "competence": tube.competence.code,
            "thematic": tube.thematic.name,
        }
        for tube in tubes
    ]


def _skills() -> list[dict]:
    pix = skill_pix_values()
    skills = Skill.objects.filter(status=SkillStatus.ACTIVE).select_related("tube")
    return [
        {
            "id": skill.uid,
            "name": skill.name,
            "tube": skill.tube.uid,
            "level": skill.level,
            "pix": pix[skill.pk],
        }
        for skill in skills.order_by("uid")
    ]


def _media(challenge: Challenge) -> dict:
    illustration = None
    if challenge.illustration_id:
        illustration = {
            "id": challenge.illustration_id,
            "alt": challenge.illustration_alt,
        }
    attachments = [
        {"id": document.pk, "title": document.title, "url": document.url}
        for document in challenge.attachments.all()
    ]
    embed = None
    if challenge.embed_url:
        embed = {
            "url": challenge.embed_url,
            "title": challenge.embed_title,
            "height": challenge.embed_height or 400,
            "auto_reply": challenge.embed_auto_reply,
        }
    return {"illustration": illustration, "attachments": attachments, "embed": embed}


def _challenge(challenge: Challenge) -> dict:
    return {
        "id": challenge.uid,
        "skill": challenge.skill.uid,
        "type": challenge.type,
        "instruction": challenge.instruction,
        "alternative_instruction": challenge.alternative_instruction,
        "proposals": challenge.proposals,
        "spec": challenge.to_check_spec(),
        "timer": challenge.timer,
        "focused": challenge.focused,
        "shuffled": challenge.shuffled,
        **challenge_metadata(challenge),
        **_media(challenge),
    }


def _challenges(active_skill_uids: set[str]) -> list[dict]:
    challenges = (
        Challenge.objects.filter(status=ContentStatus.VALIDATED, live=True)
        .select_related("skill", "prototype")
        .prefetch_related("attachments")
        .order_by("uid")
    )
    return [
        _challenge(challenge)
        for challenge in challenges
        if challenge.skill.uid in active_skill_uids
    ]


def _hints() -> dict[str, str]:
    hints = Hint.objects.filter(status=ContentStatus.VALIDATED, live=True)
    return dict(sorted(hints.values_list("skill__uid", "text")))


def _tutorials() -> list[dict]:
    links = TutorialSkill.objects.filter(
        tutorial__status=ContentStatus.VALIDATED, tutorial__live=True
    ).select_related("tutorial", "skill")
    tutorials: dict[str, dict] = {}
    for link in links.order_by("tutorial__uid", "sort_order"):
        tutorial = link.tutorial
        entry = tutorials.setdefault(
            tutorial.uid,
            {
                "id": tutorial.uid,
                "title": tutorial.title,
                "link": tutorial.link,
                "source": tutorial.source,
                "format": tutorial.format,
                "duration_seconds": int(tutorial.duration.total_seconds()),
                "locale": tutorial.locale,
                "skills": [],
            },
        )
        entry["skills"].append([link.skill.uid, link.kind])
    return list(tutorials.values())


def build_snapshot() -> dict:
    """Return the active referential and validated content, as plain JSON data."""
    skills = _skills()
    return {
        "format": SNAPSHOT_FORMAT,
        "competences": _competences(),
        "tubes": _tubes(),
        "skills": skills,
        "challenges": _challenges({skill["id"] for skill in skills}),
        "hints": _hints(),
        "tutorials": _tutorials(),
    }


def canonical_json(snapshot: dict) -> str:
    """Return the canonical text of a snapshot (what the checksum covers)."""
    return json.dumps(
        snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


def checksum(snapshot: dict) -> str:
    """Return the SHA-256 of the snapshot's canonical JSON."""
    return hashlib.sha256(canonical_json(snapshot).encode()).hexdigest()
