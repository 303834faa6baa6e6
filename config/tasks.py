"""A task backend that runs tasks at once, or once each at the end of a batch.

Wagtail enqueues a search-index and a reference-index update on every save; a bulk
import saves each item several times (save, revision, publish). Inside
``deferred_tasks()`` identical tasks are collected and run once when the batch
ends, which keeps imports fast without changing what gets indexed.
"""

import contextlib
import contextvars
import json
from collections import defaultdict

from django.apps import apps
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id
from modelsearch.index import get_search_backends_with_name

SEARCH_TASK = "modelsearch.tasks.insert_or_update_object_task"

_batch: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "deferred_task_batch", default=None
)


class BatchingImmediateBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):
        batch = _batch.get()
        if batch is None:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        key = (
            task.module_path,
            json.dumps([args, kwargs], sort_keys=True, default=str),
        )
        batch.setdefault(key, (self, task, args, kwargs))
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )


@contextlib.contextmanager
def deferred_tasks():
    """Collect tasks enqueued inside the block and run each distinct one at the end.

    With a queueing backend (database, in production) this changes nothing: the
    tasks are queued as usual and workers run them.
    """
    if not isinstance(task_backends["default"], BatchingImmediateBackend):
        yield
        return
    batch: dict = {}
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    searched = defaultdict(list)
    for backend, task, args, kwargs in batch.values():
        if task.module_path == SEARCH_TASK and not kwargs and len(args) == 3:
            searched[(args[0], args[1])].append(args[2])
        else:
            ImmediateBackend.enqueue(backend, task, args, kwargs)
    _index_in_bulk(searched)


def _index_in_bulk(searched: dict[tuple[str, str], list]) -> None:
    """Index objects per model in one call per backend, as update_index does."""
    for (app_label, model_name), pks in searched.items():
        model = apps.get_model(app_label, model_name)
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        for _name, backend in get_search_backends_with_name(with_auto_update=True):
            backend.add_bulk(model, objects)
