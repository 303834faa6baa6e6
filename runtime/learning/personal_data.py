"""Everything the workbench keeps about a learner, as one JSON document.

Other apps add their part (an organisation's participations, a certification
centre's records…) by registering a function under the Wagtail hook
``personal_data_export``: it takes the user and returns ``(key, data)``, data
made of JSON types.
"""

from django.utils import timezone
from wagtail import hooks

from runtime.models import (
    Answer,
    Assessment,
    KnowledgeElement,
    ProblemReport,
    TutorialBookmark,
)
from runtime.release_index import current_release_index

EXPORT_FORMAT = 1


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user, *, now=None) -> dict:
    """Return the account, tests and answers, knowledge, tutorials and reports."""
    index = current_release_index()
    answers: dict[int, list] = {}
    for answer in Answer.objects.filter(assessment__user=user).order_by("id"):
        answers.setdefault(answer.assessment_id, []).append(
            {
                "challenge": answer.challenge,
                "skill": answer.skill,
                "answer": answer.value,
                "result": answer.result,
                "elapsed_seconds": answer.elapsed_seconds,
                "focus_lost": answer.focus_lost,
                "timed": answer.timed,
                "trial": answer.trial,
                "answered_at": _when(answer.created_at),
            }
        )
    data = {
        "format": EXPORT_FORMAT,
        "exported_at": _when(now or timezone.now()),
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "assessments": [
            {
                "id": test.pk,
                "competence": test.competence,
                "state": test.state,
                "improvement": test.is_improvement,
                "algorithm": test.algorithm,
                "ability": test.ability,
                "ability_error": test.ability_error,
                "estimated_level": test.estimated_level,
                "started_at": _when(test.created_at),
                "completed_at": _when(test.completed_at),
                "answers": answers.get(test.pk, []),
            }
            for test in Assessment.objects.filter(user=user).order_by("id")
        ],
        "knowledge": [
            {
                "skill": element.skill,
                "competence": element.competence,
                "status": element.status,
                "direct": element.direct,
                "pix": element.pix,
                "assessment": element.assessment_id,
                "recorded_at": _when(element.created_at),
            }
            for element in KnowledgeElement.objects.filter(user=user).order_by("id")
        ],
        "tutorials": [
            {
                "tutorial": bookmark.tutorial,
                "title": (
                    index.tutorials[bookmark.tutorial].title
                    if index and bookmark.tutorial in index.tutorials
                    else None
                ),
                "saved": bookmark.saved,
                "liked": bookmark.liked,
                "updated_at": _when(bookmark.updated_at),
            }
            for bookmark in TutorialBookmark.objects.filter(user=user).order_by("id")
        ],
        "problem_reports": [
            {
                "challenge": report.challenge,
                "category": report.category,
                "comment": report.comment,
                "status": report.status,
                "reported_at": _when(report.created_at),
            }
            for report in ProblemReport.objects.filter(user=user).order_by("id")
        ],
    }
    for export in hooks.get_hooks("personal_data_export"):
        key, part = export(user)
        data[key] = part
    return data
