"""Review write services by roles: votes, tries, comments, report status."""

import pytest

from review.models import BetaTry, ReviewComment, Vote
from review.services import (
    beta_try_record,
    comment_post,
    report_set_status,
    vote_cast,
)
from runtime.models import ProblemReport
from tests.factories import SCORES, make_challenge, make_user
from tests.permission_table import Service, cases, outcome

pytestmark = pytest.mark.django_db

WORKSHOP = frozenset({"author", "reviewer", "validator", "admin"})


def _in_review(_user) -> dict:
    """Return a challenge another author submitted to community review."""
    author = make_user(group="Authors")
    challenge = make_challenge(user=author)
    challenge.get_workflow().start(challenge, author)
    return {"challenge": challenge}


def _reported(_user) -> dict:
    challenge = make_challenge(publish=True)
    report = ProblemReport.objects.create(
        user=make_user(), challenge=challenge.uid, category="other", comment="Coquille"
    )
    return {"report": report}


SERVICES = {
    "vote_cast": Service(
        arrange=_in_review,
        act=lambda user, arranged: vote_cast(
            obj=arranged["challenge"], user=user, decision="approve", scores=SCORES
        ),
        saved=lambda _: Vote.objects.count(),
        allowed=frozenset({"reviewer", "admin"}),
    ),
    "beta_try_record": Service(
        arrange=_in_review,
        act=lambda user, arranged: beta_try_record(
            obj=arranged["challenge"], user=user, answer="1", result="ok"
        ),
        saved=lambda _: BetaTry.objects.count(),
        allowed=WORKSHOP,
    ),
    "comment_post": Service(
        arrange=_in_review,
        act=lambda user, arranged: comment_post(
            obj=arranged["challenge"], user=user, text="Une faute à la ligne 2."
        ),
        saved=lambda _: ReviewComment.objects.count(),
        allowed=WORKSHOP,
    ),
    "report_set_status": Service(
        arrange=_reported,
        act=lambda user, arranged: report_set_status(
            report=arranged["report"], user=user, status="resolved"
        ),
        saved=lambda arranged: (
            ProblemReport.objects.get(pk=arranged["report"].pk).status
        ),
        allowed=frozenset({"author", "validator", "admin"}),
    ),
}


@pytest.mark.parametrize(("service", "role", "expected"), cases(SERVICES))
def test_each_review_write_checks_its_rule(service, role, expected):
    """Allowed roles write; the others get PermissionDenied and nothing is saved."""
    assert outcome(SERVICES[service], role) == expected
