"""What the load test's teachers and candidates need, made through the services.

Run inside Django (``manage.py shell``) by bench/load/run.py's prepare():

- an organisation (professional: anyone may join its campaigns), its teacher
  accounts (members), a copy of the predefined end-of-lower-secondary target
  profile and a campaign on it, which the last load learners (those a run
  does not reach) took through the real adaptive engine and shared (the demo
  school's ``play``), so that the dashboard the teachers poll has results;
- a certification centre with sessions today (one per 30 candidates, as a
  room), candidate accounts made certifiable as the demo candidate is
  (``create_demo_certification``'s knowledge) and enrolled by e-mail.

Returns what the simulated users need to know: accounts, access codes,
invigilator passwords (shown once by the service, as to a centre).
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from runtime.certification import services as certification
from runtime.certification.management.commands.create_demo_certification import (
    Command as DemoCertification,
)
from runtime.certification.models import CertificationCentre
from runtime.orga.enums import MemberRole, OrganisationType
from runtime.orga.management.commands.load_demo_school import play
from runtime.orga.models import TargetProfile
from runtime.orga.services import campaigns, organisations, target_profiles
from runtime.release_index import current_release_index

ORGANISATION = "Organisme de la charge"
CENTRE = "Centre de certification de la charge"
CANDIDATES_PER_SESSION = 30
LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Account prefixes: the load learners are ``charge…``, the demo's ``enseignant``
# and ``candidate``; none of these starts another.
TEACHERS, CANDIDATES = "profcharge", "candcharge"


def _letters(number: int) -> str:
    """Return a name part made of letters only (names keep letters and digits)."""
    word = ""
    for _ in range(4):
        number, rest = divmod(number, 26)
        word = LETTERS[rest] + word
    return word.capitalize()


def _accounts(prefix: str, count: int, password: str, **names) -> list:
    """Create ``count`` accounts sharing one password (hashed once, as learners')."""
    User = get_user_model()
    hashed = make_password(password)
    usernames = [f"{prefix}{n:05d}" for n in range(count)]
    User.objects.bulk_create(
        User(
            username=username,
            email=f"{username}@example.org",
            password=hashed,
            first_name=names["first_name"],
            last_name=f"{names['last_name']}-{_letters(n)}",
        )
        for n, username in enumerate(usernames)
    )
    return list(User.objects.filter(username__in=usernames).order_by("username"))


@transaction.atomic
def create_campaign(*, teachers: int, participants: int, password: str) -> list:
    """Create the organisation, its teachers and a campaign taken by learners."""
    organisation = organisations.organisation_create(
        user=None, trusted=True, name=ORGANISATION, type=OrganisationType.PROFESSIONAL
    )
    accounts = _accounts(
        TEACHERS, teachers, password, first_name="Enseignant", last_name="Charge"
    )
    for teacher in accounts:
        organisations.member_add(
            user=None, trusted=True, organisation=organisation, member=teacher,
            role=MemberRole.MEMBER,
        )  # fmt: skip
    predefined = TargetProfile.objects.filter(
        organisation=None, name__startswith="Fin de collège"
    ).first()
    if predefined is None:
        raise RuntimeError("no predefined target profile (load_target_profiles)")
    profile = target_profiles.target_profile_copy(
        user=None, trusted=True, profile=predefined, organisation=organisation
    )
    rng = random.Random(2026)  # simulated answers
    campaign = campaigns.campaign_create(
        user=None, trusted=True, organisation=organisation, target_profile=profile,
        title="Charge — positionnement", rng=rng,
    )  # fmt: skip
    # The last learner accounts: the flow takes accounts from the first, and
    # a learner who took the campaign knows much already (shorter tests).
    learners = get_user_model().objects.filter(username__startswith="charge")
    last = reversed(learners.order_by("-username")[:participants])
    for number, learner in enumerate(last):
        play(learner, campaign, 1 + number % 4, rng, share=number % 10 != 9)
    return [[teacher.username, password] for teacher in accounts]


@transaction.atomic
def create_sessions(*, candidates: int, password: str) -> dict:
    """Create the centre, today's sessions, their enrolled certifiable candidates."""
    index = current_release_index()
    centre = CertificationCentre.objects.create(name=CENTRE)
    count = max(1, -(-candidates // CANDIDATES_PER_SESSION))
    sessions = []
    for number in range(count):
        session, invigilator_password = certification.session_create(
            user=None, centre=centre, address="1 rue de la Charge, 75000 Paris",
            room=f"Salle {number + 1}", date=timezone.localdate(),
            time=datetime.time(8, 0), examiner="Surveillance de charge", trusted=True,
        )  # fmt: skip
        sessions.append((session, invigilator_password))
    people = []
    demo = DemoCertification()
    for number, user in enumerate(
        _accounts(
            CANDIDATES, candidates, password, first_name="Camille", last_name="Candidat"
        )
    ):
        demo._knowledge(user, index)  # certifiable as the demo candidate is
        session = sessions[number % count][0]
        birth_date = datetime.date(2004, 1, 1) + datetime.timedelta(days=number)
        certification.candidate_add(
            user=None, session=session, trusted=True, first_name=user.first_name,
            last_name=user.last_name, birth_date=birth_date, email=user.email,
        )  # fmt: skip
        people.append(
            {
                "username": user.username,
                "password": password,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "birth_date": birth_date.isoformat(),
                "access_code": session.access_code,
            }
        )
    return {
        "candidates": people,
        "invigilators": [
            {"access_code": session.access_code, "password": invigilator_password}
            for session, invigilator_password in sessions
        ],
    }
