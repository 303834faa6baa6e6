"""The signed-in learner and their assessment, read in one query.

A test step is the request learners make most. Django would read the
session, then the user, then the view the assessment: three queries. Here
the assessment is read joined with its learner and the session row, and the
learner is checked as ``django.contrib.auth.get_user`` checks a session on
its usual path. Every other case (a session stored elsewhere than in the
database, another backend, a session hash to upgrade, someone else's
assessment) goes through Django's own path.
"""

import functools

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
    load_backend,
)
from django.contrib.auth.backends import AllowAllUsersModelBackend, ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.backends.cached_db import (
    SessionStore as CachedDatabaseSessionStore,
)
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.dispatch import receiver
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.module_loading import import_string
from django_htmx.http import HttpResponseClientRedirect

from runtime.models import Assessment

# The learner read here holds only the password and is_active: only backends
# and user models whose checks read nothing else may be judged on it.
TRUSTED_BACKENDS = (ModelBackend, AllowAllUsersModelBackend)
MAX_ID = 2**63 - 1  # the largest id a database column holds
# Stores whose load() is "the row, unexpired, decoded", as the query does it.
DATABASE_SESSION_STORES = (DatabaseSessionStore, CachedDatabaseSessionStore)


def learner_assessment(view):
    """Call ``view(request, assessment)`` with the signed-in learner's assessment.

    Anonymous visitors are sent to the login page, and someone else's
    assessment is a 404, as with ``login_required`` and ``get_object_or_404``.
    After logging in, a visitor whose session ended while answering comes
    back to the test's page (an answer's URL only takes posts); with htmx the
    whole page goes to the login page, not the <main>.
    """

    @functools.wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        assessment = signed_in_learners_assessment(request, pk)
        if assessment is None:
            if not request.user.is_authenticated:
                back = request.get_full_path()
                if request.method != "GET":
                    back = reverse("assessment", args=[pk])
                login = redirect_to_login(back)
                if request.META.get("HTTP_HX_REQUEST") == "true":
                    return HttpResponseClientRedirect(login["Location"])
                return login
            assessment = get_object_or_404(Assessment, pk=pk, user=request.user)
        return view(request, assessment, *args, **kwargs)

    return wrapper


def signed_in_learners_assessment(request, pk: int) -> Assessment | None:
    """Return the assessment when the session's user owns it and is verified.

    One query. None when it is not theirs, or when only Django's own path can
    tell (see the module): the caller then asks Django.
    """
    if not 0 < pk <= MAX_ID:  # no such row; SQLite refuses larger integers
        return None
    session = request.session
    session_model = _session_model(settings.SESSION_ENGINE)
    if session_model is None or not session.session_key:
        return None
    found = _read_assessment(pk, session.session_key, session_model)
    if found is None:
        return None
    assessment, learner, session_data = found
    signed_in = _signed_in(type(session), session_data)
    if signed_in is None:
        return None
    user_id, backend_path, session_hash = signed_in
    if user_id != assessment.user_id:
        return None
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return None
    backend = load_backend(backend_path)
    if type(backend) not in TRUSTED_BACKENDS:
        return None  # a backend that loads or checks users its own way
    if not backend.user_can_authenticate(learner) or not constant_time_compare(
        session_hash, learner.get_session_auth_hash()
    ):
        return None
    return assessment


@functools.lru_cache(maxsize=4096)
def _signed_in(store_class, session_data: str) -> tuple | None:
    """Return a session's (user id, backend, session hash), None without them.

    Decoding checks the signature (HMAC): a learner's session data stays the
    same from step to step, so it is decoded once. Only the decoding is kept;
    the user's hash and state are checked again at each request.
    """
    data = store_class().decode(session_data)
    try:
        user_id = get_user_model()._meta.pk.to_python(data[SESSION_KEY])
        return user_id, data[BACKEND_SESSION_KEY], data[HASH_SESSION_KEY]
    except (KeyError, ValidationError):
        return None


