"""Link checking against a real local web server: answers, history, report, notes."""

import datetime
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from authoring.checks import embed_answers, tutorial_link_answers
from authoring.links import check_link, check_links
from authoring.models import LinkCheck
from tests.factories import make_challenge, make_tutorial

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
        elif self.path == "/moved-then-login":
            self.send_response(301)
            self.send_header("Location", "/elsewhere")
        elif self.path == "/bad-redirect":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:99999999999999999999/")
        elif self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/file")
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


@pytest.fixture(autouse=True)
def _local_site_allowed(settings):
    """The test site is on 127.0.0.1, which the checker refuses by default."""
    settings.LINK_CHECK_ALLOW_PRIVATE = True


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
    assert answers["/slow"].detail == "pas de réponse dans le délai"
    assert check_link("ftp://example.org/file").status == "unreachable"
    unknown = check_link("http://nom-inconnu.invalid/", timeout=0.5)
    assert unknown.detail == "adresse introuvable : le nom de domaine n'existe pas"
    assert check_link("http://127.0.0.1:9/", timeout=0.5).status == "unreachable"


def test_what_a_remote_site_sends_back_never_breaks_the_check(site):
    """A redirect to a port out of range, to ftp, a malformed address."""
    answers = [
        check_link(f"{site}/bad-redirect", timeout=0.5),
        check_link(f"{site}/to-ftp", timeout=0.5),
        check_link("http://[::1", timeout=0.5),
    ]

    assert [answer.status for answer in answers] == ["unreachable"] * 3


def test_the_new_address_is_where_the_permanent_redirects_lead(site):
    """301 to a page that redirects for a while (302): the link moved to the
    301's target, not to the temporary page."""
    answer = check_link(f"{site}/moved-then-login", timeout=0.5)

    assert (answer.status, answer.final_url) == ("moved", f"{site}/elsewhere")


def test_hosts_of_the_servers_network_are_not_asked(site, settings):
    """Loopback, private ranges, link-local metadata: refused, nothing sent."""
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    urls = [f"{site}/ok", "http://10.1.2.3/", "http://169.254.169.254/latest/"]

    answers = [check_link(url, timeout=0.5) for url in urls]

    assert [a.status for a in answers] == ["unreachable"] * 3
    assert all("adresse privée ou locale" in a.detail for a in answers)


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
    before = client.get(reverse("links:index")).content.decode()
    call_command("check_links", "--timeout", "0.5", stdout=(out := _Out()))

    page = client.get(reverse("links:index")).content.decode()

    assert "pas encore été vérifiés" in before
    assert "2 lien(s) vérifié(s) : 1 répondent" in out.text
    assert f"{site}/gone" in page
    assert gone.title in page
    assert f"{site}/ok</a>" not in page


def test_the_report_is_for_editors(client, reviewer):
    """A reviewer uses the admin but does not edit tutorials: refused."""
    client.force_login(reviewer)

    response = client.get(reverse("links:index"))

    assert response["Location"] == reverse("wagtailadmin_home")  # Wagtail's refusal


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


def test_the_note_gives_the_time_of_the_check_in_local_time():
    """Checked at 22:30 UTC on 1 June: 00:30 on 2 June in Paris."""
    item = tutorial("https://example.org/page")
    LinkCheck.objects.create(
        url=item.link,
        status="ok",
        checked_at=datetime.datetime(2026, 6, 1, 22, 30, tzinfo=datetime.UTC),
    )

    with translation.override("fr"):
        message = tutorial_link_answers(item).message

    assert "02/06/2026 00:30" in message


def test_an_editor_checks_the_links_from_the_report(client, site, author):
    """No command line needed: the report's button checks every link now."""
    tutorial(f"{site}/gone")
    tutorial(f"{site}/ok")
    client.force_login(author)

    response = client.post(reverse("links:check"), follow=True)

    page = response.content.decode()
    assert "2 lien(s) vérifié(s) : 1 répondent" in page
    assert f"{site}/gone" in page
    assert "Vérifier les liens maintenant" in page


def test_reviewers_cannot_start_a_link_check(client, reviewer):
    client.force_login(reviewer)

    response = client.post(reverse("links:check"))

    assert response.status_code in (302, 403)
    assert not response.get("Location", "").endswith(reverse("links:index"))


