"""Writes of an organisation's learners: list imports, accounts without e-mail,
reconciliation of a pupil with their row, temporary passwords."""

import datetime
import random
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from runtime.domain import accounts, learner_lists
from runtime.permissions import require

from ..learner_import import list_error_message
from ..models import LearnerImport, OrganisationLearner, TemporaryPassword
from ..permissions import can_import_learners, can_manage_learner
from .errors import OrgaError

TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TEMPORARY_LENGTH = 10
MAX_FILE_BYTES = 5 * 1024 * 1024


def known_learners(organisation) -> dict[str, dict[str, str]]:
    """Return the organisation's learners by national id, values as strings."""
    known = {}
    for values in organisation.learners.values(
        *learner_lists.FIELDS, "is_active"
    ).iterator(chunk_size=2000):
        values["birthdate"] = values["birthdate"].isoformat()
        values["is_active"] = "1" if values["is_active"] else "0"
        known[values["national_id"]] = values
    return known


@transaction.atomic
def learner_list_preview(
    *, user, organisation, data: bytes, file_name: str, trusted: bool = False
) -> LearnerImport:
    """Read a list and keep it to preview: nothing is imported yet."""
    require(can_import_learners, user, organisation, trusted=trusted)
    if len(data) > MAX_FILE_BYTES:
        raise OrgaError(_("Le fichier dépasse 5 Mo."))
    try:
        rows = learner_lists.read_list(data, file_name)
    except learner_lists.ListError as error:
        raise OrgaError(list_error_message(error)) from error
    if not rows:
        raise OrgaError(_("Le fichier ne contient aucun élève."))
    return LearnerImport.objects.create(
        organisation=organisation,
        created_by=user if getattr(user, "pk", None) else None,
        file_name=file_name[:255],
        rows=[
            {
                "line": row.line,
                "values": dict(row.values),
                "reason": row.reason,
                "detail": row.detail,
            }
            for row in rows
        ],
    )


def import_rows(learner_import: LearnerImport) -> list[learner_lists.ListRow]:
    return [learner_lists.ListRow(**row) for row in learner_import.rows]


@transaction.atomic
def learner_list_confirm(
    *, user, organisation, learner_import: LearnerImport, now=None,
    trusted: bool = False,
) -> learner_lists.Classified:  # fmt: skip
    """Import every valid row at once; learners missing from it become inactive.

    Compared again with the learners as they are now (another import may have
    run since the preview). Nothing is ever deleted.
    """
    require(can_import_learners, user, organisation, trusted=trusted)
    locked = LearnerImport.objects.select_for_update().get(pk=learner_import.pk)
    if locked.confirmed_at is not None:
        raise OrgaError(_("Cette liste a déjà été importée."))
    existing = {
        learner.national_id: learner
        for learner in organisation.learners.select_for_update()
    }
    classified = learner_lists.classify(
        import_rows(locked), known_learners(organisation)
    )
    new, changed = [], []
    for action, row in classified.rows:
        if action not in (learner_lists.CREATED, learner_lists.UPDATED):
            continue
        values = {**row.values, "birthdate": datetime.date.fromisoformat(
            row.values["birthdate"])}  # fmt: skip
        if action == learner_lists.CREATED:
            new.append(OrganisationLearner(organisation=organisation, **values))
        else:
            learner = existing[row.values["national_id"]]
            for name, value in values.items():
                setattr(learner, name, value)
            learner.is_active = True
            changed.append(learner)
    now = now or timezone.now()
    OrganisationLearner.objects.bulk_create(new, batch_size=1000)
    OrganisationLearner.objects.bulk_update(
        changed, [*learner_lists.FIELDS, "is_active"], batch_size=1000
    )
    organisation.learners.filter(national_id__in=classified.deactivated).update(
        is_active=False, updated_at=now
    )
    locked.confirmed_at = now
    locked.save(update_fields=["confirmed_at"])
    return classified


def _candidates(organisation, birthdate):
    return list(
        organisation.learners.select_related("user").filter(
            is_active=True, birthdate=birthdate
        )
    )