@receiver(setting_changed)
def _forget_decoded_sessions(*, setting, **kwargs):
    """Decoding depends on these settings (tests change them). A new key also
    changes every session hash, which is checked at each request. The user
    model's fields are read once too."""
    if setting in {
        "SECRET_KEY",
        "SECRET_KEY_FALLBACKS",
        "SESSION_SERIALIZER",
        "AUTH_USER_MODEL",
    }:
        _signed_in.cache_clear()
    if setting == "AUTH_USER_MODEL":
        for cached in (_session_model, _learner_attnames, _assessment_query):
            cached.cache_clear()


@functools.cache
def _session_model(engine: str):
    """Return the model holding the sessions in the database, or None.

    None as well when the user model computes its session hash its own way.
    """
    store = import_string(f"{engine}.SessionStore")
    own_hash = get_user_model().get_session_auth_hash
    if store not in DATABASE_SESSION_STORES or (
        own_hash is not AbstractBaseUser.get_session_auth_hash
    ):
        return None
    return store.get_model_class()


def _read_assessment(pk, session_key: str, session_model):
    """Return the assessment, what authenticates its learner, and the session data.

    The learner comes back loaded with only the fields the session check
    reads (password and is_active), the others deferred as with ``.only()``;
    request.user stays Django's own, loaded if a page needs it. The SQL is
    built once from the models, and values go through the fields'
    converters, as the ORM does.
    """
    database = connections[DEFAULT_DB_ALIAS]  # the proxy looks it up at each use
    sql, converters = _assessment_query(database.vendor, session_model)
    with database.cursor() as cursor:
        cursor.execute(sql, [session_key, timezone.now(), pk])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for position, field_converters, expression in converters:
        for converter in field_converters:
            values[position] = converter(values[position], expression, database)
    *assessment_values, password, is_active, session_data = values
    assessment = Assessment.from_db(
        database.alias, _assessment_attnames(), assessment_values
    )
    loaded = {"password": password, "is_active": is_active}  # and the primary key
    names = _learner_attnames()
    learner = get_user_model().from_db(  # as .only() loads it: the rest deferred
        database.alias, names, [loaded.get(name, assessment.user_id) for name in names]
    )
    return assessment, learner, session_data


@functools.cache
def _learner_attnames() -> list[str]:
    """Return the user's primary key, password and is_active, in field order."""
    meta = get_user_model()._meta
    wanted = {meta.pk.attname, "password", "is_active"}
    return [field.attname for field in meta.concrete_fields if field.attname in wanted]


@functools.cache
def _assessment_attnames() -> list[str]:
    return [field.attname for field in Assessment._meta.concrete_fields]


@functools.cache
def _assessment_query(vendor: str, session_model) -> tuple[str, list]:
    """Return the SELECT of an assessment, its learner and session, and converters."""
    quote = connection.ops.quote_name
    user_model = get_user_model()
    assessment_fields = list(Assessment._meta.concrete_fields)
    user_fields = [
        user_model._meta.get_field(name) for name in ("password", "is_active")
    ]
    session_fields = [session_model._meta.get_field("session_data")]
    columns = [
        *(f"a.{quote(field.column)}" for field in assessment_fields),
        *(f"u.{quote(field.column)}" for field in user_fields),
        *(f"s.{quote(field.column)}" for field in session_fields),
    ]
    user_column = quote(Assessment._meta.get_field("user").column)
    session_key = quote(session_model._meta.get_field("session_key").column)
    expire_date = quote(session_model._meta.get_field("expire_date").column)
    # Only names from the models are formatted in; values are parameters.
    sql = (
        f"SELECT {', '.join(columns)} FROM {quote(Assessment._meta.db_table)} a "  # noqa: S608
        f"JOIN {quote(user_model._meta.db_table)} u "
        f"ON u.{quote(user_model._meta.pk.column)} = a.{user_column} "
        f"JOIN {quote(session_model._meta.db_table)} s "
        f"ON s.{session_key} = %s AND s.{expire_date} > %s "
        f"WHERE a.{quote(Assessment._meta.pk.column)} = %s"
    )
    converters = []
    for position, field in enumerate(assessment_fields + user_fields + session_fields):
        expression = field.get_col(field.model._meta.db_table)
        found = [
            *connection.ops.get_db_converters(expression),
            *field.get_db_converters(connection),
        ]
        if found:
            converters.append((position, found, expression))
    return sql, converters
