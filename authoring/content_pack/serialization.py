"""Model ↔ pack dictionaries, shared by export and by the import's change detection."""

import datetime

from authoring.models import Challenge, Hint, Tutorial
from referential.models import Skill, Thematic, Tube

FORMAT = "crcn-content-pack"
VERSION = 1


def file_path(competence_code: str, title: str) -> str:
    """Return the pack path of an attached file or illustration."""
    return f"files/{competence_code}/{title}"


def format_duration(duration: datetime.timedelta) -> str:
    """Return HH:MM:SS for a tutorial duration."""
    seconds = int(duration.total_seconds())
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def parse_duration(text: str) -> datetime.timedelta:
    """Return the timedelta of HH:MM:SS."""
    hours, minutes, seconds = (int(part) for part in text.split(":"))
    return datetime.timedelta(hours=hours, minutes=minutes, seconds=seconds)


def hint_to_dict(hint: Hint | None) -> dict | None:
    if hint is None:
        return None
    return {"id": hint.uid, "status": hint.status, "text": hint.text}


def skill_to_dict(skill: Skill, hint: Hint | None) -> dict:
    return {
        "id": skill.uid,
        "level": skill.level,
        "status": skill.status,
        "version": skill.version,
        "description": skill.description,
        "hint": hint_to_dict(hint),
    }


def tube_to_dict(tube: Tube, skills: list[dict]) -> dict:
    return {
        "id": tube.uid,
        "name": tube.name,
        "title": tube.title,
        "description": tube.description,
        "position": tube.position,
        "skills": sorted(skills, key=lambda item: item["id"]),
    }


def thematic_to_dict(thematic: Thematic, tubes: list[dict]) -> dict:
    return {
        "id": thematic.uid,
        "name": thematic.name,
        "position": thematic.position,
        "tubes": sorted(tubes, key=lambda item: item["id"]),
    }


def challenge_to_dict(
    challenge: Challenge, *, competence_code: str, attachment_titles: list[str]
) -> dict:
    """Return the pack form of a challenge (attachments given, to avoid queries)."""
    illustration = None
    if challenge.illustration_id:
        illustration = {
            "file": file_path(competence_code, challenge.illustration.title),
            "alt": challenge.illustration_alt,
        }
    embed = None
    if challenge.embed_url:
        embed = {
            "url": challenge.embed_url,
            "title": challenge.embed_title,
            "height": challenge.embed_height,
            "auto_reply": challenge.embed_auto_reply,
        }
    partial = None
    if challenge.partial_min is not None or challenge.partial_max is not None:
        partial = {"min": challenge.partial_min, "max": challenge.partial_max}
    return {
        "id": challenge.uid,
        "skill": challenge.skill.uid,
        "type": challenge.type,
        "status": challenge.status,
        "instruction": challenge.instruction,
        "alternative_instruction": challenge.alternative_instruction,
        "proposals": challenge.proposals,
        "solution": challenge.solution,
        "tolerances": challenge.tolerances,
        "answer_format": challenge.answer_format,
        "partial": partial,
        "timer": challenge.timer,
        "focused": challenge.focused,
        "shuffled": challenge.shuffled,
        "illustration": illustration,
        "attachments": sorted(
            file_path(competence_code, title) for title in attachment_titles
        ),
        "embed": embed,
        **challenge_metadata(challenge),
    }


def challenge_metadata(challenge: Challenge) -> dict:
    """Return locales, pedagogy, accessibility, genealogy and calibration.

    The content pack form (release snapshots type theirs in
    runtime.domain.release_contract).
    """
    return {
        "locales": list(challenge.locales),
        "pedagogy": challenge.pedagogy,
        "accessibility": {
            "blind": challenge.accessibility_blind,
            "colour_blind": challenge.accessibility_colour_blind,
        },
        "prototype": challenge.prototype.uid if challenge.prototype_id else None,
        "declinaison_number": challenge.declinaison_number,
        "calibration": {
            "difficulty": challenge.difficulty,
            "discrimination": challenge.discrimination,
        },
    }


def tutorial_to_dict(tutorial: Tutorial, links: list[tuple[str, str]]) -> dict:
    """Return the pack form of a tutorial; links are (skill uid, kind)."""
    return {
        "id": tutorial.uid,
        "title": tutorial.title,
        "link": tutorial.link,
        "source": tutorial.source,
        "format": tutorial.format,
        "duration": format_duration(tutorial.duration),
        "locale": tutorial.locale,
        "status": tutorial.status,
        "skills": [{"skill": skill, "kind": kind} for skill, kind in links],
    }