def learner_match(
    *, organisation, first_name: str, last_name: str, birthdate: datetime.date
) -> OrganisationLearner:
    """Return the learner of the list a pupil is (DOMAIN.md §6), or raise OrgaError."""
    candidates = _candidates(organisation, birthdate)
    if not candidates:
        raise OrgaError(
            _("Aucun élève de cet établissement n'a cette date de naissance.")
        )
    found = accounts.matching_learner(
        [
            {
                "first_name": learner.first_name,
                "middle_name": learner.middle_name,
                "third_name": learner.third_name,
                "last_name": learner.last_name,
                "preferred_last_name": learner.preferred_last_name,
            }
            for learner in candidates
        ],
        first_name=first_name,
        last_name=last_name,
    )
    if found is None:
        raise OrgaError(
            _(
                "Aucun élève de cet établissement ne porte ces nom et prénom avec "
                "cette date de naissance. Vérifiez l'orthographe."
            )
        )
    learner = candidates[found]
    if learner.user_id is None:
        # The same pupil (national id) may have an account from another school.
        elsewhere = (
            OrganisationLearner.objects.filter(
                national_id=learner.national_id, user__isnull=False
            )
            .exclude(pk=learner.pk)
            .select_related("user")
            .first()
        )
        if elsewhere is not None:
            raise OrgaError(
                _(
                    "Un compte existe déjà pour cet élève dans un autre "
                    "établissement ; il se connecte avec « %(login)s ». "
                    "Connectez-vous avec ce compte pour rejoindre la campagne."
                )
                % {"login": obfuscated_login(elsewhere.user)}
            )
    if learner.user_id is not None:
        raise OrgaError(
            _(
                "Un compte existe déjà pour cet élève ; il se connecte avec "
                "« %(login)s ». Demandez à votre enseignant de réinitialiser son "
                "mot de passe si besoin."
            )
            % {"login": obfuscated_login(learner.user)}
        )
    return learner


def obfuscated_login(user) -> str:
    """Return how an account signs in, hidden: ``j***@e***.fr`` or ``jea***``."""
    if user.email:
        local, _at, domain = user.email.partition("@")
        name, _dot, tld = domain.rpartition(".")
        return f"{local[:1]}***@{name[:1]}***.{tld}"
    return f"{user.username[:3]}***"


@transaction.atomic
def learner_account_create(
    *, organisation, first_name: str, last_name: str, birthdate: datetime.date,
    password: str, rng: random.Random | None = None,
) -> tuple[object, OrganisationLearner]:  # fmt: skip
    """Create the account without e-mail of an imported pupil; return it and the row.

    The username is ``firstname.lastnameDDMM`` from the row's names (the list's
    spelling, not what was typed), 4 random digits when taken.
    """
    learner = learner_match(
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        birthdate=birthdate,
    )
    User = get_user_model()
    rng = rng or random.SystemRandom()
    username = accounts.username_for(
        learner.first_name,
        learner.preferred_last_name or learner.last_name,
        learner.birthdate,
        is_taken=lambda name: User.objects.filter(username=name).exists(),
        rng=rng,
    )
    user = User(
        username=username, first_name=learner.first_name, last_name=learner.last_name
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise OrgaError(" ".join(error.messages)) from error
    user.set_password(password)
    user.save()
    _link(learner, user)
    return user, learner


def _link(learner: OrganisationLearner, user) -> None:
    """Link a row to an account once: a concurrent join finds it linked."""
    linked = OrganisationLearner.objects.filter(pk=learner.pk, user__isnull=True)
    try:
        with transaction.atomic():
            done = linked.update(user=user)
    except IntegrityError:  # this account is already another row's
        done = 0
    if not done:
        raise OrgaError(_("Cet élève est déjà relié à un compte."))
    learner.user = user


@transaction.atomic
def learner_reconcile(
    *, user, organisation, first_name: str, last_name: str,
    birthdate: datetime.date,
) -> OrganisationLearner:  # fmt: skip
    """Link a signed-in account to its row of the organisation's list."""
    existing = organisation.learners.filter(user=user).first()
    if existing is not None:
        return existing
    learner = learner_match(
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        birthdate=birthdate,
    )
    _link(learner, user)
    return learner


@transaction.atomic
def learner_password_reset(*, user, learner: OrganisationLearner) -> str:
    """Give a pupil's account a temporary password, to change at next sign-in."""
    require(can_manage_learner, user, learner)
    if learner.user is None:
        raise OrgaError(_("Cet élève n'a pas encore de compte."))
    password = "".join(
        secrets.choice(TEMPORARY_ALPHABET) for _ in range(TEMPORARY_LENGTH)
    )
    learner.user.set_password(password)
    learner.user.save(update_fields=["password"])
    TemporaryPassword.objects.update_or_create(
        user=learner.user, defaults={"set_by": user}
    )
    return password


def temporary_password_changed(*, user) -> None:
    """Forget the temporary password once its owner chose a new one."""
    TemporaryPassword.objects.filter(user=user).delete()
