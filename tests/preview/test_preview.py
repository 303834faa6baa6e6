"""One renderer for learners and previews; try it; share links."""

import datetime
import re

import pytest
from django.core import signing
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from authoring.releases.snapshot import release_challenge
from preview.modes import present_draft
from preview.services import (
    share_link_create,
    share_link_revoke,
    share_token,
    try_token,
)
from tests.factories import build_challenge, make_challenge

pytestmark = pytest.mark.django_db

SOLUTIONS = {
    "QCU": ("1", "3"),
    "QCM": ("1,2", "3,4"),
    "QROC": ("Zanzibar", "Tombouctou"),
    "QROCM-ind": (
        "ville:\n- Zanzibar\ncp:\n- 99999",
        "ville:\n- Tombouctou\ncp: 11111",
    ),
    "QROCM-dep": (
        "a:\n- Zanzibar\nb:\n- Ouagadougou",
        "a: Tombouctou\nb: Valparaiso",
    ),
}


def learner_html(challenge) -> str:
    return render_to_string(
        "runtime/challenge_body.html", {"challenge": present_draft(challenge)}
    )


@pytest.mark.parametrize("type", sorted(SOLUTIONS))
def test_learner_html_carries_no_trace_of_the_solution(type):
    """Two solutions give byte-identical learner HTML; no accepted answer appears."""
    first, second = SOLUTIONS[type]

    html_first = learner_html(build_challenge(type=type, solution=first))
    html_second = learner_html(build_challenge(type=type, solution=second))

    assert html_first == html_second
    for word in ("Zanzibar", "Tombouctou", "Ouagadougou", "Valparaiso", "99999"):
        assert word not in html_first
    assert not re.search(r"data-(solution|correct|answer)", html_first)


def test_the_presenter_renders_fields_drop_downs_and_accessible_labels():
    """Fields become labelled inputs and drop-downs become selects."""
    challenge = build_challenge(
        type="QROCM-ind",
        proposals='Format : ${format options=["PNG","JPEG"]} taille ${t§Taille en Mo}',
        solution="format: PNG\nt: 3",
    )

    html = learner_html(challenge)

    assert '<select class="fr-select" id="field-format" name="answer-format">' in html
    assert '<option value="PNG">PNG</option>' in html
    label = '<label class="fr-label fr-sr-only" for="field-t">Taille en Mo</label>'
    assert label in html


def preview(challenge, mode):
    request = RequestFactory().get("/")
    return challenge.serve_preview(request, mode).render().content.decode()


def test_preview_modes_show_the_learner_view_the_solution_or_the_try_form():
    """Three modes: as a learner, with solution and tolerances, try it."""
    challenge = make_challenge(type="QROC", solution="Zanzibar")

    learner, solution, trying = (preview(challenge, m) for m in ("", "solution", "try"))

    assert "Zanzibar" not in learner
    assert "Zanzibar" in solution
    assert "t1, t2, t3" in solution
    assert 'name="token"' in trying
    assert "Vérifier ma réponse" in trying


def test_an_author_tries_the_preview_and_sees_which_tolerance_accepted(client, author):
    """The try endpoint checks with the challenge's spec and names the tolerance."""
    challenge = build_challenge(type="QROC", proposals="${rep}", solution="Zanzibar")
    token = try_token(release_challenge(challenge))
    client.force_login(author)

    ok = client.post("/admin/preview/try/", {"token": token, "answer-rep": "zanzibar"})
    ko = client.post("/admin/preview/try/", {"token": token, "answer-rep": "Paris"})

    assert 'data-result="ok"' in ok.content.decode()
    assert "acceptée grâce à T1 (casse, accents, espaces)" in ok.content.decode()
    assert 'data-result="ko"' in ko.content.decode()


def test_a_forged_try_token_is_refused(client, author):
    """The spec comes signed from the preview; a forged one is rejected."""
    client.force_login(author)
    forged = signing.dumps({"spec": {}}, salt="another")

    response = client.post("/admin/preview/try/", {"token": forged})

    assert response.status_code in (302, 403)


def test_a_share_link_works_logged_out_and_never_shows_the_solution(client, author):
    """Anyone with the link sees and tries the latest draft; no solution leaks."""
    challenge = make_challenge(type="QROC", proposals="${rep}", solution="Zanzibar")
    link = share_link_create(challenge=challenge, user=author)
    url = f"/preview/share/{share_token(link)}/"

    page = client.get(url)
    tried = client.post(url, {"answer-rep": "zanzibar"})

    assert page.status_code == 200
    assert "Zanzibar" not in page.content.decode()
    assert 'data-result="ok"' in tried.content.decode()
    assert "Zanzibar" not in tried.content.decode()


def test_a_revoked_or_expired_share_link_stops_working(client, author):
    """Revocation takes effect at once; expiry after the configured days."""
    challenge = make_challenge()
    revoked = share_link_create(challenge=challenge, user=author)
    expired = share_link_create(
        challenge=challenge,
        user=author,
        now=timezone.now() - datetime.timedelta(days=8),
    )

    share_link_revoke(link=revoked, user=author)

    assert client.get(f"/preview/share/{share_token(revoked)}/").status_code == 404
    assert client.get(f"/preview/share/{share_token(expired)}/").status_code == 404
    assert client.get("/preview/share/forged-token/").status_code == 404


