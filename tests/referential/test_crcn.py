import pytest

from referential.models import Area, Competence

pytestmark = pytest.mark.django_db

EXPECTED = {
    "1.1": "Mener une recherche et une veille d'information",
    "1.2": "Gérer des données",
    "1.3": "Traiter des données",
    "2.1": "Interagir",
    "2.2": "Partager et publier",
    "2.3": "Collaborer",
    "2.4": "S'insérer dans le monde numérique",
    "3.1": "Développer des documents textuels",
    "3.2": "Développer des documents multimédia",
    "3.3": "Adapter les documents à leur finalité",
    "3.4": "Programmer",
    "4.1": "Sécuriser l'environnement numérique",
    "4.2": "Protéger les données personnelles et la vie privée",
    "4.3": "Protéger la santé, le bien-être et l'environnement",
    "5.1": "Résoudre des problèmes techniques",
    "5.2": "Construire un environnement numérique",
}


def test_the_migration_loads_the_five_areas():
    """The CRCN has five areas, coded 1 to 5."""
    assert list(Area.objects.values_list("code", "title")) == [
        ("1", "Information et données"),
        ("2", "Communication et collaboration"),
        ("3", "Création de contenu"),
        ("4", "Protection et sécurité"),
        ("5", "Environnement numérique"),
    ]


def test_the_migration_loads_the_sixteen_competences_with_their_titles():
    """Codes and titles are exactly those of the CRCN, each in its area."""
    competences = Competence.objects.select_related("area")

    assert {c.code: c.title for c in competences} == EXPECTED
    assert all(c.code.split(".")[0] == c.area.code for c in competences)


def test_each_competence_maps_to_digcomp():
    """The DigComp 2.2 correspondence is recorded for every competence."""
    mapping = {
        c.code: c.digcomp_codes()
        for c in Competence.objects.prefetch_related("digcomp")
    }

    assert mapping["1.1"] == "1.1, 1.2"
    assert mapping["2.4"] == "2.3, 2.6"
    assert mapping["5.2"] == "5.2, 5.3, 5.4"
    assert all(mapping.values())
