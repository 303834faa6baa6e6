"""schemathesis against the learner API's OpenAPI document, signed in as a learner.

Every generated request (valid and invalid data) must get an answer the
document describes: no 5xx, a documented status (400, 404, 409, 422
included), the documented content type and body.

The suite runs SCHEMATHESIS_EXAMPLES examples per operation (20 by default:
more than 100 cases over the API's operations). A longer run, ≥ 1,000 cases:
``make schemathesis`` (SCHEMATHESIS_EXAMPLES=150).
"""

import json
import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from runtime.api import learner_api
from tests.factories import make_user
from tests.runtime.api.flow import API, make_flow_content, start

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "20"))
MINIMUM_CASES = 100
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CALLS: list[tuple[str, int]] = []


def _schema():
    """The document the site serves at /api/v1/openapi.json, called through WSGI."""
    document = json.loads(
        json.dumps(learner_api.get_openapi_schema(path_prefix=f"{API}/"), default=str)
    )
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    loaded.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=EXAMPLES,
    )
    return loaded


@pytest.fixture
def _requests_keep_the_connection():
    """Requests go straight to the WSGI application inside the test's
    transaction: the end of a request must not close its connection (the test
    client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def learner_auth(db, client):
    """A learner with a test under way: its session and CSRF cookies and header."""
    make_flow_content(levels=(1, 2, 3), tubes=2)
    client.force_login(make_user())
    start(client)
    token = _get_new_csrf_string()
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token},
    }


schema = _schema()


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_learner_api_answers_as_its_document_says(
    case,
    learner_auth,
    _requests_keep_the_connection,  # noqa: PT019 (schemathesis drops usefixtures)
):
    response = case.call_and_validate(
        cookies=learner_auth["cookies"],
        headers=learner_auth["headers"],
        checks=CHECKS,
    )
    CALLS.append((case.operation.label, response.status_code))


def test_the_run_tried_enough_cases():
    """Counted over the operations above (skipped when they were deselected)."""
    if not CALLS:
        pytest.skip("the schemathesis test did not run")
    statuses = sorted({status for _label, status in CALLS})
    print(f"schemathesis: {len(CALLS)} cases, statuses {statuses}")  # noqa: T201
    assert len(CALLS) >= MINIMUM_CASES
    assert max(statuses) < 500
