"""Create a demo certification centre, its sessions and candidates (first start).

A centre with a member account, a session today with eligible enrolled
candidates (its access code and invigilator password printed), and a past
session whose results are published, so that a certificate, its PDF and its
verification code work at once. Accounts get random passwords, printed once.
"""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from runtime.certification import services
from runtime.certification.enums import EndReason, TestState
from runtime.certification.models import (
    Candidate,
    CentreMembership,
    CertificationAnswer,
    CertificationCentre,
    CertificationTest,
)
from runtime.certification.permissions import JURY_GROUP
from runtime.certification.selectors import ELIGIBLE_COMPETENCES
from runtime.certification.services.day import build_test_picks
from runtime.domain.scoring import PIX_PER_LEVEL
from runtime.enums import AssessmentState, KnowledgeStatus
from runtime.models import Assessment, KnowledgeElement
from runtime.release_index import current_release_index

CENTRE_NAME = "Centre de certification de démonstration"
ACCOUNTS = [
    # username, first name, last name, birth date
    ("centre", "Cécile", "Centre", None),
    ("jury", "Jules", "Jury", None),
    ("candidate", "Camille", "Candidat", datetime.date(2005, 3, 14)),
    ("certifiee", "Dominique", "Diplômée", datetime.date(2001, 11, 2)),
]
DEMO_COMPETENCES = 6
DEMO_MAX_LEVEL = 3


class Command(BaseCommand):
    help = (
        "Create a demo certification centre with sessions, candidates, a certificate."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site-url", default="http://127.0.0.1:8000")

    @transaction.atomic
    def handle(self, *args, site_url: str, **options):
        index = current_release_index()
        if index is None:
            raise CommandError("Publiez d'abord une release.")
        if CertificationCentre.objects.filter(name=CENTRE_NAME).exists():
            self.stdout.write("Centre de démonstration déjà présent : rien à faire.")
            return
        if len(self._demo_competences(index)) < ELIGIBLE_COMPETENCES:
            self.stdout.write(
                "La release ne permet pas un profil certifiable de démonstration "
                "(5 compétences au niveau 1) : pas de certification de démonstration."
            )
            return
        users, lines = self._accounts()
        for username in ("candidate", "certifiee"):
            self._knowledge(users[username], index)
        centre = CertificationCentre.objects.create(name=CENTRE_NAME)
        CentreMembership.objects.create(centre=centre, user=users["centre"])
        today = timezone.localdate()
        upcoming, password = self._session(centre, today, datetime.time(14, 0))
        self._enrol(upcoming, users["candidate"], linked=True)
        Candidate.objects.create(
            session=upcoming,
            first_name="Alex",
            last_name="Sans-Compte",
            birth_date=datetime.date(2006, 6, 1),
            extra_time_percent=30,
        )
        past, _ = self._session(
            centre, today - datetime.timedelta(days=30), datetime.time(9, 0)
        )
        code = self._certify(past, users["certifiee"], users["jury"], index)
        site = site_url.rstrip("/")
        self.stdout.write("Certification de démonstration :")
        self.stdout.write("\n".join(lines))
        self.stdout.write(
            f"  Espace centre : {site}/certification/centres/\n"
            f"  Session d'aujourd'hui 14 h : code d'accès {upcoming.access_code}, "
            f"mot de passe surveillant {password} "
            f"({site}/certification/surveillance/)\n"
            f"  Candidate inscrite : Camille Candidat, née le 14/03/2005 "
            f"({site}/certification/)\n"
            f"  Certificat publié : code de vérification {code} "
            f"({site}/certification/verifier/{code}/)"
        )

    def _accounts(self):
        User = get_user_model()
        users, lines = {}, []
        for username, first_name, last_name, _birth in ACCOUNTS:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username,
                password=password,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@demo.invalid",
            )
            users[username] = user
            lines.append(f"  {username:<12} {password:<20} certification")
        users["jury"].groups.add(Group.objects.get(name=JURY_GROUP))
        return users, lines

    @staticmethod
    def _demo_skills(index, code: str) -> list[str]:
        return [
            skill_id
            for skill_id in index.skills_by_competence[code]
            if index.skills[skill_id].level <= DEMO_MAX_LEVEL
            and index.challenges_by_skill.get(skill_id)
        ]

    def _demo_competences(self, index) -> list[str]:
        """Return the first competences whose demo skills reach level 1 (8 pix)."""
        reaching = [
            code
            for code in sorted(index.skills_by_competence)
            if sum(index.skills[s].pix for s in self._demo_skills(index, code))
            >= PIX_PER_LEVEL
        ]
        return reaching[:DEMO_COMPETENCES]

    def _knowledge(self, user, index) -> None:
        """Validate directly the skills up to level 3 of the first competences."""
        for code in self._demo_competences(index):
            assessment = Assessment.objects.create(
                user=user,
                competence=code,
                release_id=index.release_id,
                state=AssessmentState.COMPLETED,
                completed_at=timezone.now(),
            )
            KnowledgeElement.objects.bulk_create(
                KnowledgeElement(
                    user=user,
                    assessment=assessment,
                    skill=skill_id,
                    competence=code,
                    status=KnowledgeStatus.VALIDATED,
                    direct=True,
                    pix=index.skills[skill_id].pix,
                )
                for skill_id in self._demo_skills(index, code)
            )

    @staticmethod
    def _session(centre, date, time):
        return services.session_create(
            user=None,
            centre=centre,
            address="1 place de la République, 75003 Paris",
            room="Salle 101",
            date=date,
            time=time,
            examiner="Mme Surveillante",
            description="Session de démonstration.",
            trusted=True,
        )

    @staticmethod
    def _enrol(session, user, *, linked: bool) -> Candidate:
        birth = next(birth for name, *_, birth in ACCOUNTS if name == user.username)
        return Candidate.objects.create(
            session=session,
            first_name=user.first_name,
            last_name=user.last_name,
            birth_date=birth,
            email=user.email,
            user=user if linked else None,
        )

    def _certify(self, session, user, jury, index) -> str:
        """Sit a past test with every answer right, finalise and publish it."""
        moment = timezone.make_aware(
            datetime.datetime.combine(session.date, session.time)
        )
        candidate = self._enrol(session, user, linked=True)
        candidate.joined_at = candidate.presence_confirmed_at = moment
        candidate.save()
        picks, profile = build_test_picks(
            user, index, seed=secrets.token_hex(16), locale="fr-fr"
        )
        test = CertificationTest.objects.create(
            candidate=candidate,
            user=user,
            release_id=index.release_id,
            mode=session.mode,
            seed="demo",
            picks=picks,
            profile=profile,
            started_at=moment,
            allowed_seconds=session.duration_minutes * 60,
            state=TestState.ENDED,
            end_reason=EndReason.COMPLETED,
            ended_at=moment + datetime.timedelta(minutes=50),
        )
        CertificationAnswer.objects.bulk_create(
            CertificationAnswer(
                test=test,
                position=position,
                challenge=pick["challenge"],
                skill=pick["skill"],
                competence=pick["competence"],
                result="ok",
                elapsed_seconds=60,
            )
            for position, pick in enumerate(picks)
        )
        services.session_finalise(
            user=None, session=session, confirmed_incidents=set(), trusted=True
        )
        services.session_publish(user=jury, session=session, trusted=True)
        test.result.refresh_from_db()
        return test.result.verification_code
