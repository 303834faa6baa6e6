"""Walk the pages of the journeys in French: no English or technical leftovers.

One start of the workbench (demo pack, demo accounts, first release), then the
pages a learner and each editorial role open, as the journeys go. Every page's
visible text (text nodes, titles, labels read aloud) is searched for the
leftovers users reported: English words, raw values, internal names.
"""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from authoring.models import Challenge, Hint, Tutorial
from referential.models import Skill
from runtime.certification.models import CertificationResult, CertificationSession
from runtime.certification.selectors import jury_sessions
from runtime.models import Assessment
from runtime.orga.models import Membership
from tests.factories import confirmation_path, pass_community_review

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[1] / "content" / "demo"

# What must never show: (pattern, what it is).
LEFTOVERS = [
    (r"\bReleases?\b", "« Release(s) » en anglais"),
    (r"Moderators approval|\bModerators\b|\bEditors\b", "groupe ou tâche Wagtail"),
    (r"\b(Authors|Reviewers|Validators|Administrators)\b", "nom de groupe anglais"),
    (r"\bNone\b", "valeur Python « None »"),
    (r"\b(True|False)\b", "booléen Python"),
    (r"\[Errno", "erreur système brute"),
    (r"\bun\(e\)", "« un(e) » de Wagtail"),
    (r"\bSkill\b", "« Skill » en anglais"),
    (r"\bCan (add|change|delete|view)\b", "nom de permission anglais"),
    (
        r"\b(tolerance_t\d|answer_format|declinaison_number|illustration_alt)\b",
        "nom de champ technique",
    ),
]
# Learners never see the referential's internal names (@rechercheMoteur1).
LEARNER_LEFTOVERS = [(r"@[a-z]+[A-Z0-9]\w*", "nom interne d'acquis")]

ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "value"}
SKIPPED_TAGS = {"script", "style", "template", "code", "pre", "textarea"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link"}
VOID_TAGS |= {"meta", "source", "track", "wbr"}


class _VisibleText(HTMLParser):
    """Collect the text a user reads or hears: text nodes and spoken attributes."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0
        # An element with the ``hidden`` attribute (and all it holds) is not
        # shown: Wagtail fills such placeholders by script before showing them.
        self.hidden_tag: str | None = None
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.hidden_tag:
            self.hidden_depth += tag == self.hidden_tag
            return
        if "hidden" in attributes and tag not in VOID_TAGS:
            self.hidden_tag, self.hidden_depth = tag, 1
            return
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        for name in ATTRIBUTES & set(attributes):
            if name == "value" and attributes.get("type") not in {"submit", "button"}:
                continue
            self.parts.append(attributes[name] or "")

    def handle_endtag(self, tag):
        if self.hidden_tag:
            if tag == self.hidden_tag:
                self.hidden_depth -= 1
                self.hidden_tag = self.hidden_tag if self.hidden_depth else None
            return
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and not self.hidden_tag:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def leftovers(html: str, patterns) -> list[str]:
    """Return 'what: excerpt' for every leftover found in the page's text."""
    text = visible_text(html)
    found = []
    for pattern, what in patterns:
        for match in re.finditer(pattern, text):
            start = max(match.start() - 40, 0)
            found.append(f"{what}: …{text[start : match.end() + 40]}…")
    return found


def test_the_detector_sees_leftovers_and_only_visible_ones():
    """The walk below can fail: it finds English in text, not in scripts."""
    page = (
        '<p>Releases</p><button aria-label="Skill">x</button>'
        "<script>var Releases = None;</script><p>Ajouter un(e) épreuve</p>"
    )

    assert [item.split(":")[0] for item in leftovers(page, LEFTOVERS)] == [
        "« Release(s) » en anglais",
        "« un(e) » de Wagtail",
        "« Skill » en anglais",
    ]
    assert leftovers("<p>Acquis @rechercheMoteur1</p>", LEARNER_LEFTOVERS)
    # A hidden placeholder is not read; what follows it is.
    hidden = "<div hidden><div>None</div> None</div><input hidden><p>None</p>"
    assert len(leftovers(hidden, LEFTOVERS)) == 1


class _Walk:
    def __init__(self, client):
        self.client = client
        self.problems: list[str] = []
        self.pages = 0

    def visit(self, url: str, patterns=LEFTOVERS, **kwargs):
        response = self.client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE="fr")
        self.pages += 1
        if response.status_code == 403:
            return response  # not this role's page
        if response.status_code != 200:
            self.problems.append(f"{url}: HTTP {response.status_code}")
            return response
        if "text/html" in response.get("Content-Type", ""):
            for problem in leftovers(response.content.decode(), patterns):
                self.problems.append(f"{url}: {problem}")
        return response


