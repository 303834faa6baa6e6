"""Write the referential and all content as a content pack folder."""

import json
import shutil
from collections import defaultdict
from pathlib import Path

from authoring.models import Challenge, Hint, Tutorial
from referential.models import Competence, Skill, Thematic, Tube

from . import baselines
from . import serialization as ser


def dump_json(data) -> str:
    """Return the canonical JSON text of the pack: sorted keys, 2 spaces, newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _referential(code: str, hints: dict[int, Hint], recorded: list) -> list[dict]:
    skills_by_tube = defaultdict(list)
    for skill in Skill.objects.filter(tube__competence__code=code):
        hint = hints.get(skill.pk)
        skills_by_tube[skill.tube_id].append(ser.skill_to_dict(skill, hint))
        state = baselines.referential_state(skill, baselines.SKILL_FIELDS)
        recorded.append(("skill", skill.uid, state, None))
        if hint is not None:
            state = {**ser.hint_to_dict(hint), "skill": skill.pk}
            recorded.append(("hint", hint.uid, state, hint.latest_revision_id))
    tubes_by_thematic = defaultdict(list)
    for tube in Tube.objects.filter(competence__code=code):
        tubes_by_thematic[tube.thematic_id].append(
            ser.tube_to_dict(tube, skills_by_tube[tube.pk])
        )
        state = baselines.referential_state(tube, baselines.TUBE_FIELDS)
        recorded.append(("tube", tube.uid, state, None))
    thematics = []
    for thematic in Thematic.objects.filter(competence__code=code):
        thematics.append(ser.thematic_to_dict(thematic, tubes_by_thematic[thematic.pk]))
        state = baselines.referential_state(thematic, baselines.THEMATIC_FIELDS)
        recorded.append(("thematic", thematic.uid, state, None))
    return sorted(thematics, key=lambda item: item["id"])


def _challenges(code: str, files: dict[str, object], recorded: list) -> list[dict]:
    challenges = (
        Challenge.objects.filter(skill__tube__competence__code=code)
        .select_related("skill", "prototype", "illustration")
        .prefetch_related("attachments")
    )
    result = []
    for challenge in challenges:
        documents = list(challenge.attachments.all())
        for document in documents:
            files[ser.file_path(code, document.title)] = document.file
        if challenge.illustration_id:
            path = ser.file_path(code, challenge.illustration.title)
            files[path] = challenge.illustration.file
        result.append(
            ser.challenge_to_dict(
                challenge,
                competence_code=code,
                attachment_titles=[document.title for document in documents],
            )
        )
        recorded.append(
            ("challenge", challenge.uid, result[-1], challenge.latest_revision_id)
        )
    return sorted(result, key=lambda item: item["id"])


def _tutorials_by_competence(recorded: list) -> dict[str, list[dict]]:
    """Return tutorials filed under the competence of their first linked skill."""
    result = defaultdict(list)
    tutorials = Tutorial.objects.prefetch_related(
        "skill_links__skill__tube__competence"
    )
    for tutorial in tutorials:
        links = sorted(
            tutorial.skill_links.all(), key=lambda link: link.sort_order or 0
        )
        if not links:
            continue
        pairs = [(link.skill.uid, link.kind) for link in links]
        home = links[0].skill.tube.competence.code
        result[home].append(ser.tutorial_to_dict(tutorial, pairs))
        recorded.append(
            ("tutorial", tutorial.uid, result[home][-1], tutorial.latest_revision_id)
        )
    return result


def _write_file(target: Path, field_file) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with field_file.open("rb") as source, target.open("wb") as destination:
        shutil.copyfileobj(source, destination)


def export_pack(root: Path, *, name: str = "Atelier CRCN") -> dict[str, int]:
    """Write the pack under root (emptied first) and return what was written.

    Each item's exported state becomes its baseline: importing a pack edited
    from this one later updates the items nobody changed here meanwhile.
    """
    root = Path(root)
    for sub in ("competences", "files"):
        shutil.rmtree(root / sub, ignore_errors=True)
    (root / "competences").mkdir(parents=True, exist_ok=True)
    hints = {hint.skill_id: hint for hint in Hint.objects.all()}
    recorded: list = []
    tutorials = _tutorials_by_competence(recorded)
    files: dict[str, object] = {}
    listed, counts = [], defaultdict(int)
    for code in Competence.objects.order_by("code").values_list("code", flat=True):
        data = {
            "competence": code,
            "thematics": _referential(code, hints, recorded),
            "challenges": _challenges(code, files, recorded),
            "tutorials": sorted(tutorials.get(code, []), key=lambda item: item["id"]),
        }
        if not (data["thematics"] or data["challenges"] or data["tutorials"]):
            continue
        listed.append(f"competences/{code}.json")
        (root / listed[-1]).write_text(dump_json(data), encoding="utf-8")
        counts["challenges"] += len(data["challenges"])
        counts["tutorials"] += len(data["tutorials"])
    for path, field_file in sorted(files.items()):
        _write_file(root / path, field_file)
    baselines.record(recorded)
    manifest = {"format": ser.FORMAT, "version": ser.VERSION, "name": name}
    manifest["competences"] = listed
    (root / "pack.json").write_text(dump_json(manifest), encoding="utf-8")
    return {"competences": len(listed), "files": len(files), **counts}
