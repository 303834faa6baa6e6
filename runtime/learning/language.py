"""The language a signed-in user chose, kept on their account.

Anonymous visitors keep Django's language cookie. A user's choice lives on
their (Wagtail) user profile: it is copied into the session at sign-in, so
no request queries it again, and every page is then served in it, on any
browser; the cookie follows, so the pages after logging out keep it too.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from wagtail.users.models import UserProfile

SESSION_KEY = "account_language"


def remember_language(request, language: str) -> None:
    """Serve the rest of this session, from this request on, in language."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[SESSION_KEY] = language
    translation.activate(language)
    request.LANGUAGE_CODE = language


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    language = (
        UserProfile.objects.filter(user=user)
        .values_list("preferred_language", flat=True)
        .first()
    )
    if language in dict(settings.LANGUAGES):
        remember_language(request, language)


class AccountLanguageMiddleware:
    """Serve a signed-in user's pages in the language kept on their account.

    Placed after LocaleMiddleware (which reads the cookie and the browser's
    languages): the account's choice comes first, and the cookie is set to it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.session.get(SESSION_KEY)
        if language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        language = request.session.get(SESSION_KEY, language)
        cookie = settings.LANGUAGE_COOKIE_NAME
        if language in dict(settings.LANGUAGES) and (
            request.COOKIES.get(cookie) != language
        ):
            response.set_cookie(
                cookie,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
