"""The learner JSON API, described by OpenAPI at /api/v1/openapi.json.

Session authentication (with Django's CSRF check on writes), so the learner
pages and the API share one login; the rules stay in runtime.learning.
"""

from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

from runtime.learning.services import BlankAnswerError, LearningError

from .auth import LearnerSessionAuth
from .routes import router


class LearnerAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """Name operations after their function (answer_create, not a dotted path)."""
        return operation.view_func.__name__


class Docs(Swagger):
    """Swagger UI at /api/v1/docs, its <html> in the active language (lang)."""

    template = "runtime/api/docs.html"


learner_api = LearnerAPI(
    title="Atelier CRCN — API apprenant",
    version="1",
    description="Le parcours apprenant : profil, tests de positionnement, "
    "bilans intermédiaires et résultats, servis par les mêmes services que les "
    "pages. Aucune solution n'est envoyée avant la réponse.",
    urls_namespace="learner_api",
    auth=LearnerSessionAuth(),
    docs=Docs(),
)
learner_api.add_router("", router)


@learner_api.exception_handler(LearningError)
def learning_error(request, error: LearningError):
    """Answer 409 with the service's French message."""
    return learner_api.create_response(request, {"detail": str(error)}, status=409)


@learner_api.exception_handler(BlankAnswerError)
def blank_answer(request, error: BlankAnswerError):
    """Answer 422: an answer with nothing in it is not an answer (nor a skip)."""
    return learner_api.create_response(request, {"detail": str(error)}, status=422)


@learner_api.exception_handler(ValidationError)
def invalid_request(request, error: ValidationError):
    """Answer 422 with a French message and the refused fields (InvalidOut)."""
    return learner_api.create_response(
        request,
        {
            "detail": _("La requête ne suit pas la description de l'API."),
            "errors": error.errors,
        },
        status=422,
    )


@learner_api.exception_handler(RawPostDataException)
def form_body(request, error: RawPostDataException):
    """Answer 422 to a form body: config.middleware read it as a form, not JSON."""
    return learner_api.create_response(
        request,
        {"detail": _("Le corps de la requête doit être du JSON.")},
        status=422,
    )


__all__ = ["learner_api"]
