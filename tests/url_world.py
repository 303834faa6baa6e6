"""The objects the URL permission matrix fills its URLs from, built once.

One learner ("learner") owns every learner-side object in a URL; "other_learner"
is signed in but owns none of them. The organisation A and its teacher, the
centre and its member, the jury and the invigilator each have objects of their
own; "other_org" is a member of organisation B only.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from authoring.models import Challenge
from preview.models import ShareLink
from preview.services import share_token
from review.models import CalibrationRun, CalibrationStatus
from runtime.certification import services as certification_services
from runtime.certification.models import CertificationAnswer
from runtime.certification.permissions import JURY_GROUP
from runtime.learning.models import ProblemReport
from runtime.learning.services import assessment_start
from runtime.orga.enums import MemberRole, OrganisationType
from runtime.orga.models import LearnerImport, Membership, TargetTube
from runtime.orga.services import campaigns as campaign_services
from runtime.orga.services import organisations as orga_services
from runtime.orga.services import target_profiles
from runtime.release_index import current_release_index
from tests.factories import make_hint, make_tutorial, make_user
from tests.runtime.certification.conftest import (
    make_centre,
    make_knowledge,
    make_session,
    publish_certifiable_release,
)
from tests.runtime.certification.helpers import enrol, sit
from tests.runtime.orga.conftest import make_learner, make_member, make_organisation


def build_world() -> SimpleNamespace:
    """Save one set of objects for every role and return them."""
    from django.test import Client

    w = SimpleNamespace()
    w.release = publish_certifiable_release()
    index = current_release_index()

    # Staff roles of the workbench.
    w.author = make_user(group="Authors", username="m-author")
    w.reviewer = make_user(group="Reviewers", username="m-reviewer")
    w.validator = make_user(group="Validators", username="m-validator")
    w.referential_editor = make_user(
        group="Referential editors", username="m-refeditor"
    )
    w.admin = make_user(username="m-admin", is_superuser=True, is_staff=True)
    w.jury = make_user(group=JURY_GROUP, username="m-jury")

    # The learner: certified (a published certificate) with an assessment.
    w.learner = make_user(
        username="m-learner",
        email="m-learner@example.org",
        first_name="Lou",
        last_name="Martin",
    )
    w.other_learner = make_user(username="m-other", email="m-other@example.org")
    make_knowledge(w.learner)
    w.assessment = w.learner.assessments.order_by("pk").first()
    w.other_assessment = assessment_start(user=w.other_learner, competence="1.1")

    # A centre, its member, a published session (certificate) and an open one.
    w.centre_member = make_user(username="m-centre")
    w.centre = make_centre(member=w.centre_member)
    w.session, password = make_session(w.centre, w.centre_member)
    candidate = enrol(w.session, None)
    client = Client()
    client.force_login(w.learner)
    w.certification_test, _first = sit(
        client, w.session, password, candidate, wrong_first=False
    )
    w.candidate = w.certification_test.candidate
    certification_services.session_finalise(
        user=w.centre_member, session=w.session, confirmed_incidents=set()
    )
    certification_services.session_publish(user=w.jury, session=w.session)
    w.certificate = w.certification_test.result
    w.certificate.refresh_from_db()
    w.certification_answer = CertificationAnswer.objects.filter(
        test=w.certification_test
    ).first()
    w.open_session, _password = make_session(
        w.centre, w.centre_member, date=timezone.localdate()
    )
    w.open_candidate = enrol(w.open_session, None, first="Noé", last="Petit")

    # Organisation A (teacher, campaign, profile, learners), organisation B.
    w.organisation = make_organisation(
        name="Association A", type=OrganisationType.PROFESSIONAL
    )
    w.teacher = make_member(w.organisation, MemberRole.ADMIN, username="m-teacher")
    w.other_organisation = make_organisation(name="Lycée B")
    w.other_org = make_member(w.other_organisation, username="m-other-org")
    w.profile = target_profiles.target_profile_create(
        user=w.teacher, organisation=w.organisation, name="Profil A"
    )
    tube_id = next(iter(index.tubes))
    TargetTube.objects.create(profile=w.profile, tube=tube_id, level_cap=2)
    w.campaign = campaign_services.campaign_create(
        user=w.teacher,
        organisation=w.organisation,
        target_profile=w.profile,
        title="Rentrée",
    )
    w.campaign_participation = campaign_services.participation_start(
        user=w.learner, campaign=w.campaign
    )
    w.organisation_learner = make_learner(w.organisation)
    w.learner_import = LearnerImport.objects.create(
        organisation=w.organisation, created_by=w.teacher, file_name="eleves.csv"
    )
    colleague = make_member(w.organisation, username="m-colleague")
    w.membership = Membership.objects.get(user=colleague)
    w.invitation = orga_services.invitation_create(
        user=w.teacher,
        organisation=w.organisation,
        email="invitee@example.org",
        role=MemberRole.MEMBER,
    )

    # Authoring and review: a challenge in review, a hint, a tutorial.
    w.challenge = Challenge.objects.filter(live=True).order_by("pk").first()
    draft = Challenge(
        skill=w.challenge.skill,
        type="QCU",
        instruction="Quelle est la bonne réponse ?",
        proposals="- a\n- b",
        solution="1",
    )
    draft.save()
    draft.save_revision(user=w.author)
    draft.get_workflow().start(draft, w.author)
    w.draft = draft
    w.revision = draft.latest_revision
    w.task_state = draft.current_workflow_task_state
    w.hint = make_hint(skill=w.challenge.skill)
    w.tutorial = make_tutorial(user=w.author)
    w.report = ProblemReport.objects.create(
        user=w.learner, challenge=w.challenge.uid, category="other", comment="Coquille"
    )
    w.calibration = CalibrationRun.objects.create(status=CalibrationStatus.FAILED)
    now = timezone.now()
    link = ShareLink.objects.create(
        challenge=draft,
        created_by=w.author,
        created_at=now,
        expires_at=now + datetime.timedelta(days=7),
    )
    w.share_token = share_token(link)
    w.tutorial_id = next(iter(index.tutorials), "inconnu")
    w.skill = w.challenge.skill
    w.tube = w.skill.tube
    w.thematic = w.tube.thematic
    w.competence = w.tube.competence
    w.area = w.competence.area
    w.hint_revision = w.hint.latest_revision
    w.tutorial_revision = w.tutorial.latest_revision
    w.challenge_uid = w.challenge.uid
    return w
