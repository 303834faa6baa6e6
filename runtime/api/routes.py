"""Learner endpoints: parse, call the learning services and selectors, serialise.

Every rule lives in runtime.learning (services, selectors, reports); these
functions only map it to JSON, as the pages map it to HTML.
"""

from dataclasses import asdict

from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from runtime.domain.release_contract import Challenge, Tutorial
from runtime.enums import AssessmentState
from runtime.learning import reports, services
from runtime.learning.selectors import learner_profile, own_assessment
from runtime.models import Assessment
from runtime.presentation.media import challenge_illustration
from runtime.presentation.presenter import (
    PresentedChallenge,
    PresentedField,
    present_challenge,
)
from runtime.release_index import current_release_index, release_index

from .schemas import (
    AnswerIn,
    AnswerOut,
    AssessmentOut,
    CheckpointOut,
    CurrentOut,
    ErrorOut,
    InvalidOut,
    NextOut,
    ProfileOut,
    ResetOut,
    ResultOut,
)

router = Router(tags=["apprenant"])

ILLUSTRATION_RENDITION = "max-800x600"  # as runtime/challenge_body.html
# Documented errors: 401 anonymous, 403 CSRF refused on a write, 404 not the
# learner's test, 409 a LearningError (or a result asked for too early), 422 a
# request this document does not allow (a path or body of the wrong type), 400
# a request refused before the API (a NUL character, config/middleware.py).
READ = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: InvalidOut}
WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 409: ErrorOut, 422: InvalidOut}


def _own_assessment(request, assessment_id: int) -> Assessment:
    """Return the learner's assessment; someone else's is as good as missing."""
    assessment = own_assessment(request.user, assessment_id)
    if assessment is None:
        raise HttpError(404, _("Ce test est introuvable."))
    return assessment


def _assessment_out(assessment: Assessment) -> dict:
    return {
        "id": assessment.pk,
        "competence": assessment.competence,
        "state": assessment.state,
        "release": assessment.release.number,
        "is_improvement": assessment.is_improvement,
        "answers_count": assessment.answers.count(),
    }


def _field(piece: PresentedField) -> dict:
    return {
        "key": piece.key,
        "label": piece.label,
        "placeholder": piece.placeholder,
        "options": list(piece.options) if piece.options is not None else None,
    }


def _fields(presented: PresentedChallenge, challenge: Challenge) -> list[dict]:
    """Return the answer fields; a QROC without one answers as {"answer": …}."""
    fields = [_field(p) for p in presented.pieces if isinstance(p, PresentedField)]
    if not fields and challenge.type == "QROC":
        key = reports.answer_keys(challenge)[0]
        label = _("Votre réponse")
        fields = [{"key": key, "label": label, "placeholder": "", "options": None}]
    return fields


def _illustration(presented: PresentedChallenge) -> dict | None:
    if presented.illustration is None:
        return None
    rendition = presented.illustration.get_rendition(ILLUSTRATION_RENDITION)
    return {
        "url": rendition.url,
        "alt": presented.illustration_alt,
        "width": rendition.width,
        "height": rendition.height,
    }


def _challenge_out(
    challenge: Challenge, *, illustration=None, shuffle_seed=None
) -> dict:
    """Return what the learner page shows of a release challenge, as JSON."""
    presented = present_challenge(
        challenge, illustration=illustration, shuffle_seed=shuffle_seed
    )
    return {
        "type": presented.type,
        "instruction_html": str(presented.instruction_html),
        "alternative_instruction": presented.alternative_instruction,
        "choices": [
            {"number": number, "html": str(html)} for number, html in presented.choices
        ],
        "fields": _fields(presented, challenge),
        "pieces": [
            {"field": piece.key}
            if isinstance(piece, PresentedField)
            else {"html": str(piece)}
            for piece in presented.pieces
        ],
        "illustration": _illustration(presented),
        "attachments": presented.attachments,
        "embed": asdict(presented.embed) if presented.embed else None,
        "timer": presented.timer,
        "focused": presented.focused,
    }


def _step(assessment: Assessment) -> tuple[str, dict | None, int]:
    return services.assessment_step(assessment)


def _tutorial_out(tutorial: Tutorial) -> dict:
    return {key: value for key, value in asdict(tutorial).items() if key != "skills"}


@router.get("/profile", response={200: ProfileOut, 400: ErrorOut, 401: ErrorOut})
def profile(request):
    """Return the 16 competences with pix, level and the actions available."""
    index = current_release_index()
    items = learner_profile(request.user, index) if index else []
    return {
        "total_pix": sum(item.pix for item in items),
        "competences": [asdict(item) for item in items],
    }