def test_reviewers_cannot_create_share_links(reviewer):
    """Creating links is for people who can edit the challenge."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        share_link_create(challenge=make_challenge(), user=reviewer)


def test_shuffled_options_keep_their_numbers_and_a_stable_order():
    """Each learner gets a fixed order; values still name the authored option."""
    from dataclasses import replace

    from runtime.presentation.presenter import present_challenge
    from tests.factories import release_challenge as release_form

    data = release_form()

    orders = {
        seed: [n for n, _ in present_challenge(data, shuffle_seed=seed).choices]
        for seed in ("1:x", "2:x", "3:x")
    }
    again = [n for n, _ in present_challenge(data, shuffle_seed="1:x").choices]
    unshuffled = present_challenge(replace(data, shuffled=False), shuffle_seed="1:x")

    assert again == orders["1:x"]
    assert all(sorted(order) == [1, 2, 3, 4, 5] for order in orders.values())
    assert len({tuple(order) for order in orders.values()}) > 1
    assert [n for n, _ in unshuffled.choices] == [1, 2, 3, 4, 5]


def _shared_url(challenge, author) -> str:
    link = share_link_create(challenge=challenge, user=author)
    return f"/preview/share/{share_token(link)}/"


def test_only_a_draft_under_review_can_be_shared(client, author):
    """Validated or archived, a challenge is served to learners or kept for
    history: no link, a French message, nothing saved."""
    from authoring.models import Challenge
    from preview.models import ShareLink
    from preview.services import ShareLinkRefused

    validated = make_challenge(publish=True)
    archived = make_challenge()
    Challenge.objects.filter(pk=archived.pk).update(status="archived")
    archived.refresh_from_db()
    client.force_login(author)

    with pytest.raises(ShareLinkRefused) as refused:
        share_link_create(challenge=validated, user=author)
    page = client.post(f"/admin/preview/share-links/{archived.pk}/", follow=True)

    assert str(refused.value) == (
        "Un lien de partage ne se crée que pour une épreuve proposée, en cours "
        "de relecture : celle-ci est « Validé »."
    )
    text = page.content.decode()
    assert "celle-ci est « Archivé »." in text
    assert "Créer un lien" not in text
    assert ShareLink.objects.count() == 0


def test_a_link_stops_answering_once_its_challenge_is_validated(client, author):
    challenge = make_challenge(type="QROC", proposals="${rep}", solution="Zanzibar")
    url = _shared_url(challenge, author)
    before = client.get(url).status_code

    challenge.save_revision().publish()

    assert before == 200
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer-rep": "Zanzibar"}).status_code == 404


def test_without_workshop_access_a_share_link_tells_only_right_or_wrong(
    client, author, reviewer
):
    """One field right of two: anonymous people read « Mauvaise réponse » and
    nothing per field; a reviewer signed in sees each field's result."""
    challenge = make_challenge(
        type="QROCM-ind",
        proposals="Ville : ${ville}\nCode postal : ${cp}",
        solution="ville:\n- Zanzibar\ncp:\n- 99999",
    )
    url = _shared_url(challenge, author)
    answer = {"answer-ville": "Zanzibar", "answer-cp": "12345"}

    anonymous = client.post(url, answer).content.decode()
    client.force_login(reviewer)
    signed_in = client.post(url, answer).content.decode()

    assert 'data-result="ko"' in anonymous
    assert "Mauvaise réponse" in anonymous
    assert "<code>ville</code>" not in anonymous
    assert "<code>cp</code>" not in anonymous
    assert 'data-result="ko"' in signed_in
    assert "<code>ville</code> : identique à une réponse acceptée" in signed_in
    assert "<code>cp</code> : refusé" in signed_in


def test_a_share_link_answers_twenty_tries_an_hour_from_one_address(
    client, author, reviewer
):
    """The 21st anonymous try from an address is refused (429, in French);
    another address, and a reviewer signed in, still try."""
    challenge = make_challenge(type="QROC", proposals="${rep}", solution="Zanzibar")
    url = _shared_url(challenge, author)

    statuses = [
        client.post(url, {"answer-rep": f"essai {n}"}).status_code for n in range(20)
    ]
    refused = client.post(url, {"answer-rep": "Zanzibar"})
    elsewhere = client.post(url, {"answer-rep": "Zanzibar"}, REMOTE_ADDR="192.0.2.7")
    client.force_login(reviewer)
    signed_in = client.post(url, {"answer-rep": "Zanzibar"})

    assert statuses == [200] * 20
    assert refused.status_code == 429
    page = refused.content.decode()
    assert (
        "Trop d&#x27;essais avec ce lien depuis cet appareil. "
        "Réessayez dans 60 minutes."
    ) in page
    assert "data-result" not in page
    assert 'data-result="ok"' in elsewhere.content.decode()
    assert 'data-result="ok"' in signed_in.content.decode()
