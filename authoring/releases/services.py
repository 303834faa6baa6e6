"""Publish a release, or make an earlier one current again."""

from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from authoring.permissions import can_publish_release
from preview.models import SimulationStatus
from preview.release_simulation import candidate_snapshot, release_gate
from runtime.domain import release_contract as contract
from runtime.models import Release
from runtime.permissions import require

from .diff import ReleaseDiff, diff_snapshots
from .snapshot import build_snapshot

# The PostgreSQL advisory lock that publishing holds until its transaction ends.
PUBLISHING_LOCK = 0x52454C  # "REL"


class ReleaseError(Exception):
    """The release cannot be published as asked."""


class ReleaseNeedsConfirmation(ReleaseError):
    """The release simulation found a blocking problem: confirm to publish."""


def _claim_publishing() -> None:
    """Refuse at once while another publication's transaction runs.

    Without it, simultaneous publishes both saw the same current release: two
    releases with one checksum, a unique-number error or a deadlock. The lock
    ends with the transaction; a publish that starts after it sees the
    committed release, so "nothing changed" refuses a duplicate. SQLite runs
    one writing transaction at a time already (IMMEDIATE mode), so it waits.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [PUBLISHING_LOCK])
        if not cursor.fetchone()[0]:
            raise ReleaseError(
                _("Une publication est déjà en cours : réessayez dans un instant.")
            )


def current_release() -> Release | None:
    return Release.objects.filter(is_current=True).first()


def release_preview(
    snapshot: contract.Snapshot | None = None,
) -> tuple[contract.Snapshot, ReleaseDiff]:
    """Return the snapshot a release would hold now and its diff with the current."""
    snapshot = snapshot if snapshot is not None else build_snapshot()
    current = current_release()
    previous = contract.from_json(current.content) if current else None
    return snapshot, diff_snapshots(previous, snapshot)


def _summary(snapshot: contract.Snapshot, diff: ReleaseDiff) -> dict:
    return {
        "skills": len(snapshot.skills),
        "challenges": len(snapshot.challenges),
        "tutorials": len(snapshot.tutorials),
        "hints": len(snapshot.hints),
        "added": len(diff.added),
        "changed": len(diff.changed),
        "removed": len(diff.removed),
    }


def release_publish(
    *, user=None, notes: str = "", confirmed: bool = False, trusted: bool = False
) -> Release:
    """Snapshot the validated content as a new release and make it current.

    The release gate: the simulator's summary of this very content (the
    latest done simulation of its checksum, else one run now) must show no
    blocking problem, or the publisher ``confirmed`` they publish anyway.
    Trusted callers (commands, acting for the operator) pass the gate.
    """
    require(can_publish_release, user, trusted=trusted)
    snapshot = None
    if not trusted:
        snapshot, checksum = candidate_snapshot()
        _snapshot, diff = release_preview(snapshot)
        if snapshot.challenges and not confirmed and not diff.is_empty:
            _refuse_blocked(
                release_gate(snapshot=snapshot, checksum=checksum, user=user)
            )
    return _publish(user=user, notes=notes, snapshot=snapshot)


def _refuse_blocked(simulation) -> None:
    if simulation.status != SimulationStatus.DONE:
        raise ReleaseNeedsConfirmation(
            _(
                "La simulation de cette version a échoué (%(error)s) : confirmez "
                "la publication pour passer outre."
            )
            % {"error": simulation.error}
        )
    if simulation.blocking:
        raise ReleaseNeedsConfirmation(
            _(
                "La simulation de cette version signale un problème bloquant "
                "(compétences %(codes)s : les tests simulés ne placent pas les "
                "apprenants). Confirmez la publication pour passer outre."
            )
            % {"codes": ", ".join(simulation.summary.get("blocking", []))}
        )


@transaction.atomic
def _publish(*, user, notes: str, snapshot: contract.Snapshot | None) -> Release:
    _claim_publishing()
    snapshot, diff = release_preview(snapshot)
    if not snapshot.challenges:
        raise ReleaseError(_("Aucune épreuve validée : rien à publier."))
    if current_release() and diff.is_empty:
        raise ReleaseError(_("Rien n'a changé depuis la version en ligne."))
    Release.objects.filter(is_current=True).update(is_current=False)
    number = (Release.objects.aggregate(top=Max("number"))["top"] or 0) + 1
    content = contract.to_json(snapshot)
    return Release.objects.create(
        number=number,
        created_by=user,
        notes=notes,
        checksum=contract.checksum(content),
        summary=_summary(snapshot, diff),
        content=content,
        is_current=True,
    )


@transaction.atomic
def release_make_current(*, release: Release, user, trusted: bool = False) -> Release:
    """Roll back (or forward): serve an existing release to new assessments."""
    require(can_publish_release, user, trusted=trusted)
    _claim_publishing()
    Release.objects.filter(is_current=True).update(is_current=False)
    Release.objects.filter(pk=release.pk).update(is_current=True)
    release.is_current = True
    return release
