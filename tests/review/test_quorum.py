import pytest

from review.domain.quorum import (
    APPROVE,
    CHANGES,
    REJECT,
    QuorumRule,
    agreement_rate,
    quorum_outcome,
)


@pytest.mark.parametrize(
    ("decisions", "outcome"),
    [
        pytest.param([], "pending", id="no-vote"),
        pytest.param([APPROVE, APPROVE], "pending", id="below-minimum"),
        pytest.param([APPROVE, APPROVE, APPROVE], "approved", id="unanimous"),
        pytest.param([APPROVE, APPROVE, CHANGES], "approved", id="exactly-two-thirds"),
        pytest.param([APPROVE, CHANGES, CHANGES], "changes_requested", id="one-third"),
        pytest.param(
            [APPROVE, APPROVE, CHANGES, CHANGES], "changes_requested", id="half"
        ),
        pytest.param([REJECT], "rejected", id="one-reject-blocks-at-once"),
        pytest.param([APPROVE, APPROVE, APPROVE, REJECT], "rejected", id="late-reject"),
    ],
)
def test_default_quorum(decisions, outcome):
    """3 votes, 2/3 approvals; one reject blocks."""
    assert quorum_outcome(decisions) == outcome


def test_a_reject_counts_as_a_vote_when_it_does_not_block():
    """Without blocking rejects, a reject is one more non-approval."""
    rule = QuorumRule(min_votes=3, approval_share=2 / 3, reject_blocks=False)

    assert quorum_outcome([APPROVE, APPROVE, REJECT], rule) == "approved"
    assert quorum_outcome([APPROVE, REJECT, REJECT], rule) == "changes_requested"


def test_a_stricter_rule():
    """Five votes, 80 % approvals."""
    rule = QuorumRule(min_votes=5, approval_share=0.8)

    assert quorum_outcome([APPROVE] * 4 + [CHANGES], rule) == "approved"
    assert quorum_outcome([APPROVE] * 3 + [CHANGES] * 2, rule) == "changes_requested"


def test_agreement_rate():
    """An approve agrees with a validation; other votes with a non-validation."""
    pairs = [(APPROVE, True), (CHANGES, True), (REJECT, False), (APPROVE, False)]

    assert agreement_rate(pairs) == 0.5
    assert agreement_rate([]) is None
