"""Link checking against a real local web server: answers, history, report, notes."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse

from authoring.checks import embed_answers, tutorial_link_answers
from authoring.links import check_link, check_links
from authoring.models import LinkCheck
from tests.factories import make_challenge, make_tutorial, make_user

pytestmark = pytest.mark.django_db


class Site(BaseHTTPRequestHandler):
    """/ok answers, /gone is 404, /moved and /elsewhere redirect, /no-head
    refuses HEAD, /slow takes longer than the checks wait."""

    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
            self.end_headers()
            return
        self.answer()

    def do_GET(self):
        self.answer()

    def answer(self):
        if self.path == "/slow":
            time.sleep(1)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/elsewhere":
            self.send_response(302)
            self.send_header("Location", "/ok")
        elif self.path in ("/ok", "/no-head", "/slow"):
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_each_answer_is_told_apart(site):
    answers = {
        path: check_link(f"{site}{path}", timeout=0.5)
        for path in ("/ok", "/gone", "/moved", "/elsewhere", "/no-head", "/slow")
    }

    assert {path: a.status for path, a in answers.items()} == {
        "/ok": "ok",
        "/gone": "broken",
        "/moved": "moved",  # a permanent redirect: the link should be updated
        "/elsewhere": "ok",  # a temporary one is the site's business
        "/no-head": "ok",  # asked again with GET
        "/slow": "unreachable",
    }
    assert answers["/gone"].http_status == 404
    assert answers["/moved"].final_url == f"{site}/ok"
    assert "timed out" in answers["/slow"].detail
    assert check_link("ftp://example.org/file").status == "unreachable"
    assert check_link("http://127.0.0.1:9/", timeout=0.5).status == "unreachable"


def tutorial(link: str, status: str = "validated"):
    return make_tutorial(link=link, status=status)


def simulator(url: str):
    """A challenge embedding url (the local site is http, which a form refuses)."""
    challenge = make_challenge()
    type(challenge).objects.filter(pk=challenge.pk).update(embed_url=url)
    challenge.refresh_from_db()
    return challenge


def test_links_in_use_are_checked_once_and_failures_counted(site):
    """Two tutorials share a link; archived ones are left out; failures add up."""
    tutorial(f"{site}/gone")
    tutorial(f"{site}/gone")
    tutorial(f"{site}/ok")
    tutorial(f"{site}/archived", status="archived")
    simulator(f"{site}/moved")

    first = check_links(timeout=0.5)
    second = check_links(timeout=0.5)

    assert dict(first) == {"broken": 1, "ok": 1, "moved": 1}
    assert first == second
    assert sorted(LinkCheck.objects.values_list("url", "failures")) == [
        (f"{site}/gone", 2),
        (f"{site}/moved", 0),
        (f"{site}/ok", 0),
    ]


def test_the_editor_notes_what_the_link_answered(site):
    gone = tutorial(f"{site}/gone")
    moving = simulator(f"{site}/moved")
    fine = tutorial(f"{site}/ok")
    never = tutorial(f"{site}/never-checked")
    check_links([gone.link, moving.embed_url, fine.link], timeout=0.5)

    broken = tutorial_link_answers(gone)
    moved = embed_answers(moving)
    answered = tutorial_link_answers(fine)

    assert (broken.passed, broken.blocking, broken.field) == (False, False, "link")
    assert "erreur 404" in broken.message
    assert "redirige définitivement vers" in moved.message
    assert f"{site}/ok" in moved.message
    assert answered.passed
    assert tutorial_link_answers(never) is None


def test_the_report_lists_failing_links_with_their_items(client, site, author):
    gone = tutorial(f"{site}/gone")
    tutorial(f"{site}/ok")
    client.force_login(author)
    before = client.get(reverse("link_report")).content.decode()
    call_command("check_links", "--timeout", "0.5", stdout=(out := _Out()))

    page = client.get(reverse("link_report")).content.decode()

    assert "pas encore été vérifiés" in before
    assert "2 lien(s) vérifié(s) : 1 répondent" in out.text
    assert f"{site}/gone" in page
    assert gone.title in page
    assert f"{site}/ok</a>" not in page


def test_the_report_is_for_editors(client):
    client.force_login(make_user())

    assert client.get(reverse("link_report")).status_code in (302, 403)


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_a_task_worker_can_run_the_check(site):
    """The django-tasks task checks the links in use and counts the answers."""
    from authoring.tasks import check_links_task

    tutorial(f"{site}/ok")

    result = check_links_task.enqueue()

    assert result.return_value == {"ok": 1}
    assert LinkCheck.objects.get().status == "ok"
