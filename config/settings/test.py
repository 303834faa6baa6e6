"""Test settings: a throw-away secret, fast hashing, in-memory e-mail."""

import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR, MIDDLEWARE, database_settings

SECRET_KEY = secrets.token_urlsafe(50)
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DATABASES = database_settings(BASE_DIR / "var" / "test.sqlite3")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# runserver and the live test server serve static files themselves.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]

# The preview panel re-posts the edit form every 500 ms; in browser journeys
# those requests race with the database flush that ends each test.
WAGTAIL_AUTO_UPDATE_PREVIEW = False
