"""Settings of the server the load test drives: production's, plus the floor view.

Nothing here weakens production: the same middleware, sessions, CSRF and
security settings; only the URL configuration gains one bare view.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.load.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False}  # keep the run quiet