def _snippet(model, action: str, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def _admin_pages() -> list[str]:
    challenge = Challenge.objects.filter(live=True).first()
    hint, tutorial = Hint.objects.first(), Tutorial.objects.first()
    skill = Skill.objects.first()
    pages = [reverse("wagtailadmin_home")]
    for model, item in ((Challenge, challenge), (Hint, hint), (Tutorial, tutorial)):
        pages += [
            _snippet(model, "list"),
            _snippet(model, "add"),
            _snippet(model, "edit", item.pk),
            _snippet(model, "history", item.pk),
        ]
    pages += [
        _snippet(Challenge, "inspect", challenge.pk),
        _snippet(Skill, "list"),
        _snippet(Skill, "edit", skill.pk),
        reverse("referential:grid"),
        reverse("referential:history", args=["skill", skill.pk]),
        reverse("review:queue"),
        reverse("review_activity:index"),
        reverse("releases:index"),
        reverse("content_pack:index"),
        reverse("links:index"),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_workflows:task_index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailusers_groups:edit", args=[Group.objects.first().pk]),
        reverse("wagtailusers_users:index"),
        reverse(
            Challenge.snippet_viewset.get_url_name("revisions_compare"),
            kwargs={
                "pk": challenge.pk,
                "revision_id_a": "earliest",
                "revision_id_b": "latest",
            },
        ),
    ]
    return pages


def _orga_pages(walk: _Walk, client) -> None:
    """The demo school's pages, as its teacher opens them."""
    teacher = get_user_model().objects.get(username="enseignant")
    client.force_login(teacher)
    organisation = Membership.objects.filter(user=teacher).first().organisation_id
    walk.visit(reverse("orga_index"))
    for name in ("orga_home", "orga_learners", "orga_campaigns", "orga_profiles"):
        walk.visit(reverse(name, args=[organisation]))


def _certification_pages(walk: _Walk, client) -> None:
    """The demo certification's pages: candidate, certified learner, centre, jury."""
    users = get_user_model().objects
    patterns = LEFTOVERS + LEARNER_LEFTOVERS
    client.logout()
    for name in ("verify", "invigilator_unlock"):
        walk.visit(reverse(f"certification:{name}"), patterns)
    result = CertificationResult.objects.filter(published_at__isnull=False).first()
    walk.visit(
        reverse("certification:verify_code", args=[result.verification_code]),
        patterns,
    )
    client.force_login(result.test.candidate.user)
    walk.visit(reverse("certification:home"), patterns)
    walk.visit(reverse("certification:certificate", args=[result.pk]), patterns)
    client.force_login(users.get(username="candidate"))
    walk.visit(reverse("certification:home"), patterns)
    sessions = list(CertificationSession.objects.all())
    client.force_login(users.get(username="centre"))
    walk.visit(reverse("certification:centres"), patterns)
    walk.visit(reverse("certification:centre", args=[sessions[0].centre_id]), patterns)
    for session in sessions:
        for name in ("session", "session_edit", "candidate_import"):
            walk.visit(reverse(f"certification:{name}", args=[session.pk]), patterns)
    client.force_login(users.get(username="jury"))
    walk.visit(reverse("certification:jury"), patterns)
    judged = list(jury_sessions())
    assert judged, "the demo has a published session for the jury"
    for session in judged:
        walk.visit(reverse("certification:jury_session", args=[session.pk]), patterns)


def _learner_journey(walk: _Walk, client) -> None:
    patterns = LEFTOVERS + LEARNER_LEFTOVERS
    for url in ("learner_home", "signup", "login"):
        walk.visit(reverse(url), patterns)
    client.post(
        reverse("signup"),
        {
            "first_name": "Lou",
            "last_name": "Martin",
            "email": "lou@example.org",
            "password1": "un-mot-de-passe-solide",
            "password2": "un-mot-de-passe-solide",
        },
    )
    # The account exists once the e-mailed link is followed.
    walk.visit(reverse("signup_sent"), patterns)
    link = confirmation_path("lou@example.org")
    walk.visit(link, patterns)
    client.post(link)
    walk.visit(reverse("learner_home"), patterns)
    client.post(reverse("competence_start", args=["1.1"]))
    assessment = Assessment.objects.get(user__email="lou@example.org", state="started")
    for _ in range(60):
        page = walk.visit(reverse("assessment", args=[assessment.pk]), patterns)
        path = page.redirect_chain[-1][0] if page.redirect_chain else ""
        if "resultat" in path:
            break
        if "bilan" in path:
            client.post(reverse("assessment_checkpoint", args=[assessment.pk]))
            continue
        assessment.refresh_from_db()
        client.post(
            reverse("assessment_answer", args=[assessment.pk]),
            {"challenge": assessment.current_challenge, "skip": ""},
        )
    skill = assessment.release.content["skills"][0]["id"]
    walk.visit(f"{reverse('tutorial_proposal')}?skill={skill}", patterns)
    for url in ("my_tutorials", "learner_home"):
        walk.visit(reverse(url), patterns)


def test_every_page_of_the_journeys_speaks_french(client):
    call_command("first_start", pack=DEMO, stdout=io.StringIO())
    walk = _Walk(client)
    _learner_journey(walk, client)
    users = get_user_model().objects
    challenge = Challenge.objects.filter(live=True).first()
    challenge.save_revision(user=users.get(username="auteur"))
    challenge.get_workflow().start(challenge, users.get(username="auteur"))

    for username in ("auteur", "relecteur", "validateur", "admin"):
        client.force_login(users.get(username=username))
        for url in _admin_pages():
            walk.visit(url)
        walk.visit(reverse("review:item", args=[challenge.pk]))
    pass_community_review(challenge)
    client.force_login(users.get(username="validateur"))
    walk.visit(_snippet(Challenge, "edit", challenge.pk))

    _orga_pages(walk, client)
    _certification_pages(walk, client)

    assert walk.pages > 80
    assert "\n".join(sorted(set(walk.problems))) == ""
