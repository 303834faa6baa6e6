"""The community review quorum (pure: decisions in, outcome out). No Django."""

from collections.abc import Iterable
from dataclasses import dataclass

APPROVE, CHANGES, REJECT = "approve", "changes", "reject"
PENDING, APPROVED, CHANGES_REQUESTED, REJECTED = (
    "pending",
    "approved",
    "changes_requested",
    "rejected",
)
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class QuorumRule:
    """Minimum votes, share of approvals needed, and whether one reject blocks."""

    min_votes: int = 3
    approval_share: float = 2 / 3
    reject_blocks: bool = True


def quorum_outcome(decisions: Iterable[str], rule: QuorumRule = QuorumRule()) -> str:
    """Return the outcome of the votes cast on the current revision.

    - a reject blocks at once when the rule says so (REJECTED);
    - fewer than ``min_votes`` votes: PENDING;
    - approvals / votes >= ``approval_share`` (2 of 3 is exactly 2/3 and
      passes): APPROVED; otherwise CHANGES_REQUESTED (back to the author).
    """
    decisions = list(decisions)
    if rule.reject_blocks and REJECT in decisions:
        return REJECTED
    if len(decisions) < rule.min_votes:
        return PENDING
    share = decisions.count(APPROVE) / len(decisions)
    return APPROVED if share + _TOLERANCE >= rule.approval_share else CHANGES_REQUESTED


def agreement_rate(pairs: Iterable[tuple[str, bool]]) -> float | None:
    """Return the share of votes that agreed with the final decision.

    ``pairs`` are (vote decision, item finally validated); an approve agrees
    with a validation, a changes request or a reject with a non-validation.
    None when there is no vote.
    """
    pairs = list(pairs)
    if not pairs:
        return None
    agreed = sum(
        1 for decision, validated in pairs if (decision == APPROVE) == validated
    )
    return agreed / len(pairs)
