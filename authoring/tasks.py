"""Background tasks of the authoring app (django-tasks)."""

from django_tasks import task

from authoring.links import check_links


@task()
def check_links_task(urls: list[str] | None = None) -> dict[str, int]:
    """Check the links given (every link in use by default); count each state."""
    return dict(check_links(urls))