# Golden addresses: what getaddrinfo may answer, and whether the checker asks.
ADDRESSES = {
    "8.8.8.8": True,
    "10.1.2.3": False,
    "2606:4700:4700::1111": True,
    "::1": False,
    # NAT64, well-known prefix: the IPv4 address is in the last 32 bits.
    "64:ff9b::808:808": True,  # 8.8.8.8
    "64:ff9b::a01:203": False,  # 10.1.2.3
    "64:ff9b::7f00:1": False,  # 127.0.0.1
    "64:ff9b::a9fe:a9fe": False,  # 169.254.169.254, cloud metadata
    "64:ff9b::c0a8:101": False,  # 192.168.1.1
    # NAT64, local-use prefix: the operator's own network.
    "64:ff9b:1::808:808": False,
    # 6to4: the IPv4 address follows 2002:.
    "2002:808:808::1": True,  # 8.8.8.8
    "2002:a01:203::1": False,  # 10.1.2.3
    "2002:7f00:1::": False,  # 127.0.0.1
    "2002:ac10:1::": False,  # 172.16.0.1
    # IPv4-mapped.
    "::ffff:8.8.8.8": True,
    "::ffff:127.0.0.1": False,
    "::ffff:10.0.0.1": False,
    "fe80::1%eth0": False,
}


def test_ipv6_addresses_wrapping_private_ipv4_ones_are_refused():
    from authoring.links import is_public_address

    assert {address: is_public_address(address) for address in ADDRESSES} == ADDRESSES


def test_a_nat64_or_6to4_link_to_the_private_network_is_not_asked(settings):
    """Nothing is sent: the answer says why, not that the network failed."""
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    urls = ["http://[64:ff9b::a9fe:a9fe]/latest/", "http://[2002:a01:203::1]/"]

    answers = [check_link(url, timeout=0.5) for url in urls]

    assert [a.detail for a in answers] == ["adresse privée ou locale, non vérifiée"] * 2


def test_a_learners_proposal_is_checked_only_once_validated(site, settings):
    """Anyone may sign up and propose a link: nothing asks it before review."""
    from authoring.models import Tutorial
    from authoring.services import tutorial_propose
    from tests.factories import make_skill, make_user

    proposal = tutorial_propose(
        user=make_user(),
        skill_uid=make_skill().uid,
        title="Proposé par un apprenant",
        link=f"{site}/gone",
        source="Exemple",
        format="page",
        minutes=5,
    )
    tutorial(f"{site}/ok", status="proposed")  # an author's: checked in beta

    before = check_links(timeout=0.5)
    Tutorial.objects.filter(pk=proposal.pk).update(status="validated")
    after = check_links(timeout=0.5)

    assert dict(before) == {"ok": 1}
    assert dict(after) == {"ok": 1, "broken": 1}


def _bulk_check_url(model: str, *items) -> str:
    url = reverse("wagtail_bulk_action", args=["authoring", model, "check_links"])
    ids = "&".join(f"id={item.pk}" for item in items)
    return f"{url}?{ids}&next=/admin/snippets/authoring/{model}/"


def test_an_editor_checks_the_links_of_the_selected_tutorials_now(site, client):
    """From the listing: only the selected links in use are asked, and counted."""
    from authoring.services import tutorial_propose
    from tests.factories import make_skill, make_user

    ok, gone = tutorial(f"{site}/ok"), tutorial(f"{site}/gone")
    tutorial(f"{site}/moved")  # in use, not selected: not asked
    proposal = tutorial_propose(
        user=make_user(),
        skill_uid=make_skill().uid,
        title="Proposé par un apprenant",
        link=f"{site}/no-head",
        source="Exemple",
        format="page",
        minutes=5,
    )
    client.force_login(make_user(group="Authors"))
    url = _bulk_check_url("tutorial", ok, gone, proposal)

    confirm = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    response = client.post(url, HTTP_ACCEPT_LANGUAGE="fr", follow=True)

    assert "Les liens de ces 3 éléments seront vérifiés" in confirm.content.decode()
    assert response.redirect_chain[-1][0] == "/admin/snippets/authoring/tutorial/"
    assert sorted(LinkCheck.objects.values_list("url", "status")) == [
        (f"{site}/gone", "broken"),
        (f"{site}/ok", "ok"),
    ]
    told = [str(message) for message in response.context["messages"]]
    assert (
        "1 lien n'est pas vérifié : son élément n'est pas encore en usage" in (told[0])
    )
    assert told[1].startswith("2 lien(s) vérifié(s) : 1 répondent")


def test_a_simulator_link_is_checked_from_the_challenge_listing(site, client):
    from tests.factories import make_user

    challenge = simulator(f"{site}/ok")
    client.force_login(make_user(group="Authors"))

    client.post(_bulk_check_url("challenge", challenge))

    assert LinkCheck.objects.get().url == f"{site}/ok"


def test_who_may_not_see_the_link_report_checks_nothing(site, client):
    from tests.factories import make_user

    item = tutorial(f"{site}/ok")
    client.force_login(make_user(group="Reviewers"))

    client.post(_bulk_check_url("tutorial", item))

    assert not LinkCheck.objects.exists()
