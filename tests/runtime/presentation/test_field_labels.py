"""Each blank of a fill-in challenge has a spoken name: its label, else its number."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from runtime.presentation.presenter import present_challenge
from tests.factories import release_challenge


def spoken_labels(proposals: str) -> dict[str, str]:
    """Render the learner's challenge and return {input id: its label's text}."""
    challenge = release_challenge(type="QROCM-ind", proposals=proposals)
    html = render_to_string(
        "runtime/challenge_body.html", {"challenge": present_challenge(challenge)}
    )
    labels = dict(re.findall(r'<label[^>]*for="(field-[^"]+)">([^<]*)</label>', html))
    ids = re.findall(r'<(?:input|select)[^>]* id="(field-[^"]+)"', html)
    assert sorted(labels) == sorted(ids)  # every field is labelled
    return labels


def test_blanks_after_text_are_numbered_from_one():
    labels = spoken_labels("Ville : ${ville}\nPays : ${pays}\nRégion : ${region}")

    assert labels == {
        "field-ville": "Réponse 1",
        "field-pays": "Réponse 2",
        "field-region": "Réponse 3",
    }


def test_blanks_count_only_blanks_whatever_the_text_between():
    labels = spoken_labels("${a}, puis ${b} et enfin\n\n- ${c}")

    assert labels == {
        "field-a": "Réponse 1",
        "field-b": "Réponse 2",
        "field-c": "Réponse 3",
    }


def test_a_named_blank_keeps_its_name_and_the_others_their_place():
    labels = spoken_labels(
        "Taille : ${taille#Mo} Nom : ${nom§Nom du fichier} Type : ${type}"
    )

    assert labels == {
        "field-taille": "Mo",
        "field-nom": "Nom du fichier",
        "field-type": "Réponse 3",
    }


def test_the_numbered_name_is_in_the_learner_s_language():
    with translation.override("en"):
        labels = spoken_labels("Ville : ${ville} Pays : ${pays§Country}")

    assert labels == {"field-ville": "Answer 1", "field-pays": "Country"}
