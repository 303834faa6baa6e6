"""Session authentication of the learner API."""

from ninja.security import SessionAuth


class LearnerSessionAuth(SessionAuth):
    """Django's session authentication (``request.user``), CSRF checked on writes.

    The learner pages and the API share one login; a test's endpoints read
    the assessment among the learner's own (runtime.learning.selectors). Kept
    as a class of its own for its name: the OpenAPI document's security
    scheme is named after it.
    """
