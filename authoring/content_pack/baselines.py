"""Tell an item changed in this workbench from one a pack may update.

Each import or export records a baseline per item (authoring.PackBaseline): a
digest of the item's state and the Wagtail revision it matched. An item whose
state or latest revision differs from its baseline was changed here since the
last pack went through, so it is newer than any pack: importing keeps it.
"""

import hashlib
import json

from authoring.enums import ContentStatus
from authoring.models import PackBaseline
from referential.enums import SkillStatus

# Withdrawn beats validated beats proposed (or draft): a pack never moves back.
STATUS_RANK = {
    ContentStatus.PROPOSED: 0,
    ContentStatus.VALIDATED: 1,
    ContentStatus.ARCHIVED: 2,
    ContentStatus.OBSOLETE: 2,
    SkillStatus.DRAFT: 0,
    SkillStatus.ACTIVE: 1,
}


def digest(state: dict) -> str:
    """Return the digest of a state dictionary (order of keys ignored)."""
    text = json.dumps(state, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def is_downgrade(current: str, new: str) -> bool:
    """Return True when the new status would move the item back."""
    return STATUS_RANK.get(new, 0) < STATUS_RANK.get(current, 0)


def load(kinds: list[str]) -> dict[tuple[str, str], PackBaseline]:
    return {
        (baseline.kind, baseline.uid): baseline
        for baseline in PackBaseline.objects.filter(kind__in=kinds)
    }


EARLIER_KEPT = 20


def record(
    entries: list[tuple[str, str, dict, int | None]],
    known: dict[tuple[str, str], PackBaseline] | None = None,
) -> None:
    """Store (kind, uid, state, revision id) as the items' new baselines.

    ``known`` holds the baselines read before (all are read when None): a
    replaced digest joins the earlier ones.
    """
    if not entries:
        return
    if known is None:
        known = load(sorted({kind for kind, *_rest in entries}))
    rows = {}
    for kind, uid, state, revision in entries:
        new = digest(state)
        previous = known.get((kind, uid))
        earlier = list(previous.earlier) if previous else []
        if previous and previous.digest != new:
            earlier = [d for d in earlier if d != new] + [previous.digest]
        rows[(kind, uid)] = PackBaseline(
            kind=kind,
            uid=uid,
            digest=new,
            revision_id=revision,
            earlier=earlier[-EARLIER_KEPT:],
        )
    PackBaseline.objects.bulk_create(
        rows.values(),
        update_conflicts=True,
        unique_fields=["kind", "uid"],
        update_fields=["digest", "revision_id", "earlier", "recorded_at"],
    )


def referential_state(instance, fields: list[str]) -> dict:
    return {name: getattr(instance, name) for name in fields}


THEMATIC_FIELDS = ["competence_id", "name", "position"]
TUBE_FIELDS = ["competence_id", "thematic_id", "name", "title", "description"]
TUBE_FIELDS += ["position"]
SKILL_FIELDS = ["tube_id", "level", "status", "version", "description"]
