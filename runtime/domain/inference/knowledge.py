"""Skill inference along tubes and earned pix (DOMAIN.md §4). No Django."""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from .scope import Scope, scope_of
from .values import Answer, KnowledgeElement, Skill


def skills_by_tube(skills: Iterable[Skill]) -> dict[str, list[Skill]]:
    """Return the skills grouped by tube, in their given order."""
    tubes: dict[str, list[Skill]] = defaultdict(list)
    for skill in skills:
        tubes[skill.tube].append(skill)
    return dict(tubes)


def infer(
    skills: "Iterable[Skill] | Scope", answers: Sequence[Answer]
) -> dict[str, KnowledgeElement]:
    """Return the knowledge element of every tested skill, keyed by skill id.

    Answers are replayed in order. Each answer sets a direct element on its skill
    (a later answer on the same skill replaces it: the last direct answer wins).
    A success then infers every untested easier skill of the tube validated; a
    failure infers every untested harder skill failed. "Untested" means no element
    yet, so an inferred skill is never re-inferred, while a later direct answer
    always replaces an inference. An answer on a skill outside ``skills`` is kept
    as a direct element but infers nothing (its tube is unknown).
    """
    scope = scope_of(skills)
    knowledge: dict[str, KnowledgeElement] = {}
    for answer in answers:
        _replay(knowledge, scope, answer)
    return knowledge


def knowledge_before_and_after(
    skills: "Iterable[Skill] | Scope", answers: Sequence[Answer]
) -> tuple[dict[str, KnowledgeElement], dict[str, KnowledgeElement]]:
    """Return ``infer`` without the last answer, and with it (answers replayed once)."""
    scope = scope_of(skills)
    before = infer(scope, answers[:-1])
    after = dict(before)
    if answers:
        _replay(after, scope, answers[-1])
    return before, after


def _replay(
    knowledge: dict[str, KnowledgeElement], scope: Scope, answer: Answer
) -> None:
    """Add what one answer establishes to ``knowledge``."""
    knowledge[answer.skill_id] = KnowledgeElement(
        answer.skill_id, validated=answer.succeeded, direct=True
    )
    answered = scope.skills_by_id.get(answer.skill_id)
    if answered is not None:
        _infer_along_tube(knowledge, answered, scope.tubes[answered.tube], answer)


def _infer_along_tube(
    knowledge: dict[str, KnowledgeElement],
    answered: Skill,
    tube: Sequence[Skill],
    answer: Answer,
) -> None:
    """Add inferred elements for the untested skills that the answer settles."""
    for skill in tube:
        settled = (
            skill.level < answered.level
            if answer.succeeded
            else skill.level > answered.level
        )
        if settled and skill.id not in knowledge:
            knowledge[skill.id] = KnowledgeElement(
                skill.id, validated=answer.succeeded, direct=False
            )


def untested_skills(
    skills: Iterable[Skill], knowledge: Mapping[str, KnowledgeElement]
) -> list[Skill]:
    """Return the skills neither answered nor inferred, in their given order."""
    return [skill for skill in skills if skill.id not in knowledge]


def earned_pix(
    knowledge: Mapping[str, KnowledgeElement], pix_by_skill: Mapping[str, float]
) -> float:
    """Return Σ pix value of the validated skills, direct or inferred (in pix).

    A skill missing from ``pix_by_skill`` (outside the scope) earns nothing.
    """
    return sum(
        pix_by_skill.get(element.skill_id, 0.0)
        for element in knowledge.values()
        if element.validated
    )
