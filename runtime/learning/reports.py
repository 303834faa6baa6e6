"""Reads that report on an assessment once answered: corrections and the result.

The learner pages and the JSON API show the same corrections and results; a
solution only leaves the release here, for a challenge already answered.
"""

from dataclasses import dataclass

from django.conf import settings

from runtime.domain import challenge_format
from runtime.domain.release_contract import Challenge, Competence, Tutorial
from runtime.enums import AssessmentKind, KnowledgeStatus
from runtime.models import Answer, Assessment

from .selectors import (
    current_knowledge,
    learner_profile,
    skills_as_learners_read_them,
)

RESULT_TUTORIALS = 6


@dataclass(frozen=True)
class Correction:
    """One answered challenge with what was expected, its hint and tutorials."""

    answer: Answer
    challenge: Challenge
    expected: str | list[int] | dict[str, str]
    hint: str
    tutorials: list[Tutorial]


@dataclass(frozen=True)
class AssessmentResult:
    """The competence result at the end of a test."""

    competence: Competence
    pix: int
    level: int
    validated_skills: list[str]
    tutorials: list[Tutorial]
    answers_count: int
    # A campaign's: validated target skills (with what was known before) / targeted.
    validated_count: int = 0
    targeted_count: int = 0
    # The validated skills as learners read them: {"tube", "level"} (selectors).
    validated_labels: tuple[dict, ...] = ()

    @property
    def mastery_percent(self) -> int:
        """Return the mastery rate of a campaign's target skills, in whole %."""
        if not self.targeted_count:
            return 0
        return round(100 * self.validated_count / self.targeted_count)


def assessment_heading(assessment: Assessment, index, skill: str = "") -> Competence:
    """Return what a test's pages are titled: its competence, or for a campaign
    the competence of the skill being asked (the campaign's title elsewhere)."""
    if assessment.kind != AssessmentKind.CAMPAIGN:
        return index.competences[assessment.competence]
    if skill:
        return index.competences[index.competence_of_skill(skill)]
    return Competence(code="", title=assessment.title, area="", area_title="")


def answer_keys(challenge: Challenge) -> list[str]:
    """Return the keys of a field challenge's answer ({key: text})."""
    keys = [
        parsed.key
        for parsed in challenge_format.parse_fields(challenge.proposals)
        if parsed
    ]
    if challenge.type == "QROC":
        return keys[:1] or ["answer"]
    return keys


def expected_answer(challenge: Challenge) -> str | list[int] | dict[str, str]:
    """Return the first accepted answer, in the shape a learner answers with.

    QCU gives the choice number ("2"), QCM the numbers ([1, 3]), QROC and QROCM
    {key: text}; other accepted variants and tolerances stay undisclosed.
    """
    spec = challenge.spec  # the checker's input (answer_checking reads it)
    if challenge.type in challenge_format.CHOICE_TYPES:
        return spec.get("solution", "" if challenge.type == "QCU" else [])
    solutions = spec.get("solutions") or {}
    if challenge.type == "QROC":
        first = solutions[0] if solutions else ""
        return {answer_keys(challenge)[0]: first}
    return {key: (variants or [""])[0] for key, variants in solutions.items()}


def checkpoint_answers(assessment: Assessment, answers=None) -> list[Answer]:
    """Return the answers given since the last checkpoint the learner saw.

    ``answers``: all the assessment's, in order, when the caller has them.
    """
    start = assessment.checkpoints_seen * settings.CHECKPOINT_EVERY
    answers = list(assessment.answers.all()) if answers is None else answers
    return answers[start:]


def answer_corrections(answers: list[Answer], index) -> list[Correction]:
    """Return each answer with its expected answer, hint and tutorials."""
    return [
        Correction(
            answer=answer,
            challenge=index.challenges[answer.challenge],
            expected=expected_answer(index.challenges[answer.challenge]),
            hint=index.hints.get(answer.skill, ""),
            tutorials=[
                index.tutorials[tutorial_id]
                for tutorial_id, _kind in index.tutorials_by_skill.get(answer.skill, [])
            ],
        )
        for answer in answers
    ]


def assessment_result(
    assessment: Assessment, index, *, answers=None, knowledge=None
) -> AssessmentResult:
    """Return pix and level, validated skills and tutorials for failed skills.

    A campaign's test reports its mastery of the target skills instead of a
    competence's pix and level (0 there). ``answers`` and ``knowledge``: the
    assessment's, when the caller has read them already.
    """
    if assessment.kind == AssessmentKind.CAMPAIGN:
        pix = level = 0
        targeted = set(assessment.scope) & set(index.skills)
        current = current_knowledge(assessment.user)
        validated_count = sum(
            1
            for skill in targeted
            if skill in current and current[skill].status == KnowledgeStatus.VALIDATED
        )
    else:
        profile = {item.code: item for item in learner_profile(assessment.user, index)}
        score = profile[assessment.competence]
        pix, level = score.pix, score.level
        targeted, validated_count = set(), 0
    if knowledge is None:
        knowledge = list(assessment.knowledge.all())
    failed = [e.skill for e in knowledge if e.status == KnowledgeStatus.INVALIDATED]
    tutorials = {
        tutorial_id: index.tutorials[tutorial_id]
        for skill in failed
        for tutorial_id, kind in index.tutorials_by_skill.get(skill, [])
        if kind == "remediation"
    }
    return AssessmentResult(
        competence=assessment_heading(assessment, index),
        pix=pix,
        level=level,
        validated_skills=sorted(
            index.skills[element.skill].name
            for element in knowledge
            if element.status == KnowledgeStatus.VALIDATED
        ),
        validated_labels=tuple(
            skills_as_learners_read_them(
                index,
                [
                    element.skill
                    for element in knowledge
                    if element.status == KnowledgeStatus.VALIDATED
                ],
            )
        ),
        tutorials=list(tutorials.values())[:RESULT_TUTORIALS],
        answers_count=(assessment.answers.count() if answers is None else len(answers)),
        validated_count=validated_count,
        targeted_count=len(targeted),
    )
