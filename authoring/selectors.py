"""Reads of authored content for the admin views."""

from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404

from .enums import ContentStatus, LinkStatus
from .links import links_in_use
from .models import Challenge, LinkCheck


def challenge_by_pk(pk: int) -> Challenge:
    """Return the challenge, or raise Http404."""
    return get_object_or_404(Challenge, pk=pk)


def declinaisons_in_use(challenge: Challenge):
    """Return the déclinaisons a withdrawal of this prototype would take along."""
    return challenge.declinaisons.exclude(status__in=ContentStatus.withdrawn_states())


def current_prototype(skill_id, *, exclude_pk=None) -> Challenge | None:
    """Return the skill's prototype in use: the validated one, else one in beta."""
    in_use = Challenge.objects.filter(
        skill_id=skill_id,
        prototype__isnull=True,
        status__in=ContentStatus.live_states(),
    ).exclude(pk=exclude_pk)
    validated_first = Case(
        When(status=ContentStatus.VALIDATED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return in_use.order_by(validated_first, "-updated_at").first()


def next_declinaison_number(prototype: Challenge) -> int:
    """Return the number a new déclinaison of the prototype takes."""
    numbers = prototype.declinaisons.values_list("declinaison_number", flat=True)
    return max((number or 0 for number in numbers), default=0) + 1


def challenges_replaced_by(challenge: Challenge) -> list[Challenge]:
    """Return what validating this challenge would archive (DOMAIN.md §2).

    A proposed prototype replaces, once validated, the skill's other validated
    prototypes and their déclinaisons in use; nothing else replaces anything.
    """
    if (
        challenge.prototype_id is not None
        or challenge.status != ContentStatus.PROPOSED
        or not challenge.skill_id
    ):
        return []
    previous = (
        Challenge.objects.filter(
            skill_id=challenge.skill_id,
            prototype__isnull=True,
            status=ContentStatus.VALIDATED,
        )
        .exclude(pk=challenge.pk)
        .order_by("pk")
    )
    return [
        item
        for old in previous
        for item in (old, *declinaisons_in_use(old).order_by("declinaison_number"))
    ]


def broken_links_report() -> dict:
    """Return the links in use whose last check failed or found them moved.

    Worst first (broken, unreachable, moved), each with the items that use it;
    with the number of links in use and when the last check ran.
    """
    severity = Case(
        When(status=LinkStatus.BROKEN, then=Value(0)),
        When(status=LinkStatus.UNREACHABLE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    in_use = links_in_use()
    checks = (
        LinkCheck.objects.filter(url__in=list(in_use))
        .exclude(status=LinkStatus.OK)
        .order_by(severity, "-failures", "url")
    )
    last = LinkCheck.objects.order_by("-checked_at").values_list(
        "checked_at", flat=True
    )
    return {
        "rows": [{"check": check, "items": in_use[check.url]} for check in checks],
        "in_use": len(in_use),
        "last_checked": last.first(),
    }
