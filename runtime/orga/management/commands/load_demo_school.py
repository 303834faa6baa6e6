"""A demo school so that every dashboard, heatmap and export shows data at once.

A school with a teacher (ADMIN), a class of 30 pupils imported from a list,
a target profile (copied from the end-of-lower-secondary one), two campaigns
on it (before and after a unit of teaching) and participations played
through the real adaptive engine with simulated answers, then shared. Run by
``first_start`` into an empty database only; run again, it changes nothing.
"""

import datetime
import random
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from runtime.domain.simulation import LearnerModel
from runtime.learning import services as learning
from runtime.learning.reports import expected_answer
from runtime.models import Answer, Assessment, KnowledgeElement
from runtime.orga.enums import MemberRole, OrganisationType
from runtime.orga.models import Organisation, Participation, TargetProfile
from runtime.orga.services import campaigns, learners, organisations, target_profiles
from runtime.release_index import current_release_index, release_index

SCHOOL = "Collège de démonstration Marie Curie"
TEACHER = "enseignant"
FIRST_NAMES = ("Léa", "Lucas", "Chloé", "Hugo", "Inès", "Louis", "Jade", "Nathan",
               "Manon", "Enzo", "Zoé", "Noah", "Camille", "Adam", "Sarah", "Gabriel",
               "Lina", "Raphaël", "Emma", "Arthur", "Alice", "Jules", "Rose", "Tom",
               "Anna", "Sacha", "Mila", "Théo", "Eva", "Nolan")  # fmt: skip
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
              "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel",
              "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
              "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François",
              "Martinez", "Legrand")  # fmt: skip
ANSWERED_DAYS_AGO = 30


def class_list(count: int) -> bytes:
    """Return the class's list as a school exports it (CSV, ``;``)."""
    lines = ["INE;Nom;Prénom;Date de naissance;Sexe;Classe"]
    for number in range(count):
        birthdate = datetime.date(2011, 1, 1) + datetime.timedelta(days=11 * number)
        lines.append(
            f"{100000000 + number}DM;{LAST_NAMES[number % 30]};"
            f"{FIRST_NAMES[number % 30]};{birthdate:%d/%m/%Y};"
            f"{'F' if number % 2 == 0 else 'M'};3e A"
        )
    return ("\n".join(lines) + "\n").encode()


def play(user, campaign, true_level: int, rng: random.Random, *, share: bool):
    """Take the campaign as a simulated learner through the real engine."""
    participation = campaigns.participation_start(
        user=user, campaign=campaign, trusted=True
    )
    assessment = participation.assessment
    index = release_index(assessment.release_id)
    model = LearnerModel()
    for _ in range(200):
        kind, challenge, count = learning.assessment_step(assessment)
        if kind == "completed":
            break
        if kind == "checkpoint":
            learning.checkpoint_acknowledge(assessment, answer_count=count)
            continue
        right = model.succeeds(index.skills[challenge.skill].level, true_level, rng)
        learning.answer_record(
            assessment=assessment,
            challenge_id=challenge.id,
            value=expected_answer(challenge) if right else None,
            skipped=not right,
        )
    if share:
        campaigns.participation_share(user=user, participation=participation)
    return participation


def backdate(user, days: int) -> None:
    """Move a pupil's answers back in time: the 'before' campaign was weeks ago."""
    moved = datetime.timedelta(days=days)
    for model, lookup in (
        (KnowledgeElement, {"user": user}),
        (Answer, {"assessment__user": user}),
        (Assessment, {"user": user}),
    ):
        for row in model.objects.filter(**lookup):
            row.created_at -= moved
            model.objects.filter(pk=row.pk).update(created_at=row.created_at)
    for row in Participation.objects.filter(user=user):
        Participation.objects.filter(pk=row.pk).update(
            created_at=row.created_at - moved,
            shared_at=row.shared_at - moved if row.shared_at else None,
        )


