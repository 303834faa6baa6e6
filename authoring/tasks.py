"""Background tasks of the authoring app (django-tasks)."""

from django_tasks import task

from authoring.links import check_links


@task()
def check_links_task() -> dict[str, int]:
    """Check every link in use; return how many links ended in each state."""
    return dict(check_links())
