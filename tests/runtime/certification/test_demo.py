"""make run's demo certification: a centre, today's session, a published certificate."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from runtime.certification.models import CertificationSession

pytestmark = pytest.mark.django_db


def test_the_demo_centre_sessions_and_certificate_work_at_once(release):
    out = io.StringIO()

    call_command("create_demo_certification", site_url="http://x.test", stdout=out)

    output = out.getvalue()
    code = re.search(r"code de vérification (P-\w{8})", output).group(1)
    page = Client().get(reverse("certification:verify_code", args=[code]))
    assert page.status_code == 200
    assert "Dominique Diplômée" in page.content.decode()
    today, past = CertificationSession.objects.order_by("-date")
    assert (today.status, past.status) == ("created", "published")
    assert today.access_code in output
    assert re.search(r"centre\s+\S{16}\s+certification", output)
    candidates = today.candidates.order_by("first_name")
    assert [c.user.username if c.user else None for c in candidates] == [
        None,
        "candidate",
    ]

    again = io.StringIO()
    call_command("create_demo_certification", stdout=again)
    assert "déjà présent" in again.getvalue()
    assert CertificationSession.objects.count() == 2


def test_without_enough_content_no_demo_certification_is_made(db):
    from tests.runtime.certification.conftest import publish_certifiable_release

    publish_certifiable_release(codes=("1.1", "1.2"))
    out = io.StringIO()

    call_command("create_demo_certification", stdout=out)

    assert "pas de certification de démonstration" in out.getvalue()
    assert not CertificationSession.objects.exists()
