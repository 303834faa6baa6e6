"""Write a validated pack in one transaction; unchanged items are left alone."""

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from authoring.enums import ContentStatus
from authoring.models import Challenge, Hint, Tutorial, TutorialSkill
from authoring.permissions import can_import_pack
from authoring.publication import PACK_IMPORT, publishing_through
from config.tasks import deferred_tasks
from referential.enums import SkillStatus
from referential.models import Competence, Skill, Thematic, Tube
from runtime.permissions import require

from . import baselines
from . import serialization as ser
from .rules import challenge_from_dict

# The pack's kinds of items, and how the report names them.
KINDS = {
    "thematic": gettext_lazy("thématiques"),
    "tube": gettext_lazy("sujets"),
    "skill": gettext_lazy("acquis"),
    "hint": gettext_lazy("indices"),
    "challenge": gettext_lazy("épreuves"),
    "tutorial": gettext_lazy("tutoriels"),
}

STATUS_LABELS = {**dict(SkillStatus.choices), **dict(ContentStatus.choices)}

CHALLENGE_FIELDS = [
    field.attname
    for field in Challenge._meta.concrete_fields
    if field.attname
    not in {"id", "uid", "skill_id", "prototype_id", "illustration_id", "created_at"}
    and field.model is Challenge
]


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    # Items newer here than in the pack: what was kept, or overwritten (--force).
    kept: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)

    def summary(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        lines = [
            _(
                "%(kind)s : %(created)s créé(s), %(updated)s mis à jour, "
                "%(same)s inchangé(s)"
            )
            % {
                "kind": kind,
                "created": self.created[kind],
                "updated": self.updated[kind],
                "same": self.unchanged[kind],
            }
            for kind in kinds
        ]
        if self.kept:
            lines.append(
                _(
                    "%(count)s élément(s) plus récent(s) dans l'atelier, conservé(s) "
                    "(--force pour les remplacer par le paquet) :"
                )
                % {"count": len(self.kept)}
            )
            lines += [f"  {line}" for line in self.kept]
        if self.overwritten:
            lines.append(
                _("%(count)s élément(s) plus récent(s) écrasé(s) par le paquet :")
                % {"count": len(self.overwritten)}
            )
            lines += [f"  {line}" for line in self.overwritten]
        return "\n".join(lines)


def import_pack(
    pack,
    *,
    user=None,
    progress: Callable[[int], None] | None = None,
    trusted: bool = False,
    force: bool = False,
):
    """Import a pack read without problems by read_pack(); return the report.

    The user needs the import rule; ``load_content`` imports as trusted. An
    item changed here since the last pack went through (a newer revision, an
    edited field, a status further on) is kept, unless ``force``: the report
    lists what was kept or overwritten.
    """
    require(can_import_pack, user, trusted=trusted)
    importer = _Importer(pack, user, progress or (lambda _count: None), force)
    try:
        with deferred_tasks(), transaction.atomic(), reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(
                _("Import du paquet « %(name)s »") % {"name": pack.name}
            )
            importer.run()
    except BaseException:
        # The rows are rolled back: take back the files written for them too.
        importer.discard_stored_files()
        raise
    return importer.report


class _Importer:
    def __init__(self, pack, user, progress, force=False):
        self.pack, self.user, self.progress = pack, user, progress
        self.force = force
        self.report = ImportReport()
        self.baselines = baselines.load(list(KINDS))
        self.recorded: list[tuple[str, str, dict, int | None]] = []
        self.competences = {c.code: c for c in Competence.objects.all()}
        self.thematics, self.tubes, self.skills = {}, {}, {}
        self.challenges, self.files = {}, {}
        self.stored: list = []  # (storage, name) of the files written

    def run(self) -> None:
        for thematic_id, (code, data) in self.pack.thematics.items():
            self.thematics[thematic_id] = self._thematic(thematic_id, code, data)
        for tube_id, (code, thematic_id, data) in self.pack.tubes.items():
            self.tubes[tube_id] = self._tube(tube_id, code, thematic_id, data)
        skills = sorted(
            self.pack.skills.items(), key=lambda i: i[1][2]["status"] == "active"
        )
        for skill_id, (_code, tube_id, data) in skills:
            self.skills[skill_id] = self._skill(skill_id, tube_id, data)
        challenges = sorted(
            self.pack.challenges.items(),
            key=lambda item: item[1][1]["prototype"] is not None,
        )
        for challenge_id, (_relative, data) in challenges:
            self.challenges[challenge_id] = self._challenge(challenge_id, data)
        for tutorial_id, (_relative, data) in self.pack.tutorials.items():
            self._tutorial(tutorial_id, data)
        baselines.record(self.recorded, self.baselines)

    def discard_stored_files(self) -> None:
        """Delete the files this import wrote (its transaction rolled back)."""
        for storage, name in self.stored:
            storage.delete(name)
        self.stored.clear()

    def _may_write(self, kind: str, uid: str, item, current: dict, new: dict) -> bool:
        """Return True when the pack's state may replace the item's.

        ``current`` and ``new`` are the item's state here and in the pack. The
        item is kept when it changed here since its baseline, is in review, or
        would go back to an earlier status; ``--force`` overwrites and says so.
        """
        revision = getattr(item, "latest_revision_id", None)
        baseline = self.baselines.get((kind, uid))
        if current == new:
            if baseline is None or baseline.digest != baselines.digest(current):
                self.recorded.append((kind, uid, current, revision))
            return False
        reasons = []
        if (
            baseline is None
            or baseline.digest != baselines.digest(current)
            or (revision is not None and baseline.revision_id != revision)
        ):
            reasons.append(_("modifié dans l'atelier depuis le dernier paquet"))
        if baseline and baselines.digest(new) in baseline.earlier:
            reasons.append(_("le paquet en contient un état plus ancien"))
        if getattr(item, "workflow_in_progress", False):
            reasons.append(_("en cours de relecture"))
        old_status, new_status = current.get("status"), new.get("status")
        if old_status and baselines.is_downgrade(old_status, new_status):
            reasons.append(
                _("statut « %(old)s » ramené à « %(new)s »")
                % {"old": STATUS_LABELS[old_status], "new": STATUS_LABELS[new_status]}
            )
        if not reasons:
            return True
        line = _("%(kind)s %(uid)s : %(reasons)s") % {
            "kind": KINDS[kind],
            "uid": uid,
            "reasons": " ; ".join(str(reason) for reason in reasons),
        }
        if self.force:
            self.report.overwritten.append(line)
            return True
        self.report.kept.append(line)
        return False

    def _written(self, kind: str, uid: str, item, state: dict) -> None:
        self.recorded.append(
            (kind, uid, state, getattr(item, "latest_revision_id", None))
        )

    def _count(self, kind, created: bool, changed: bool) -> None:
        kind = str(kind)
        if created:
            self.report.created[kind] += 1
        elif changed:
            self.report.updated[kind] += 1
        else:
            self.report.unchanged[kind] += 1
        self.progress(1)

    def _upsert(self, model, uid: str, values: dict, kind: str):
        """Create or update a referential row, saving only when it may and differs."""
        instance = model.objects.filter(uid=uid).first()
        created = instance is None
        if created:
            instance, changed = model(uid=uid), True
        else:
            current = baselines.referential_state(instance, list(values))
            changed = self._may_write(kind, uid, instance, current, values)
        if changed:
            for key, value in values.items():
                setattr(instance, key, value)
            instance.save()
            self._written(kind, uid, instance, values)
        self._count(KINDS[kind], created, changed)
        return instance

    def _thematic(self, uid, code, data):
        values = {
            "competence_id": self.competences[code].pk,
            "name": data["name"],
            "position": data["position"],
        }
        return self._upsert(Thematic, uid, values, "thematic")

    def _tube(self, uid, code, thematic_id, data):
        values = {
            "competence_id": self.competences[code].pk,
            "thematic_id": self.thematics[thematic_id].pk,
            "name": data["name"],
            "title": data["title"],
            "description": data["description"],
            "position": data["position"],
        }
        return self._upsert(Tube, uid, values, "tube")

    def _skill(self, uid, tube_id, data):
        values = {
            "tube_id": self.tubes[tube_id].pk,
            "level": data["level"],
            "status": data["status"],
            "version": data["version"],
            "description": data["description"],
        }
        skill = self._upsert(Skill, uid, values, "skill")
        if data["hint"]:
            self._hint(skill, data["hint"])
        return skill

    def _publish(self, item, status: str, changed: bool) -> None:
        """Store a revision; publish anything that has left the proposed state."""
        if not changed:
            return
        if status == ContentStatus.PROPOSED and not item.live_revision_id and item.live:
            # A never-published beta item is a draft, as if saved in the admin.
            type(item).objects.filter(pk=item.pk).update(live=False)
            item.live = False
        revision = item.save_revision(user=self.user, clean=False)
        if status != ContentStatus.PROPOSED:
            # The pack carries statuses given elsewhere; only administrators
            # and the operator import one (can_import_pack).
            with publishing_through(PACK_IMPORT):
                revision.publish(user=self.user, skip_permission_checks=True)

    def _hint(self, skill, data) -> None:
        hint = Hint.objects.filter(uid=data["id"]).first()
        created = hint is None
        new = {**data, "skill": skill.pk}
        if created:
            hint, changed = Hint(uid=data["id"]), True
        else:
            current = {**ser.hint_to_dict(hint), "skill": hint.skill_id}
            changed = self._may_write("hint", hint.uid, hint, current, new)
        if changed:
            hint.skill, hint.text, hint.status = skill, data["text"], data["status"]
            hint.save()
            self._publish(hint, data["status"], changed)
            self._written("hint", hint.uid, hint, new)
        self._count(KINDS["hint"], created, changed)

    def _file(self, path: str, model):
        key = (path, model)
        if key not in self.files:
            content = (Path(self.pack.root) / path).read_bytes()
            title = Path(path).name
            digest = hashlib.sha1(content).hexdigest()  # noqa: S324 - Wagtail's file_hash
            found = model.objects.filter(title=title, file_hash=digest).first()
            if found is None:
                found = model(title=title, file=ContentFile(content, name=title))
                found.file_size, found.file_hash = len(content), digest
                try:
                    found.save()
                finally:
                    if found.file._committed:  # written to the storage
                        self.stored.append((found.file.storage, found.file.name))
            self.files[key] = found
        return self.files[key]

    def _challenge(self, uid, data):
        challenge = (
            Challenge.objects.filter(uid=uid)
            .select_related("skill__tube__competence", "prototype", "illustration")
            .first()
        )
        created = challenge is None
        code = self._competence_of_skill(data["skill"])
        if not created:
            titles = list(challenge.attachments.values_list("title", flat=True))
            current = ser.challenge_to_dict(
                challenge, competence_code=code, attachment_titles=titles
            )
            if not self._may_write("challenge", uid, challenge, current, data):
                self._count(KINDS["challenge"], False, False)
                return challenge
        challenge = self._apply(challenge or Challenge(uid=uid), data)
        challenge.save()
        self._publish(challenge, data["status"], True)
        self._written("challenge", uid, challenge, data)
        self._count(KINDS["challenge"], created, True)
        return challenge

    def _competence_of_skill(self, skill_uid: str) -> str:
        """Return the competence code of a skill, from the pack when it is there."""
        if skill_uid in self.pack.skills:
            return self.pack.skills[skill_uid][0]
        skill = Skill.objects.select_related("tube__competence").get(uid=skill_uid)
        return skill.tube.competence.code

    def _apply(self, challenge, data) -> Challenge:
        source = challenge_from_dict(data)
        for name in CHALLENGE_FIELDS:
            setattr(challenge, name, getattr(source, name))
        challenge.skill = self.skills.get(data["skill"]) or Skill.objects.get(
            uid=data["skill"]
        )
        challenge.prototype = (
            self.challenges.get(data["prototype"])
            or Challenge.objects.get(uid=data["prototype"])
            if data["prototype"]
            else None
        )
        challenge.illustration = (
            self._file(data["illustration"]["file"], get_image_model())
            if data["illustration"]
            else None
        )
        challenge.attachments = [
            self._file(path, get_document_model()) for path in data["attachments"]
        ]
        return challenge

    def _tutorial(self, uid, data) -> None:
        tutorial = (
            Tutorial.objects.filter(uid=uid)
            .prefetch_related("skill_links__skill")
            .first()
        )
        created = tutorial is None
        if not created:
            links = [(link.skill.uid, link.kind) for link in tutorial.skill_links.all()]
            current = ser.tutorial_to_dict(tutorial, links)
            if not self._may_write("tutorial", uid, tutorial, current, data):
                self._count(KINDS["tutorial"], False, False)
                return
        tutorial = tutorial or Tutorial(uid=uid)
        for name in ("title", "link", "source", "format", "locale", "status"):
            setattr(tutorial, name, data[name])
        tutorial.duration = ser.parse_duration(data["duration"])
        tutorial.skill_links = [
            TutorialSkill(
                skill=self.skills.get(link["skill"])
                or Skill.objects.get(uid=link["skill"]),
                kind=link["kind"],
                sort_order=position,
            )
            for position, link in enumerate(data["skills"])
        ]
        tutorial.save()
        self._publish(tutorial, data["status"], True)
        self._written("tutorial", uid, tutorial, data)
        self._count(KINDS["tutorial"], created, True)