@router.post("/competences/{code}/assessments", response={200: AssessmentOut, **WRITE})
def assessment_start(request, code: str):
    """Start a test on a competence, or resume the one in progress."""
    assessment = services.assessment_start(user=request.user, competence=code)
    return _assessment_out(assessment)


@router.post("/competences/{code}/reset", response={200: ResetOut, **WRITE})
def competence_reset(request, code: str):
    """Reset a competence to 0 pix (7 days after its last answer)."""
    count = services.competence_reset(user=request.user, competence=code)
    return {"competence": code, "reset_skills": count}


@router.get("/assessments/{assessment_id}/current", response={200: CurrentOut, **READ})
def assessment_current(request, assessment_id: int):
    """Return the challenge to answer (never its solution), or what comes instead."""
    assessment = _own_assessment(request, assessment_id)
    status, challenge, answered = _step(assessment)
    if challenge is None:
        return {"status": status}
    if challenge.timer:  # served: its clock starts now (the pages warn first)
        services.timed_challenge_start(assessment)
    return {
        "status": status,
        "challenge_id": challenge.id,
        "position": answered + 1,
        "remaining_seconds": services.remaining_seconds(assessment, challenge),
        "challenge": _challenge_out(
            challenge,
            illustration=challenge_illustration(challenge),
            shuffle_seed=f"{assessment.pk}:{challenge.id}",
        ),
    }


@router.post(
    "/assessments/{assessment_id}/answers",
    response={200: AnswerOut, **READ, **WRITE},
)
def answer_create(request, assessment_id: int, payload: AnswerIn):
    """Record an answer once: posting it again returns the same answer."""
    assessment = _own_assessment(request, assessment_id)
    answer = services.answer_record(
        assessment=assessment,
        challenge_id=payload.challenge_id,
        value=payload.answer,
        skipped=payload.skipped,
        focus_lost=payload.focus_lost,
    )
    status, _challenge, _answered = _step(assessment)
    return {"answer_id": answer.pk, "result": answer.result, "next": status}


@router.get(
    "/assessments/{assessment_id}/checkpoint", response={200: CheckpointOut, **READ}
)
def checkpoint(request, assessment_id: int):
    """Return the answers since the last checkpoint, corrected, with hints."""
    assessment = _own_assessment(request, assessment_id)
    index = release_index(assessment.release_id)
    answers = reports.checkpoint_answers(assessment)
    return {
        "assessment_id": assessment.pk,
        "competence": assessment.competence,
        "corrections": [
            {
                "answer_id": row.answer.pk,
                "challenge_id": row.answer.challenge,
                "result": row.answer.result,
                "answer": row.answer.value,
                "expected": row.expected,
                "challenge": _challenge_out(row.challenge),
                "hint": row.hint,
                "tutorials": [_tutorial_out(t) for t in row.tutorials],
            }
            for row in reports.answer_corrections(answers, index)
        ],
    }


@router.post(
    "/assessments/{assessment_id}/checkpoint",
    response={200: NextOut, **READ, 403: ErrorOut},
)
def checkpoint_acknowledge(request, assessment_id: int):
    """Mark the checkpoint as seen and tell what comes next."""
    assessment = _own_assessment(request, assessment_id)
    services.checkpoint_acknowledge(assessment, answer_count=assessment.answers.count())
    status, _challenge, _answered = _step(assessment)
    return {"next": status}


@router.get(
    "/assessments/{assessment_id}/result",
    response={200: ResultOut, **READ, 409: ErrorOut},
)
def result(request, assessment_id: int):
    """Return the competence result of a finished test."""
    assessment = _own_assessment(request, assessment_id)
    if assessment.state != AssessmentState.COMPLETED:
        raise HttpError(409, _("Ce test n'est pas encore terminé."))
    report = reports.assessment_result(assessment, release_index(assessment.release_id))
    return {
        "assessment_id": assessment.pk,
        "competence": report.competence.code,
        "competence_title": report.competence.title,
        "pix": report.pix,
        "level": report.level,
        "validated_skills": report.validated_skills,
        "validated_skill_labels": [
            {
                **item,
                "label": _("%(tube)s — niveau %(level)s")
                % {"tube": item["tube"], "level": item["level"]},
            }
            for item in report.validated_labels
        ],
        "tutorials": [_tutorial_out(t) for t in report.tutorials],
        "answers_count": report.answers_count,
    }
