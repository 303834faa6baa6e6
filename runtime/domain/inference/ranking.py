"""Keep the best-ranked items of a list, a step shared by the selection rules."""

from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")


def keep_best(items: Sequence[Item], rank: Callable[[Item], float]) -> list[Item]:
    """Return the items of lowest rank, in their order (an empty list stays empty)."""
    ranks = [rank(item) for item in items]
    if not ranks:
        return []
    best = min(ranks)
    return [
        item for item, item_rank in zip(items, ranks, strict=True) if item_rank == best
    ]
