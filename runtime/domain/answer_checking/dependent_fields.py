"""QROCM-dep: fields answered in any order, each using one solution group at most.

A field can fill a group if it matches one of the group's variants. The number of
right fields is the size of a maximum bipartite matching between answers and groups,
so the order of the answers never matters. Answers with the same identity (the same
treated variant they are closest to, or the same number) count once: "rouge" twice,
or "rouge" and its typo "rougee", fill a single group.
"""

from collections.abc import Mapping, Sequence

from .field_matching import FieldMatch, match_field
from .spec_reading import TextRules

Candidates = dict[int, FieldMatch]


def group_candidates(
    text: str | None,
    groups: Sequence[tuple[str, ...]],
    rules: TextRules,
    *,
    select: bool,
) -> Candidates:
    """Return, for each group index the text matches, how it matches."""
    if text is None:
        return {}
    candidates = {}
    for index, variants in enumerate(groups):
        match = match_field(text, variants, rules, select=select)
        if match is not None:
            candidates[index] = match
    return candidates


def answer_identity(candidates: Candidates) -> object:
    """Return the identity of an answer: that of its closest match (first on ties)."""
    closest = min(candidates.values(), key=lambda match: match.distance)
    return closest.identity


def assign_groups(candidates_by_key: Mapping[str, Candidates]) -> dict[str, int]:
    """Return the group index given to each right field key (maximum matching)."""
    members = _keys_by_identity(candidates_by_key)
    edges = [
        sorted({group for key in keys for group in candidates_by_key[key]})
        for keys in members
    ]
    assignment = {}
    for class_index, group in maximum_matching(edges).items():
        keys = members[class_index]
        assignment[next(key for key in keys if group in candidates_by_key[key])] = group
    return assignment


def _keys_by_identity(candidates_by_key: Mapping[str, Candidates]) -> list[list[str]]:
    """Return the keys of right fields, grouped by the identity of their answers."""
    classes: dict[object, list[str]] = {}
    for key, candidates in candidates_by_key.items():
        if candidates:
            classes.setdefault(answer_identity(candidates), []).append(key)
    return list(classes.values())


def maximum_matching(edges: Sequence[Sequence[int]]) -> dict[int, int]:
    """Return {left: right} of a maximum bipartite matching (Kuhn's algorithm).

    edges[left] lists the right nodes left may take; the depth of recursion is at
    most the number of right nodes.
    """
    owner: dict[int, int] = {}
    for left in range(len(edges)):
        _augment(left, edges, owner, set())
    return {left: right for right, left in owner.items()}


def _augment(
    left: int, edges: Sequence[Sequence[int]], owner: dict[int, int], seen: set[int]
) -> bool:
    """Give left a right node, moving earlier owners along an augmenting path."""
    for right in edges[left]:
        if right in seen:
            continue
        seen.add(right)
        if right not in owner or _augment(owner[right], edges, owner, seen):
            owner[right] = left
            return True
    return False
