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
