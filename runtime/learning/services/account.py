"""The learner's own account: e-mail change, language and deletion.

Deleting an account deletes what says who the learner is and what they know
(the account, their knowledge, tutorials, sessions); their tests and answers
are kept without any link to them, to calibrate the challenges, and their
problem reports without their name (personal_data.html says so to learners).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from runtime.enums import AssessmentState
from runtime.models import Assessment, KnowledgeElement, TutorialBookmark
from runtime.permissions import require

from .. import email_change as email_change_flow
from ..permissions import can_delete_own_account, can_manage_own_account
from ..signup import take_sign_up_slot
from .errors import LearningError


def email_change_request(*, user, email: str, urls, trusted: bool = False) -> None:
    """Ask for a new address: a confirmation link goes to it (see email_change.py).

    Nothing changes until the link is followed, and the answer is the same
    whether or not another account uses the address. At most SIGN_UP_LIMIT
    requests per account and address within the login cool-off.
    """
    require(can_manage_own_account, user, trusted=trusted)
    email = email.strip().lower()
    if email == (user.email or "").lower():
        raise LearningError(_("C'est déjà l'adresse de votre compte."))
    if not take_sign_up_slot(email=email, address=f"account:{user.pk}"):
        raise LearningError(
            _(
                "Trop de demandes pour cette adresse : réessayez plus tard, ou "
                "suivez le lien déjà envoyé."
            )
        )
    email_change_flow.email_change_request(user=user, email=email, urls=urls)


@transaction.atomic
def email_change(*, user, email: str, trusted: bool = False) -> None:
    """Change the learner's e-mail address (and their login when it was the old one).

    Called once the learner followed the link sent to the new address, so
    telling them the address is taken reveals nothing they do not own.
    """
    require(can_manage_own_account, user, trusted=trusted)
    email = email.strip().lower()
    User = get_user_model()
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise LearningError(_("Un compte existe déjà avec cette adresse."))
    if User.objects.filter(username__iexact=email).exclude(pk=user.pk).exists():
        raise LearningError(_("Un compte existe déjà avec cette adresse."))
    fields = ["email"]
    if user.username.lower() == (user.email or "").lower():
        user.username = email
        fields.append("username")
    user.email = email
    user.save(update_fields=fields)


@transaction.atomic
def language_set(*, user, language: str, trusted: bool = False) -> str:
    """Keep the language the user chose on their account; return it.

    Wagtail's user profile holds it: the admin speaks it too, and the site
    applies it at each sign-in (runtime.learning.language).
    """
    require(can_manage_own_account, user, trusted=trusted)
    if language not in dict(settings.LANGUAGES):
        raise LearningError(_("Cette langue n'est pas proposée."))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])
    return language


@transaction.atomic
def account_delete(*, user, now=None, trusted: bool = False) -> dict[str, int]:
    """Delete the learner's account; keep their answers, anonymised.

    Returns what was kept and deleted, by kind.
    """
    require(can_delete_own_account, user, trusted=trusted)
    now = now or timezone.now()
    tests = Assessment.objects.filter(user=user)
    tests.filter(state=AssessmentState.STARTED).update(
        state=AssessmentState.COMPLETED, completed_at=now
    )
    counts = {
        "anonymised_tests": tests.update(user=None),
        "deleted_knowledge": KnowledgeElement.objects.filter(user=user).count(),
        "deleted_tutorials": TutorialBookmark.objects.filter(user=user).count(),
    }
    # Knowledge and bookmarks go with the user, reports lose its name; its
    # other sessions now name no user, so they sign nobody in.
    user.delete()
    return counts
