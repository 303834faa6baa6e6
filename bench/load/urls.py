"""The site's URLs plus ``/__floor__/``: one INSERT and one SELECT, nothing else.

It is the floor the learner flow is compared to: the same server, middleware,
database and client, with the least a view that writes can do.
"""

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

FLOOR_TABLE = "load_floor"


def floor(request):
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FLOOR_TABLE} (created_at) VALUES (now()) RETURNING id"  # noqa: S608 - constant
        )
        (row_id,) = cursor.fetchone()
        cursor.execute(f"SELECT created_at FROM {FLOOR_TABLE} WHERE id = %s", [row_id])  # noqa: S608
        cursor.fetchone()
    return HttpResponse(str(row_id), content_type="text/plain")


urlpatterns = [path("__floor__/", floor), *site_urlpatterns]