class Command(BaseCommand):
    help = "Create the demo school with its teacher, class, profile and campaigns."

    def add_arguments(self, parser):
        parser.add_argument("--pupils", type=int, default=30)
        parser.add_argument("--site-url", default="http://127.0.0.1:8000")

    @transaction.atomic
    def handle(self, *args, pupils: int, site_url: str, **options):
        if Organisation.objects.filter(name=SCHOOL).exists():
            self.stdout.write("École de démonstration déjà créée : rien n'est changé.")
            return
        if current_release_index() is None:
            raise CommandError("Publiez d'abord une release.")
        predefined = TargetProfile.objects.filter(
            organisation=None, name__startswith="Fin de collège"
        ).first()
        if predefined is None:
            self.stdout.write(
                "École de démonstration non créée : aucun profil cible prédéfini "
                "(load_target_profiles) ne convient au contenu publié."
            )
            return
        password = secrets.token_urlsafe(12)
        school, profile = self._school(pupils, password, predefined)
        rng = random.Random(2026)  # noqa: S311 - simulated answers
        before = campaigns.campaign_create(
            user=None, trusted=True, organisation=school, target_profile=profile,
            title="3e A — rentrée (avant)", rng=rng,
            landing_text="Positionnez-vous sur les compétences attendues en fin de 3e.",
        )  # fmt: skip
        after = campaigns.campaign_create(
            user=None, trusted=True, organisation=school, target_profile=profile,
            title="3e A — fin de trimestre (après)", rng=rng,
            landing_text="Mesurons vos progrès depuis la rentrée.",
        )  # fmt: skip
        self._participations(school, before, after, rng)
        self.stdout.write(
            f"École de démonstration ({site_url.rstrip('/')}/orga/) :\n"
            f"  {TEACHER:<12} {password:<20} enseignant, {SCHOOL}\n"
            f"  Campagnes : {before.code} (avant), {after.code} (après)"
        )

    def _school(self, pupils: int, password: str, predefined):
        school = organisations.organisation_create(
            user=None, trusted=True, name=SCHOOL, type=OrganisationType.SCHOOL,
            external_id="0000000X",
        )  # fmt: skip
        teacher = get_user_model().objects.create_user(
            username=TEACHER,
            email=f"{TEACHER}@demo.invalid",
            first_name="Éric",
            last_name="Enseignant",
            password=password,
        )
        organisations.member_add(
            user=None, trusted=True, organisation=school, member=teacher,
            role=MemberRole.ADMIN,
        )  # fmt: skip
        preview = learners.learner_list_preview(
            user=None, trusted=True, organisation=school, data=class_list(pupils),
            file_name="3eA.csv",
        )  # fmt: skip
        learners.learner_list_confirm(
            user=None, trusted=True, organisation=school, learner_import=preview
        )
        profile = target_profiles.target_profile_copy(
            user=None, trusted=True, profile=predefined, organisation=school
        )
        profile.name = "3e A — compétences numériques"
        profile.save(update_fields=["name"])
        target_profiles.badge_add(
            user=None, trusted=True, profile=profile, title="Citoyen numérique",
            threshold=75, message="Vous maîtrisez les trois quarts des acquis visés.",
        )  # fmt: skip
        return school, profile

    def _participations(self, school, before, after, rng) -> None:
        """Every pupil takes 'before'; most take 'after', one level higher."""
        rows = list(school.learners.order_by("id"))
        for number, learner in enumerate(rows):
            user, _learner = learners.learner_account_create(
                organisation=school,
                first_name=learner.first_name,
                last_name=learner.last_name,
                birthdate=learner.birthdate,
                password=secrets.token_urlsafe(12),
                rng=rng,
            )
            level = 1 + number % 4
            play(user, before, level, rng, share=number % 10 != 9)
            backdate(user, ANSWERED_DAYS_AGO)
            if number < len(rows) - 4:  # a few have not started yet
                play(user, after, level + 1, rng, share=number % 7 != 6)
