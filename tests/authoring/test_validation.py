import pytest
from django.core.exceptions import ValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import build_challenge, make_challenge, make_skill

pytestmark = pytest.mark.django_db


def errors_of(challenge) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        challenge.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize("type", ["QCU", "QCM", "QROC", "QROCM-ind", "QROCM-dep"])
def test_a_well_formed_challenge_of_every_type_is_valid(type):
    """Each type's documented syntax passes the whole-challenge validation."""
    challenge = build_challenge(type=type)

    challenge.full_clean()


def test_a_drop_down_field_is_valid_when_its_answers_are_options():
    """${key options=[...]} declares a drop-down whose variants must be options."""
    challenge = build_challenge(
        type="QROCM-ind",
        proposals='Format : ${format options=["PNG","JPEG","GIF"]}',
        solution="format:\n- PNG",
    )

    challenge.full_clean()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"type": "QCU", "solution": "4"},
            "solution",
            "Option(s) 4 inexistante(s) : les propositions n'en comptent que 3.",
        ),
        (
            {"type": "QCU", "solution": "1,2"},
            "solution",
            "Un QCU n'a qu'une seule bonne option.",
        ),
        (
            {"type": "QCU", "solution": "Paris"},
            "solution",
            "La solution d'un QCU est le numéro d'une option, par exemple 2.",
        ),
        (
            {"type": "QCM", "solution": "1,5"},
            "solution",
            "Option(s) 5 inexistante(s) : les propositions n'en comptent que 4.",
        ),
        (
            {"type": "QCM", "proposals": "- seule"},
            "proposals",
            "Il faut au moins deux options, une par ligne (1 trouvée(s)).",
        ),
        ({"type": "QROC", "solution": "  \n "}, "solution", "La solution est vide."),
        (
            {"type": "QROCM-ind", "solution": "ville:\n- Paris\npays:\n- France"},
            "solution",
            "Aucune réponse acceptée pour le(s) champ(s) : cp.",
        ),
        (
            {"type": "QROCM-ind", "solution": "ville:\n- Paris\npays:\n- France"},
            "solution",
            "La solution cite des champs absents des propositions : pays.",
        ),
        (
            {"type": "QROCM-dep", "solution": "a:\n- rouge\nb rouge"},
            "solution",
            "Ligne(s) 3 illisible(s) : écrivez « clé: » puis une ligne « - variante » "
            "par réponse acceptée.",
        ),
        (
            {
                "type": "QROC",
                "proposals": '${r options=["Oui","Non"]}',
                "solution": "Peut-être",
            },
            "solution",
            "Le champ déroulant r ne propose pas : Peut-être.",
        ),
        (
            {"type": "QROC", "proposals": "${a} ${b}"},
            "proposals",
            "Un QROC n'a qu'un champ (2 trouvés) : utilisez un QROCM.",
        ),
        (
            {"embed_url": "http://example.org/sim", "embed_title": "Simulateur"},
            "embed_url",
            "Le simulateur doit être servi en https.",
        ),
        ({"timer": 0}, "timer", "Le minuteur doit durer au moins 1 seconde."),
        ({"timer": -5}, "timer", "Le minuteur doit durer au moins 1 seconde."),
        ({"locales": []}, "locales", "Choisissez au moins une langue."),
    ],
)
def test_inconsistent_challenges_are_rejected_with_a_field_message(
    overrides, field, message
):
    """The whole challenge is checked and each problem names its field in French."""
    challenge = build_challenge(**overrides)

    assert message in errors_of(challenge)[field]


def test_an_illustration_needs_alternative_text():
    """An image without alt text is refused."""
    image = Image.objects.create(title="Capture", file=get_test_image_file())
    challenge = build_challenge(illustration=image, illustration_alt=" ")

    assert errors_of(challenge)["illustration_alt"] == [
        "Une illustration doit avoir un texte alternatif."
    ]


def test_a_declinaison_must_share_its_prototype_skill():
    """A déclinaison whose prototype tests another skill is refused."""
    prototype = make_challenge()
    declinaison = build_challenge(prototype=prototype, skill=make_skill())

    assert errors_of(declinaison)["prototype"] == [
        "Le prototype porte sur un autre acquis que cette épreuve."
    ]


def test_a_declinaison_of_a_declinaison_is_refused():
    """Déclinaisons hang off a prototype, never off another déclinaison."""
    prototype = make_challenge()
    first = make_challenge(prototype=prototype, skill=prototype.skill)
    second = build_challenge(prototype=first, skill=prototype.skill)

    assert errors_of(second)["prototype"] == [
        "Ce prototype est lui-même une déclinaison."
    ]


def test_the_check_spec_follows_the_challenge():
    """A challenge converts itself to the checker's spec in one place."""
    challenge = build_challenge(
        type="QROCM-dep",
        tolerance_t3=False,
        timer=60,
        partial_min=1,
        partial_max=2,
    )

    assert challenge.to_check_spec() == {
        "type": "QROCM-dep",
        "solutions": {"a": ["rouge", "vert"], "b": ["rouge", "vert"]},
        "tolerances": ["t1", "t2"],
        "format": "words",
        "block_types": {"a": "text", "b": "text"},
        "scoring": {"min": 1, "max": 2},
        "timer": 60,
    }
