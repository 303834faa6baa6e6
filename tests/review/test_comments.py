"""Comment threads of the review: challenges, hints and tutorials alike."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse

from authoring.models import Hint, Tutorial
from review.models import ReviewComment
from review.selectors import item_comments
from tests.factories import (
    make_challenge,
    make_hint,
    make_skill,
    make_tutorial,
    make_user,
)

pytestmark = pytest.mark.django_db


def hint_by(author) -> Hint:
    hint = Hint(skill=make_skill(), text="Relisez la consigne.")
    hint.save()
    hint.save_revision(user=author)
    return hint


def tutorial_by(author) -> Tutorial:
    return make_tutorial(user=author)


def page_of(obj) -> str:
    if isinstance(obj, Hint | Tutorial):
        return reverse("review:other_item", args=[obj._meta.model_name, obj.pk])
    return reverse("review:item", args=[obj.pk])


def comment_url(obj) -> str:
    if isinstance(obj, Hint | Tutorial):
        return reverse("review:other_comment", args=[obj._meta.model_name, obj.pk])
    return reverse("review:comment", args=[obj.pk])


@pytest.mark.parametrize(
    "make_item", [lambda a: make_challenge(user=a), hint_by, tutorial_by]
)
def test_reviewer_and_author_discuss_in_a_thread(
    client, author, reviewer, make_item, django_capture_on_commit_callbacks
):
    """A comment, the author's reply, a reply to that reply: one thread, in order.

    Once committed, the author hears of the comment, the reviewer of the reply
    to theirs.
    """
    item = make_item(author)
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(reviewer)
        client.post(comment_url(item), {"text": "Le niveau 3 me semble élevé."})
        thread = ReviewComment.objects.get()
        client.force_login(author)
        client.post(
            comment_url(item), {"text": "Je vise le niveau 3.", "parent": thread.pk}
        )
        reply = ReviewComment.objects.latest("pk")
        client.force_login(reviewer)
        answer = client.post(
            comment_url(item), {"text": "D'accord, merci.", "parent": reply.pk}
        )
    page = client.get(page_of(item)).content.decode()

    assert answer.status_code == 302
    assert answer["Location"] == f"{page_of(item)}#commentaires"
    assert [c.text for c in thread.replies.all()] == [
        "Je vise le niveau 3.",
        "D'accord, merci.",
    ]
    assert (
        page.index("Le niveau 3 me semble élevé.")
        < page.index("Je vise le niveau 3.")
        < page.index("D&#x27;accord, merci.")
    )
    assert [message.to for message in mail.outbox] == [
        [author.email],  # the reviewer's comment
        [reviewer.email],  # the author answers the reviewer
        [author.email],  # the reviewer answers the author
    ]
    assert "Le niveau 3 me semble élevé." in mail.outbox[0].body


def test_the_author_of_the_reply_answered_hears_of_it(
    client, author, reviewer, django_capture_on_commit_callbacks
):
    """In a thread the item's author started, a third person answers the
    reviewer's reply: the reviewer and the item's author are told."""
    challenge = make_challenge(
        user=author, instruction="Première ligne.\nQuelle est la capitale ?"
    )
    other = make_user(group="Reviewers")
    client.force_login(author)
    client.post(comment_url(challenge), {"text": "Des avis ?"})
    client.force_login(reviewer)
    client.post(
        comment_url(challenge),
        {"text": "Oui.", "parent": ReviewComment.objects.get().pk},
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(other)
        response = client.post(
            comment_url(challenge),
            {"text": "Pourquoi ?", "parent": ReviewComment.objects.latest("pk").pk},
        )

    assert response.status_code == 302
    assert mail.outbox[0].to == sorted([author.email, reviewer.email])
    assert "\n" not in mail.outbox[0].subject


def test_a_thread_belongs_to_one_kind_of_item(client, reviewer):
    """A hint's comment never shows on the challenge that has the same id."""
    challenge = make_challenge()
    hint = make_hint()
    ReviewComment.objects.create(
        content_type=ContentType.objects.get_for_model(Hint),
        object_id=str(challenge.pk),  # a hint with the challenge's id
        revision=hint.latest_revision,
        author=reviewer,
        text="Sur un indice.",
    )
    client.force_login(reviewer)

    page = client.get(page_of(challenge)).content.decode()
    refused = client.post(
        comment_url(challenge),
        {"text": "Réponse", "parent": ReviewComment.objects.get().pk},
    )

    assert "Sur un indice." not in page
    assert ReviewComment.objects.count() == 1
    assert "Le commentaire auquel vous répondez n&#x27;existe plus." in (
        client.get(refused["Location"]).content.decode()
    )


def test_an_empty_comment_is_refused_with_a_message(client, reviewer):
    challenge = make_challenge()
    client.force_login(reviewer)

    response = client.post(comment_url(challenge), {"text": "   "}, follow=True)

    assert ReviewComment.objects.count() == 0
    assert "Le commentaire est vide." in response.content.decode()


def test_comments_on_an_earlier_revision_are_marked(client, author, reviewer):
    """The author saved a new version since: the comment says it was on the old one."""
    challenge = make_challenge(user=author)
    client.force_login(reviewer)
    client.post(comment_url(challenge), {"text": "Consigne ambiguë."})
    challenge.save_revision(user=author)

    comments = item_comments(type(challenge).objects.get(pk=challenge.pk))
    page = client.get(page_of(challenge)).content.decode()

    assert [comment.outdated for comment in comments] == [True]
    assert "version précédente" in page


def test_people_who_cannot_see_challenges_cannot_comment(client):
    """Admin access without the right to see challenges: refused, nothing kept."""
    from django.contrib.auth.models import Permission

    challenge = make_challenge()
    editor = make_user()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    response = client.post(comment_url(challenge), {"text": "Bonjour"})

    assert response["Location"] == reverse("wagtailadmin_home")  # Wagtail's refusal
    assert ReviewComment.objects.count() == 0


@pytest.mark.parametrize("threads", [1, 6])
def test_threads_are_read_in_two_queries(reviewer, threads, django_assert_num_queries):
    challenge = make_challenge()
    for number in range(threads):
        root = ReviewComment.objects.create(
            content_type=ContentType.objects.get_for_model(challenge),
            object_id=str(challenge.pk),
            revision=challenge.latest_revision,
            author=reviewer,
            text=f"Fil {number}",
        )
        ReviewComment.objects.create(
            content_type=root.content_type,
            object_id=root.object_id,
            revision=root.revision,
            author=make_user(),
            text="Réponse",
            parent=root,
        )

    with django_assert_num_queries(2):
        comments = item_comments(challenge)
        authors = [str(r.author) for c in comments for r in c.replies.all()]

    assert len(comments) == threads
    assert len(authors) == threads
