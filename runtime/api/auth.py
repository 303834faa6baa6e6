"""Session authentication of the learner API, one query on a test's endpoints."""

from ninja.security import SessionAuth

from runtime.learning.access import signed_in_learners_assessment


class LearnerSessionAuth(SessionAuth):
    """Django's session authentication, with its CSRF check on writes.

    On the endpoints of a test (``assessment_id`` in the path) the learner's
    session, account and assessment are read in one query, as the learner
    pages read them (runtime.learning.access); the assessment is kept on the
    request for the endpoint. Anything else goes through Django's path.
    """

    def authenticate(self, request, key):
        assessment = _assessment_in_path(request)
        if assessment is not None:
            request.learner_assessment = assessment
            return assessment.user_id
        return super().authenticate(request, key)


def _assessment_in_path(request):
    match = request.resolver_match
    try:
        pk = int(match.kwargs["assessment_id"])
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    return signed_in_learners_assessment(request, pk)
