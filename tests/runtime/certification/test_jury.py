"""Finalisation, automatic neutralisation, the jury's decisions and publication."""

import pytest
import reversion
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from runtime.certification import services
from runtime.certification.models import CertificationAnswer, Decision
from runtime.domain import codes
from tests.factories import make_user

from .conftest import make_session
from .helpers import act, enrol, invigilator, join, sit, start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_attempts_left_over():
    cache.clear()


@pytest.fixture
def sat(client, centre, member, learner):
    session, password = make_session(centre, member)
    candidate = enrol(session, None)
    client.force_login(learner)
    test, first = sit(
        client, session, password, candidate, wrong_first=True, incident="link"
    )
    return session, test, first


def test_finalising_neutralises_by_confirmed_incidents_and_scores(client, member, sat):
    session, test, first = sat
    centre_client = Client()
    centre_client.force_login(member)
    incident = test.incidents.get()

    centre_client.post(
        reverse("certification:finalise", args=[session.pk]),
        {"comment": "RAS", "incident": [str(incident.pk)]},
    )

    session.refresh_from_db()
    assert (session.status, session.finalisation_comment) == ("finalised", "RAS")
    neutralised = CertificationAnswer.objects.get(test=test, challenge=first)
    assert neutralised.neutralised
    assert "incident report" in neutralised.neutralisation_reason
    result = test.result
    assert (result.rate, result.rejected, result.pix) == (100, False, 60)
    assert [item["level"] for item in result.competences] == [1, 1, 1, 1, 1]
    assert list(test.decisions.values_list("kind", flat=True)) == [
        "auto_neutralised",
        "scored",
    ]


def test_an_unconfirmed_incident_does_not_neutralise(member, sat):
    session, test, first = sat

    services.session_finalise(user=member, session=session, confirmed_incidents=set())

    assert not CertificationAnswer.objects.get(test=test, challenge=first).neutralised
    # 14 right of 15 (R = 93): the wrong competence keeps 2 of 3, certified
    assert (test.result.rate, test.result.pix) == (93, 60)


def test_finalisation_waits_for_every_test_to_end(client, centre, member, learner):
    session, password = make_session(centre, member)
    candidate = enrol(session, None)
    client.force_login(learner)
    join(client, session)
    act(invigilator(session, password), session, candidate, "confirmer")
    start(client, candidate)
    centre_client = Client()
    centre_client.force_login(member)

    response = centre_client.post(reverse("certification:finalise", args=[session.pk]))

    assert response.status_code == 409
    assert "Lou Martin" in response.content.decode()
    session.refresh_from_db()
    assert session.status == "started"


def test_the_jury_neutralises_with_a_comment_rescored_and_audited(member, jury, sat):
    session, test, first = sat
    services.session_finalise(user=member, session=session, confirmed_incidents=set())
    client = Client()
    client.force_login(jury)
    wrong = CertificationAnswer.objects.get(test=test, challenge=first)

    no_reason = client.post(
        reverse("certification:jury_decision", args=[wrong.pk]),
        {"neutralise": "1", "comment": " "},
    )
    decided = client.post(
        reverse("certification:jury_decision", args=[wrong.pk]),
        {"neutralise": "1", "comment": "Lien mort vérifié"},
    )

    assert no_reason.status_code == 422
    assert decided.status_code == 302
    test.result.refresh_from_db()
    assert test.result.rate == 100
    session.refresh_from_db()
    assert session.status == "processed"
    versions = reversion.models.Version.objects.get_for_object(wrong)
    assert [version.revision.comment for version in versions] == ["Lien mort vérifié"]
    assert versions[0].revision.user == jury

    client.post(
        reverse("certification:jury_decision", args=[wrong.pk]),
        {"neutralise": "0", "comment": "Finalement le lien marchait"},
    )
    test.result.refresh_from_db()
    assert test.result.rate == 93
    assert list(Decision.objects.filter(test=test).values_list("kind", "reason")) == [
        ("scored", "validated: reproducibility rate 93 %"),
        ("neutralised", "Lien mort vérifié"),
        ("scored", "validated: reproducibility rate 100 %"),
        ("deneutralised", "Finalement le lien marchait"),
        ("scored", "validated: reproducibility rate 93 %"),
    ]


def test_the_jury_publishes_and_certificates_get_a_code(member, jury, sat):
    session, test, _first = sat
    services.session_finalise(user=member, session=session, confirmed_incidents=set())
    client = Client()
    client.force_login(jury)

    listing = client.get(reverse("certification:jury"))
    page = client.get(reverse("certification:jury_session", args=[session.pk]))
    client.post(reverse("certification:jury_publish", args=[session.pk]))

    assert session.room in listing.content.decode()
    assert "Lou Martin" in page.content.decode()
    session.refresh_from_db()
    assert session.status == "published"
    test.result.refresh_from_db()
    assert codes.is_verification_code(test.result.verification_code)
    assert test.result.published_at is not None
    again = client.post(reverse("certification:jury_publish", args=[session.pk]))
    assert again.status_code == 409  # a published session is not reviewable


def test_only_the_jury_sees_the_jury_pages(client, member, sat):
    session, _test, _first = sat
    services.session_finalise(user=member, session=session, confirmed_incidents=set())
    client.force_login(make_user())

    pages = [
        client.get(reverse("certification:jury")),
        client.get(reverse("certification:jury_session", args=[session.pk])),
        client.post(reverse("certification:jury_publish", args=[session.pk])),
    ]

    assert [page.status_code for page in pages] == [403, 403, 403]
    session.refresh_from_db()
    assert session.status == "finalised"


def test_a_session_not_finalised_is_not_for_the_jury(client, centre, member, jury):
    session, _ = make_session(centre, member)
    client.force_login(jury)

    page = client.get(reverse("certification:jury_session", args=[session.pk]))

    assert page.status_code == 404
    with pytest.raises(services.CertificationError):
        services.session_publish(user=jury, session=session)
