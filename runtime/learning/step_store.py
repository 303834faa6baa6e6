"""Write one test step: the answer, its knowledge and the assessment moving on.

All of it or nothing, and only while the answered challenge is still the
assessment's current one: a second tab that answers the same challenge writes
nothing. On PostgreSQL the three writes are one statement (data-modifying
CTEs), atomic by itself, so a step costs one round trip instead of five
(BEGIN, three writes, COMMIT); elsewhere they run in a transaction.
"""

import functools
import json
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from runtime.enums import AssessmentState
from runtime.models import Answer, Assessment, KnowledgeElement


@dataclass(frozen=True)
class Learnt:
    """A knowledge element a step adds, before it is written."""

    skill: str
    status: str
    direct: bool
    pix: float
    competence: str = ""  # the skill's; a competence test's own when empty


def step_store(
    assessment: Assessment,
    answer: Answer,
    knowledge: list[Learnt],
    changes: dict,
    *,
    now,
    expected: str,
) -> bool:
    """Write the step; return False when the assessment had moved on (nothing written).

    ``knowledge``: the learner's new elements in the assessment's competence,
    the direct one linked to the answer; ``changes`` are the assessment's new
    field values; ``expected`` is the challenge answered. A duplicate answer
    raises IntegrityError.
    """
    if connection.vendor == "postgresql":
        return _store_in_one_statement(
            assessment, answer, knowledge, changes, now=now, expected=expected
        )
    with transaction.atomic():
        moved = Assessment.objects.filter(
            pk=assessment.pk, state=AssessmentState.STARTED, current_challenge=expected
        ).update(**changes)
        if not moved:
            return False
        answer.save()
        KnowledgeElement.objects.bulk_create(
            KnowledgeElement(
                user_id=assessment.user_id,
                assessment=assessment,
                answer=answer if element.direct else None,
                skill=element.skill,
                competence=element.competence or assessment.competence,
                status=element.status,
                direct=element.direct,
                pix=element.pix,
            )
            for element in knowledge
        )
    return True


def _columns(model, names) -> str:
    return ", ".join(
        connection.ops.quote_name(model._meta.get_field(name).column) for name in names
    )


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


ASSESSMENT_FIELDS = ("current_challenge", "current_asked_at", "current_trial",
                     "history", "state", "completed_at", "ability",
                     "ability_error", "estimated_level")  # fmt: skip
ANSWER_FIELDS = ("release", "challenge", "skill", "value", "result",
                 "elapsed_seconds", "focus_lost", "timed", "trial",
                 "created_at")  # fmt: skip
KNOWLEDGE_FIELDS = ("skill", "status", "direct", "pix", "competence")


@functools.cache
def _statement() -> str:
    """Return the step's SQL: move the assessment on, then insert what it learnt.

    Only table and column names, from the models, are formatted in; every
    value is a parameter.
    """
    quote = connection.ops.quote_name
    assessment_sets = ", ".join(
        f"{quote(Assessment._meta.get_field(name).column)} = %s"
        + ("::jsonb" if name == "history" else "")
        for name in ASSESSMENT_FIELDS
    )
    answer_values = ", ".join(
        "%s::jsonb" if name == "value" else "%s" for name in ANSWER_FIELDS
    )
    return f"""
        WITH moved AS (
            UPDATE {_table(Assessment)} SET {assessment_sets}
            WHERE "id" = %s AND "state" = %s AND "current_challenge" = %s
            RETURNING "id"
        ), answer AS (
            INSERT INTO {_table(Answer)} ({_columns(Answer, ("assessment",))},
                {_columns(Answer, ANSWER_FIELDS)})
            SELECT moved."id", {answer_values} FROM moved
            RETURNING "id"
        ), knowledge AS (
            INSERT INTO {_table(KnowledgeElement)} (
                {_columns(KnowledgeElement, ("user", "assessment", "answer"))},
                {_columns(KnowledgeElement, KNOWLEDGE_FIELDS)},
                {_columns(KnowledgeElement, ("created_at",))})
            SELECT %s, %s, CASE WHEN element.direct THEN answer."id" END,
                element.skill, element.status, element.direct, element.pix,
                COALESCE(NULLIF(element.competence, ''), %s), %s
            FROM answer CROSS JOIN jsonb_to_recordset(%s::jsonb) AS element(
                skill text, status text, direct boolean, pix float8, competence text)
        )
        SELECT "id" FROM answer
    """  # noqa: S608


def _store_in_one_statement(assessment, answer, knowledge, changes, *, now, expected):
    history = json.dumps(changes["history"])
    assessment_values = [
        history if name == "history" else changes[name] for name in ASSESSMENT_FIELDS
    ]
    answer.created_at = now
    answer_values = [
        answer.release_id,
        answer.challenge,
        answer.skill,
        None if answer.value is None else json.dumps(answer.value),
        answer.result,
        answer.elapsed_seconds,
        answer.focus_lost,
        answer.timed,
        answer.trial,
        now,
    ]
    elements = json.dumps(
        [
            {
                "skill": e.skill,
                "status": e.status,
                "direct": e.direct,
                "pix": e.pix,
                "competence": e.competence,
            }
            for e in knowledge
        ]
    )
    # Within a caller's transaction, a savepoint keeps a failed statement (a
    # duplicate answer) from breaking it; alone, the statement is atomic.
    database = connections[DEFAULT_DB_ALIAS]  # the proxy looks it up at each use
    guard = transaction.atomic() if database.in_atomic_block else nullcontext()
    with guard, database.cursor() as cursor:
        cursor.execute(
            _statement(),
            [
                *assessment_values,
                assessment.pk,
                AssessmentState.STARTED,
                expected,
                *answer_values,
                assessment.user_id,
                assessment.pk,
                assessment.competence,
                now,
                elements,
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return False
    answer.pk = row[0]
    answer._state.adding = False
    answer._state.db = database.alias
    return True
