"""Settings of the server the load test drives: production's, plus the floor view.

Nothing here weakens production: the same middleware, sessions, CSRF and
security settings; only the URL configuration gains one bare view.
"""

import os

from config.settings.production import *  # noqa: F403
from config.settings.production import DATABASES

# LOAD_CONN_HEALTH_CHECKS=0 measures what production's connection check (a
# SELECT 1 before each request's first query) costs; it is on otherwise.
if os.environ.get("LOAD_CONN_HEALTH_CHECKS") == "0":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False

ROOT_URLCONF = "bench.load.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False}  # keep the run quiet
