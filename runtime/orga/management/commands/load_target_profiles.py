"""Create or refresh the predefined target profiles from the current release."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from runtime.orga.services.target_profiles import predefined_profile_save
from runtime.release_index import current_release_index

DEFAULT_FILE = Path(settings.BASE_DIR) / "content" / "demo" / "target_profiles.json"


def profiles_from(description: dict, index) -> list[dict]:
    """Return each predefined profile with its tubes' caps, from the release."""
    made = []
    for item in description["profiles"]:
        if item.get("per_competence"):
            for competence in index.competences.values():
                values = {"code": competence.code, "title": competence.title}
                made.append(
                    {
                        "name": item["name"].format(**values),
                        "description": item["description"].format(**values),
                        "caps": _caps(index, {competence.code}, item["level_cap"]),
                    }
                )
        else:
            chosen = item["competences"]
            codes = set(index.competences) if chosen == "all" else set(chosen)
            made.append(
                {
                    "name": item["name"],
                    "description": item["description"],
                    "caps": _caps(index, codes, item["level_cap"]),
                }
            )
    return [profile for profile in made if profile["caps"]]


def _caps(index, codes: set[str], cap: int) -> dict[str, int]:
    """Return every tube of the competences with a skill at or under the cap."""
    levels = {}
    for skill in index.skills.values():
        levels[skill.tube] = min(levels.get(skill.tube, 9), skill.level)
    return {
        tube.id: cap
        for tube in index.tubes.values()
        if tube.competence in codes and levels.get(tube.id, 9) <= cap
    }


class Command(BaseCommand):
    help = "Create or refresh the predefined target profiles (every organisation's)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE)

    def handle(self, *args, file: Path, **options):
        index = current_release_index()
        if index is None:
            raise CommandError("Publiez d'abord une release.")
        description = json.loads(file.read_text(encoding="utf-8"))
        stages = [tuple(stage) for stage in description.get("stages", [])]
        profiles = profiles_from(description, index)
        for profile in profiles:
            predefined_profile_save(**profile, stages=stages)
        self.stdout.write(f"Profils cibles prédéfinis : {len(profiles)}.")
