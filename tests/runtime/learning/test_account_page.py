"""The learner's account: log in by e-mail, change it and the password, export
everything, delete the account with answers kept anonymised."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from runtime.models import (
    Answer,
    Assessment,
    KnowledgeElement,
    ProblemReport,
    TutorialBookmark,
)
from tests.factories import make_user
from tests.runtime.api.flow import make_single

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-solide-42"


def _login(client, username, password=PASSWORD):
    return client.post(
        reverse("login"), {"username": username, "password": password}, follow=True
    )


@pytest.fixture
def learner(client):
    """A learner who answered one question, saved a tutorial and reported."""
    make_single(type="QCU", solution="2")
    user = make_user(username="lou@example.org", email="lou@example.org")
    client.force_login(user)
    client.post(reverse("competence_start", args=["2.1"]))
    assessment = Assessment.objects.get()
    client.get(reverse("assessment", args=[assessment.pk]))
    assessment.refresh_from_db()
    challenge = assessment.current_challenge
    client.post(
        reverse("assessment_answer", args=[assessment.pk]),
        {"challenge": challenge, "answer": "3"},
    )
    tutorial = assessment.release.content["tutorials"][0]["id"]
    client.post(reverse("tutorial_bookmark", args=[tutorial, "saved"]))
    client.post(
        reverse("report_problem", args=[challenge]),
        {"category": "question", "comment": "La consigne est ambiguë."},
    )
    return user


def test_the_login_form_asks_for_the_e_mail_and_takes_it(client):
    make_user(username="lea", email="lea@example.org")

    page = client.get(reverse("login")).content.decode()
    logged = _login(client, "LEA@example.org")

    assert '<label class="fr-label" for="id_username">Adresse e-mail' in page
    assert "Nom d&#x27;utilisateur" not in page
    assert logged.context["user"].username == "lea"


def _link(message) -> str:
    return re.search(r"https?://\S+/compte/e-mail/confirmer/\S+/", message.body)[0]


def test_a_new_address_changes_once_its_link_is_followed(client, learner):
    url = reverse("account_email")
    wrong = client.post(url, {"email-email": "new@example.org", "email-password": "x"})
    same = client.post(
        url, {"email-email": "Lou@Example.org", "email-password": PASSWORD}
    )
    asked = client.post(
        url, {"email-email": "New@Example.org", "email-password": PASSWORD}
    )
    learner.refresh_from_db()
    unchanged = learner.email
    [sent] = mail.outbox
    link = _link(sent)
    page = client.get(link)
    done = client.post(link, follow=True)
    again = client.get(link)
    client.logout()

    learner.refresh_from_db()
    assert wrong.status_code == 400
    assert "Ce mot de passe n&#x27;est pas le bon." in wrong.content.decode()
    assert same.status_code == 400
    assert "C&#x27;est déjà l&#x27;adresse de votre compte." in same.content.decode()
    assert asked.url == reverse("account")
    assert unchanged == "lou@example.org"
    assert sent.to == ["new@example.org"]
    assert page.status_code == 200
    assert "Votre compte utilisera l'adresse new@example.org" in page.content.decode()
    assert "Votre adresse e-mail a été changée." in done.content.decode()
    assert (learner.email, learner.username) == ("new@example.org", "new@example.org")
    [_, notice] = mail.outbox
    assert notice.to == ["lou@example.org"]
    assert "new@example.org" in notice.body
    # It served: the account's address changed, so the link no longer works.
    assert again.status_code == 404
    assert "n&#x27;est plus valable" in again.content.decode()
    assert _login(client, "new@example.org").context["user"].is_authenticated


def test_a_taken_address_is_answered_as_a_free_one_and_its_owner_told(client, learner):
    make_user(username="pris", email="taken@example.org")
    url = reverse("account_email")

    taken = client.post(
        url, {"email-email": "taken@example.org", "email-password": PASSWORD},
        follow=True,
    )  # fmt: skip
    learner.refresh_from_db()

    assert "Un lien de confirmation a été envoyé à taken@example.org" in (
        taken.content.decode()
    )
    assert "existe déjà" not in taken.content.decode()
    assert learner.email == "lou@example.org"
    [note] = mail.outbox
    assert note.to == ["taken@example.org"]
    assert "Elle est déjà celle de votre compte : rien n'a changé." in note.body
    assert "/compte/e-mail/confirmer/" not in note.body


def test_a_link_works_only_for_its_account_unaltered_and_before_a_password_change(
    client, learner
):
    client.post(
        reverse("account_email"),
        {"email-email": "new@example.org", "email-password": PASSWORD},
    )
    link = _link(mail.outbox[0])
    other = make_user(username="autre", email="autre@example.org")
    client.force_login(other)
    foreign = client.post(link)
    client.force_login(learner)
    tampered = client.get(link[:-3] + "xx/")
    learner.set_password("un-autre-mot-de-passe-7")
    learner.save()
    client.force_login(learner)
    after_password = client.post(link)

    learner.refresh_from_db()
    other.refresh_from_db()
    assert foreign.status_code == 404
    assert tampered.status_code == 404
    assert after_password.status_code == 404
    assert (learner.email, other.email) == ("lou@example.org", "autre@example.org")


def test_an_address_taken_before_the_link_is_followed_is_refused(client, learner):
    client.post(
        reverse("account_email"),
        {"email-email": "new@example.org", "email-password": PASSWORD},
    )
    link = _link(mail.outbox[0])
    make_user(username="rapide", email="new@example.org")

    response = client.post(link, follow=True)

    learner.refresh_from_db()
    assert "Un compte existe déjà avec cette adresse." in response.content.decode()
    assert learner.email == "lou@example.org"


def test_a_learner_changes_their_password_and_stays_signed_in(client, learner):
    response = client.post(
        reverse("account_password"),
        {
            "password-old_password": PASSWORD,
            "password-new_password1": "un-autre-mot-de-passe-7",
            "password-new_password2": "un-autre-mot-de-passe-7",
        },
        follow=True,
    )
    client.logout()

    assert "Votre mot de passe a été changé." in response.content.decode()
    assert response.context["user"].is_authenticated
    assert (
        _login(client, "lou@example.org", "un-autre-mot-de-passe-7")
        .context["user"]
        .is_authenticated
    )


def test_the_export_holds_all_the_learners_data_and_only_theirs(client, learner):
    other = make_user()
    other_test = Assessment.objects.create(
        user=other, competence="2.1", release=Assessment.objects.get().release
    )

    response = client.get(reverse("account_export"))
    data = json.loads(response.content)

    assert response["Content-Disposition"].startswith("attachment;")
    assert data["account"]["email"] == "lou@example.org"
    assert [test["competence"] for test in data["assessments"]] == ["2.1"]
    assert other_test.pk not in [test["id"] for test in data["assessments"]]
    answers = data["assessments"][0]["answers"]
    assert [(a["answer"], a["result"]) for a in answers] == [("3", "ko")]
    assert [e["status"] for e in data["knowledge"]] == ["invalidated"]
    assert [(t["saved"], t["title"]) for t in data["tutorials"]] == [
        (True, "Lire une consigne")
    ]
    assert [r["comment"] for r in data["problem_reports"]] == [
        "La consigne est ambiguë."
    ]


def test_deleting_the_account_keeps_the_answers_anonymised(client, learner):
    answers = list(Answer.objects.values_list("pk", "result"))
    page = client.get(reverse("account_delete")).content.decode()
    refused = client.post(reverse("account_delete"), {"password": "pas le bon"})
    kept_after_refusal = get_user_model().objects.filter(pk=learner.pk).exists()

    done = client.post(reverse("account_delete"), {"password": PASSWORD}, follow=True)

    assert "Ce qui est conservé, sans lien avec vous" in page
    assert refused.status_code == 400
    assert kept_after_refusal
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    assert list(Answer.objects.values_list("pk", "result")) == answers
    assert list(Assessment.objects.values_list("user", "state")) == [
        (None, "completed")
    ]
    assert not KnowledgeElement.objects.exists()
    assert not TutorialBookmark.objects.exists()
    assert list(ProblemReport.objects.values_list("user", flat=True)) == [None]
    assert not done.context["user"].is_authenticated
    assert "Votre compte a été supprimé." in done.content.decode()


def test_an_editor_is_sent_to_an_administrator(client):
    editor = make_user(group="Authors")
    client.force_login(editor)

    response = client.post(
        reverse("account_delete"), {"password": PASSWORD}, follow=True
    )

    assert get_user_model().objects.filter(pk=editor.pk).exists()
    assert "demandez sa suppression à un administrateur" in response.content.decode()


def test_the_personal_data_page_says_what_is_kept_and_why(client):
    page = client.get(reverse("personal_data")).content.decode()

    assert "Conservés sans aucun lien avec vous (anonymisés)" in page
    assert "calibrage" in page


def test_the_account_pages_need_a_login(client):
    for name in ("account", "account_export", "account_delete"):
        response = client.get(reverse(name))
        assert response.url.startswith(reverse("login")), name


def test_requests_for_one_address_are_limited(client, learner):
    url = reverse("account_email")
    data = {"email-email": "new@example.org", "email-password": PASSWORD}

    answers = [client.post(url, data) for _ in range(6)]

    assert [answer.status_code for answer in answers] == [302] * 5 + [400]
    assert "Trop de demandes pour cette adresse" in answers[-1].content.decode()
    assert len(mail.outbox) == 5
