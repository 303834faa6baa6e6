"""Cross-reference and content rules of a pack: the admin form's rules, and more."""

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from authoring.models import Challenge
from authoring.validation import format_errors, illustration_alt_errors, media_errors
from referential.models import Skill, Tube

from .files import document_problem, extension, image_problem, path_problem, shown


def check_rules(pack) -> list[tuple[str, str, str, str]]:
    """Return (file, item, field, message) for every rule the pack breaks."""
    return [
        *_tube_rules(pack),
        *_skill_rules(pack),
        *_challenge_rules(pack),
        *_tutorial_rules(pack),
    ]


def _file_of(pack, code: str) -> str:
    return pack.files.get(code, "")


def _tube_rules(pack):
    names = Counter(tube["name"] for _, _, tube in pack.tubes.values())
    existing = dict(Tube.objects.values_list("name", "uid"))
    for tube_id, (code, _thematic, tube) in pack.tubes.items():
        if names[tube["name"]] > 1:
            message = _("Le nom de sujet %(name)s est utilisé plusieurs fois.")
            yield _file_of(pack, code), tube_id, "name", message % tube
        elif existing.get(tube["name"], tube_id) != tube_id:
            message = _("Le nom de sujet %(name)s appartient déjà à un autre sujet.")
            yield _file_of(pack, code), tube_id, "name", message % tube


def _skill_rules(pack):
    active = Counter(
        (tube_id, skill["level"])
        for _, tube_id, skill in pack.skills.values()
        if skill["status"] == "active"
    )
    hint_ids = Counter(
        skill["hint"]["id"] for _, _, skill in pack.skills.values() if skill["hint"]
    )
    for skill_id, (code, tube_id, skill) in pack.skills.items():
        if skill["status"] == "active" and active[(tube_id, skill["level"])] > 1:
            message = _("Plusieurs acquis actifs pour ce sujet au niveau %(level)s.")
            yield _file_of(pack, code), skill_id, "status", message % skill
        if skill["hint"] and hint_ids[skill["hint"]["id"]] > 1:
            yield (
                _file_of(pack, code),
                skill["hint"]["id"],
                "id",
                _("Identifiant en double."),
            )


def _known_skills(pack) -> set[str]:
    referenced = {challenge["skill"] for _, challenge in pack.challenges.values()}
    referenced |= {
        link["skill"]
        for _, tutorial in pack.tutorials.values()
        for link in tutorial["skills"]
    }
    outside = referenced - set(pack.skills)
    in_database = set(
        Skill.objects.filter(uid__in=outside).values_list("uid", flat=True)
    )
    return set(pack.skills) | in_database


def _challenge_rules(pack):
    known = _known_skills(pack)
    for challenge_id, (relative, challenge) in pack.challenges.items():
        problems = [
            *_reference_problems(pack, known, challenge),
            *_file_problems(pack.root, challenge),
            *_content_problems(challenge),
        ]
        for field, message in problems:
            yield relative, challenge_id, field, message


def _reference_problems(pack, known, challenge):
    if challenge["skill"] not in known:
        yield "skill", _("Acquis inconnu : %(skill)s.") % challenge
    prototype_id = challenge["prototype"]
    if (prototype_id is None) != (challenge["declinaison_number"] is None):
        yield (
            "declinaison_number",
            _(
                "Une déclinaison a un prototype et un numéro ; un prototype n'a ni "
                "l'un ni l'autre."
            ),
        )
    if prototype_id is None:
        return
    prototype = pack.challenges.get(prototype_id, (None, None))[1]
    if prototype is None:
        yield "prototype", _("Prototype inconnu : %(prototype)s.") % challenge
    elif prototype["prototype"] is not None:
        yield "prototype", _("Ce prototype est lui-même une déclinaison.")
    elif prototype["skill"] != challenge["skill"]:
        yield (
            "prototype",
            _("Le prototype porte sur un autre acquis que cette épreuve."),
        )


def _file_problems(root: Path, challenge):
    """Check each file's type by extension, path, presence and type by content."""
    paths = [(path, "attachments") for path in challenge["attachments"]]
    if challenge["illustration"]:
        paths.append((challenge["illustration"]["file"], "illustration"))
    allowed = {
        "attachments": set(settings.WAGTAILDOCS_EXTENSIONS),
        "illustration": set(settings.WAGTAILIMAGES_EXTENSIONS),
    }
    refused = {
        "attachments": _("Type de fichier refusé : %(path)s."),
        "illustration": _("Une illustration doit être une image (PNG, JPEG…)."),
    }
    checks = {"attachments": document_problem, "illustration": image_problem}
    resolved_root = root.resolve()
    for path, field in paths:
        if extension(path) not in allowed[field]:
            yield field, refused[field] % {"path": shown(path)}
            continue
        if problem := path_problem(path):
            yield field, problem
            continue
        target = (root / path).resolve()
        if not target.is_relative_to(resolved_root) or not target.is_file():
            yield (
                field,
                _("Fichier absent du paquet : %(path)s.") % {"path": shown(path)},
            )
            continue
        if problem := checks[field](target, path):
            yield field, problem


def challenge_from_dict(challenge: dict) -> Challenge:
    """Return an unsaved challenge holding the pack's fields (no relations)."""
    partial = challenge["partial"] or {"min": None, "max": None}
    embed = challenge["embed"] or {}
    return Challenge(
        type=challenge["type"],
        instruction=challenge["instruction"],
        alternative_instruction=challenge["alternative_instruction"],
        proposals=challenge["proposals"],
        solution=challenge["solution"],
        tolerance_t1="t1" in challenge["tolerances"],
        tolerance_t2="t2" in challenge["tolerances"],
        tolerance_t3="t3" in challenge["tolerances"],
        answer_format=challenge["answer_format"],
        partial_min=partial["min"],
        partial_max=partial["max"],
        timer=challenge["timer"],
        focused=challenge["focused"],
        shuffled=challenge["shuffled"],
        illustration_alt=(challenge["illustration"] or {}).get("alt", ""),
        embed_url=embed.get("url", ""),
        embed_title=embed.get("title", ""),
        embed_height=embed.get("height"),
        embed_auto_reply=embed.get("auto_reply", False),
        locales=challenge["locales"],
        pedagogy=challenge["pedagogy"],
        accessibility_blind=challenge["accessibility"]["blind"],
        accessibility_colour_blind=challenge["accessibility"]["colour_blind"],
        declinaison_number=challenge["declinaison_number"],
        difficulty=challenge["calibration"]["difficulty"],
        discrimination=challenge["calibration"]["discrimination"],
        status=challenge["status"],
    )


def _content_problems(challenge):
    candidate = challenge_from_dict(challenge)
    # The image is not stored yet: the candidate has no illustration_id.
    alt_errors = illustration_alt_errors(
        has_illustration=bool(challenge["illustration"]),
        alt=candidate.illustration_alt,
    )
    for errors in (alt_errors, format_errors(candidate), media_errors(candidate)):
        for field, messages in errors.items():
            for message in messages:
                yield field, str(message)


def _tutorial_rules(pack):
    known = _known_skills(pack)
    for tutorial_id, (relative, tutorial) in pack.tutorials.items():
        skills = [link["skill"] for link in tutorial["skills"]]
        for skill in sorted(set(skills) - known):
            yield (
                relative,
                tutorial_id,
                "skills",
                _("Acquis inconnu : %(skill)s.") % {"skill": skill},
            )
        if len(set(skills)) != len(skills):
            yield relative, tutorial_id, "skills", _("Un acquis est cité deux fois.")
