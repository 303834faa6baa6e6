"""Try a challenge: check an answer and describe the result for people."""

from django.utils.translation import gettext_lazy as _

from runtime.domain.answer_checking import explain
from runtime.presentation.answers import answer_from_form

RESULT_LABELS = {
    "ok": _("Bonne réponse"),
    "ko": _("Mauvaise réponse"),
    "partially": _("Réponse partiellement juste"),
    "skipped": _("Passée"),
    "timedout": _("Temps dépassé"),
    "focusedOut": _("Sortie de l'épreuve"),
}
ACCEPTED_BY_LABELS = {
    "exact": _("identique à une réponse acceptée"),
    "t1": _("acceptée grâce à T1 (casse, accents, espaces)"),
    "t2": _("acceptée grâce à T2 (ponctuation)"),
    "t3": _("acceptée grâce à T3 (faute de frappe)"),
    "number": _("même nombre (comparaison numérique)"),
    "select": _("choix de la liste déroulante"),
}


def try_answer(
    *, spec: dict, challenge_type: str, proposals: str, data, show_matches: bool
) -> dict:
    """Return the result of an answer, with a line per field for the template."""
    answer = answer_from_form(challenge_type, proposals, data)
    details = explain(spec, answer)
    fields = []
    for key, field in details["fields"].items():
        line = {
            "key": key,
            "ok": field["result"] == "ok",
            "how": str(ACCEPTED_BY_LABELS.get(field["accepted_by"], "")),
        }
        if show_matches:
            line["matched"] = field["matched"]
        fields.append(line)
    return {
        "result": details["result"],
        "label": str(RESULT_LABELS[details["result"]]),
        "fields": fields,
    }


def overall_result(tried: dict) -> dict:
    """Return only whether a try is right, without any field's detail.

    What people without access to the workshop get from a share link: a
    partly right answer is just not right, so no field can be tested alone.
    """
    result = "ok" if tried["result"] == "ok" else "ko"
    return {"result": result, "label": str(RESULT_LABELS[result]), "fields": []}
