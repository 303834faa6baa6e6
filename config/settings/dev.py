"""Development settings: DEBUG on, a secret key generated once per checkout."""

import os
import secrets

from .base import *  # noqa: F403
from .base import MIDDLEWARE, VAR_DIR


def _dev_secret_key() -> str:
    """Return DJANGO_SECRET_KEY, or a random key kept in var/ for this checkout."""
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = True
SECRET_KEY = _dev_secret_key()
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# runserver and the live test server serve static files themselves.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]
