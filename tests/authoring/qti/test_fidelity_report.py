"""QTI 3.0 export: the fidelity report lists what QTI cannot express."""

import pytest

from tests.factories import make_challenge

from .helpers import export

pytestmark = pytest.mark.django_db


def test_the_fidelity_report_lists_everything_qti_cannot_express():
    """Tolerances, format, timer, focus, embed, partial, metadata: all listed."""
    prototype = make_challenge(type="QROCM-dep")
    challenge = make_challenge(
        type="QROCM-dep",
        skill=prototype.skill,
        prototype=prototype,
        declinaison_number=2,
        answer_format="number",
        partial_min=1,
        partial_max=2,
        timer=60,
        focused=True,
        embed_url="https://simulateur.example.org/tableur",
        embed_title="Tableur",
        embed_height=400,
        locales=["fr-fr", "en"],
        pedagogy="practice",
        accessibility_blind="KO",
        difficulty=1.5,
        discrimination=0.8,
    )

    _package, report = export([challenge])

    assert report.items[0].notes == [
        "T1 approchée : la correspondance QTI ignore la casse (case-sensitive=false) "
        "mais ni les accents ni les espaces.",
        "T2 perdue : la ponctuation n'est pas ignorée en QTI.",
        "T3 perdue : les fautes de frappe (distance de Levenshtein) sont refusées.",
        "Format nombre approché : les réponses sont comparées comme nombres "
        "flottants (base-type float) ; la virgule décimale et les espaces entre "
        "chiffres dépendent de la plateforme QTI.",
        "Correspondance sans ordre (QROCM-dep) approchée : toutes les affectations "
        "des champs aux groupes de solutions sont énumérées et deux champs ne "
        "peuvent avoir la même réponse, mais l'identité des réponses après "
        "tolérances n'est pas reproduite.",
        "Réussite partielle perdue (1 à 2 champs justes) : le score QTI vaut 0 ou 1.",
        "Minuteur de 60 s perdu : en QTI, les limites de temps (qti-time-limits) se "
        "fixent dans le test, pas dans l'item.",
        "Épreuve focalisée perdue : la sortie de page n'est pas détectée.",
        "Simulateur intégré perdu : Tableur "
        "(https://simulateur.example.org/tableur, hauteur 400 px).",
        "Pédagogie « Tâche pratique » perdue.",
        "Langues supplémentaires perdues : en (xml:lang n'en porte qu'une).",
        "Compatibilité d'accessibilité perdue : non-voyants KO.",
        f"Lien de déclinaison perdu : déclinaison n° 2 du prototype {prototype.uid}.",
        "Calibration perdue : difficulté b = 1.5, discrimination a = 0.8.",
    ]


def test_a_drop_down_only_challenge_reports_no_tolerance_loss():
    """Tolerances never apply to drop-downs, so nothing about them is lost."""
    challenge = make_challenge(
        type="QROC", proposals='${r options=["A","B"]}', solution="A"
    )

    _package, report = export([challenge])

    assert report.items[0].notes == ["Pédagogie « Question de connaissance » perdue."]
