"""Through which door authored content may go live.

Content reaches learners (and the ``validated`` status) through the editorial
workflow: community review, then the final validation, whose approval
publishes. Wagtail also publishes from the edit form ("Publier"), from a
revision and from code; those doors are closed to users here:

* the last approval of a workflow publishes inside ``WORKFLOW`` (settings:
  ``WAGTAIL_FINISH_WORKFLOW_ACTION`` names ``publish_workflow_state`` below);
* an administrator publishes without review with a reason, inside
  ``WITHOUT_REVIEW`` (authoring.actions.publish_without_review);
* a content pack import, an administrator's or the operator's, carries the
  statuses of the pack inside ``PACK_IMPORT``.

``ContentLifecycleMixin.publish`` refuses a publish by a user outside these
doors. A publish without a user is the machine's (scheduled publishing,
management commands, services run as trusted) and goes through.

This module imports no model: Wagtail's workflow models import it at start-up.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

WORKFLOW = "workflow"
WITHOUT_REVIEW = "without_review"
PACK_IMPORT = "pack_import"

_door: ContextVar[str | None] = ContextVar("authoring_publication_door", default=None)


@contextmanager
def publishing_through(door: str) -> Iterator[None]:
    """Publish inside the block through one of the doors above."""
    token = _door.set(door)
    try:
        yield
    finally:
        _door.reset(token)


def current_door() -> str | None:
    """Return the door the current publish goes through, or None."""
    return _door.get()


def publish_workflow_state(workflow_state, user=None) -> None:
    """Publish what the last approval of a workflow approved (Wagtail's finish)."""
    from wagtail.workflows import publish_workflow_state as wagtail_publish

    with publishing_through(WORKFLOW):
        wagtail_publish(workflow_state, user=user)
