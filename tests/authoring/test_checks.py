import pytest
from rapidfuzz import fuzz

from authoring.checks import (
    CHALLENGE_CHECKS,
    TUTORIAL_CHECKS,
    CheckResult,
    accepted_answers_pass_checker,
    answer_given_away,
    blocking_failures,
    embed_is_https,
    find_typography_issues,
    fix_challenge_typography,
    fix_french_typography,
    french_typography,
    illustration_has_alt,
    near_duplicate_statement,
    run_challenge_checks,
    solution_matches_proposals,
    tutorial_link_is_https,
)
from authoring.checks.statement_checks import normalised_statement
from authoring.enums import ContentStatus
from authoring.models import Challenge, Tutorial
from tests.factories import build_challenge, make_challenge, make_skill

NB = "\u00a0"  # no-break space: before : and », after «
NN = "\u202f"  # narrow no-break space: before ; ! ?

MEAN = (
    "Dans le tableur, quelle fonction calcule la moyenne des valeurs de la "
    "colonne B pour les ventes de mars ?"
)
MEAN_91 = MEAN.replace(
    "colonne B pour les ventes de mars", "colonne D pour les achats de juin"
)
MEAN_89 = MEAN.replace("la moyenne", "le maximum").replace("ventes", "achats")


def challenge(**overrides) -> Challenge:
    """Return an unsaved challenge without a skill: no database needed."""
    return build_challenge(skill=None, **overrides)


def failed(code, message, *, blocking, field) -> CheckResult:
    return CheckResult(code, False, blocking, message, field)


def passed(code, message, *, blocking) -> CheckResult:
    return CheckResult(code, passed=True, blocking=blocking, message=message)


def test_the_registry_names_every_check_in_order():
    """Checks run in a stable order; tutorials have their own registry."""
    assert list(CHALLENGE_CHECKS) == [
        "solution_matches_proposals",
        "accepted_answers_pass_checker",
        "illustration_has_alt",
        "embed_is_https",
        "embed_answers",
        "level_worth_eight_pix",
        "french_typography",
        "near_duplicate_statement",
        "answer_given_away",
    ]
    assert list(TUTORIAL_CHECKS) == ["tutorial_link_answers", "tutorial_link_is_https"]


def test_a_solution_that_matches_its_proposals_passes():
    assert solution_matches_proposals(challenge(type="QCM")) == passed(
        "solution_matches_proposals",
        "La solution est lisible et correspond aux propositions.",
        blocking=True,
    )


def test_a_solution_naming_a_missing_option_blocks():
    """The format error is quoted so the validator sees why."""
    result = solution_matches_proposals(challenge(type="QCU", solution="4"))

    assert result == failed(
        "solution_matches_proposals",
        "La solution ne correspond pas aux propositions : Option(s) 4 inexistante(s) "
        ": les propositions n'en comptent que 3.",
        blocking=True,
        field="solution",
    )


@pytest.mark.parametrize("type", ["QROC", "QROCM-ind", "QROCM-dep"])
def test_every_accepted_answer_passes_the_checker(type):
    assert accepted_answers_pass_checker(challenge(type=type)) == passed(
        "accepted_answers_pass_checker",
        "Chaque réponse acceptée est reconnue par la correction.",
        blocking=True,
    )


def test_dependent_fields_whose_only_answers_are_equal_block():
    """QROCM-dep counts one answer once: "rouge" twice can never be right."""
    result = accepted_answers_pass_checker(
        challenge(type="QROCM-dep", solution="a: rouge\nb: rouge")
    )

    assert result == failed(
        "accepted_answers_pass_checker",
        "Ces réponses acceptées seraient refusées par la correction : "
        "« rouge » (a), « rouge » (b).",
        blocking=True,
        field="solution",
    )


def test_the_checker_check_does_not_apply_to_choices_or_broken_solutions():
    assert accepted_answers_pass_checker(challenge(type="QCU")) is None
    assert (
        accepted_answers_pass_checker(challenge(type="QROCM-ind", solution="?")) is None
    )


def test_an_illustration_with_alt_text_passes_and_none_is_not_checked():
    result = illustration_has_alt(challenge(illustration_id=1, illustration_alt="Logo"))

    assert result == passed(
        "illustration_has_alt", "L'illustration a un texte alternatif.", blocking=True
    )
    assert illustration_has_alt(challenge()) is None


def test_an_illustration_without_alt_text_blocks():
    result = illustration_has_alt(challenge(illustration_id=1, illustration_alt=" "))

    assert result == failed(
        "illustration_has_alt",
        "Une illustration doit avoir un texte alternatif.",
        blocking=True,
        field="illustration_alt",
    )


def test_an_https_embed_passes_and_an_http_one_blocks():
    safe = challenge(embed_url="https://simulateur.example.org/")
    unsafe = challenge(embed_url="http://simulateur.example.org/")

    assert embed_is_https(safe) == passed(
        "embed_is_https", "Le simulateur est servi en https.", blocking=True
    )
    assert embed_is_https(unsafe) == failed(
        "embed_is_https",
        "Le simulateur doit être servi en https.",
        blocking=True,
        field="embed_url",
    )
    assert embed_is_https(challenge()) is None


def test_a_tutorial_link_must_be_https():
    safe = Tutorial(link="https://pix.fr/tutoriel")
    unsafe = Tutorial(link="http://pix.fr/tutoriel")

    assert tutorial_link_is_https(safe) == passed(
        "tutorial_link_is_https", "Le lien du tutoriel est en https.", blocking=True
    )
    assert tutorial_link_is_https(unsafe) == failed(
        "tutorial_link_is_https",
        "Le lien du tutoriel doit être en https.",
        blocking=True,
        field="link",
    )


def test_french_typography_passes_with_no_break_spaces():
    result = french_typography(challenge(instruction=f"Quelle est la capitale{NN}?"))

    assert result == passed(
        "french_typography", "La typographie française est respectée.", blocking=False
    )


def test_french_typography_reports_every_place_without_blocking():
    """Places are field, line and column of the mark; the fix comes on save."""
    result = french_typography(challenge(type="QROCM-ind"))

    assert result == failed(
        "french_typography",
        "Espaces insécables à poser (typographie française), ajoutées "
        "automatiquement à l'enregistrement : consigne, ligne 1, colonne 37 : « ? » "
        "; propositions, ligne 1, colonne 7 : « : » ; propositions, ligne 2, "
        "colonne 13 : « : ».",
        blocking=False,
        field="instruction",
    )


def test_english_challenges_are_not_held_to_french_typography():
    english = challenge(locales=["en"], instruction="What is the capital?")

    assert french_typography(english) is None
    assert fix_challenge_typography(english) == 0


def test_fix_challenge_typography_fixes_the_statement_fields_in_place():
    qrocm = challenge(type="QROCM-ind", solution="ville: Paris\ncp: 75001")

    count = fix_challenge_typography(qrocm)

    assert count == 3
    assert qrocm.instruction == f"Quelle est la capitale de la France{NN}?"
    assert qrocm.proposals == f"Ville{NB}: ${{ville}}\nCode postal{NB}: ${{cp#75000}}"
    assert qrocm.solution == "ville: Paris\ncp: 75001"


def test_the_near_duplicate_examples_are_at_91_and_89_percent():
    """The examples below sit on either side of the 90 % threshold."""
    mean, near, far = map(normalised_statement, (MEAN, MEAN_91, MEAN_89))

    assert fuzz.ratio(mean, near) == pytest.approx(91.18, abs=0.01)
    assert fuzz.ratio(mean, far) == pytest.approx(89.22, abs=0.01)


def test_a_statement_89_percent_similar_to_a_sibling_passes():
    sibling = challenge(uid="ch-maximum", instruction=MEAN_89)

    result = near_duplicate_statement(challenge(instruction=MEAN), siblings=[sibling])

    assert result == passed(
        "near_duplicate_statement",
        "Aucune autre épreuve du même acquis n'a une consigne presque identique.",
        blocking=False,
    )


def test_a_statement_91_percent_similar_to_a_sibling_is_flagged_with_its_uid():
    siblings = [
        challenge(uid="ch-maximum", instruction=MEAN_89),
        challenge(uid="ch-juin", instruction=MEAN_91),
    ]

    result = near_duplicate_statement(challenge(instruction=MEAN), siblings=siblings)

    assert result == failed(
        "near_duplicate_statement",
        "Consigne presque identique à celle d'une autre épreuve du même acquis : "
        "ch-juin (similarité 91 %).",
        blocking=False,
        field="instruction",
    )


def test_an_instruction_without_the_answer_passes_and_choices_are_skipped():
    assert answer_given_away(challenge(type="QROC")) == passed(
        "answer_given_away",
        "La consigne ne contient aucune réponse acceptée.",
        blocking=False,
    )
    assert answer_given_away(challenge(type="QCU", instruction="Paris ?")) is None


def test_an_instruction_that_spells_out_an_answer_is_flagged():
    """Whole words only, ignoring case: "parisien" does not give "Paris" away."""
    given_away = challenge(
        type="QROCM-ind",
        instruction="Le parisien sait que PARIS a pour code 75001 : écrivez-les.",
    )

    result = answer_given_away(given_away)

    assert result == failed(
        "answer_given_away",
        "La consigne contient mot pour mot des réponses acceptées : "
        "« Paris », « 75001 ».",
        blocking=False,
        field="instruction",
    )


def test_answers_shorter_than_three_characters_and_drop_downs_are_ignored():
    short = challenge(type="QROC", instruction="Écrivez « Go ».", solution="Go")
    drop_down = challenge(
        type="QROC",
        instruction="PNG ou JPEG ?",
        proposals='${format options=["PNG","JPEG"]}',
        solution="PNG",
    )

    assert answer_given_away(short).passed
    assert answer_given_away(drop_down).passed


# French typography fixer: golden strings.

MARKDOWN = (
    'Ouvrez [la page « Aide »](https://pix.fr/aide?x=1 "Aide : FAQ") puis '
    "tapez `ls -l; echo ok!` dans le terminal!\n"
    "Le rendez-vous est à 14:30; voir https://pix.fr/a:b?c ou le préfixe http://.\n"
    "Réponse: ${a}?\n"
    "```\n"
    "x = a ? b : c\n"
    "```\n"
    "Mot « guillemets »et «collés»."
)
MARKDOWN_FIXED = (
    f'Ouvrez [la page «{NB}Aide{NB}»](https://pix.fr/aide?x=1 "Aide : FAQ") puis '
    f"tapez `ls -l; echo ok!` dans le terminal{NN}!\n"
    f"Le rendez-vous est à 14:30{NN}; voir https://pix.fr/a:b?c ou le préfixe http://.\n"
    f"Réponse{NB}: ${{a}}{NN}?\n"
    "```\n"
    "x = a ? b : c\n"
    "```\n"
    f"Mot «{NB}guillemets{NB}»et «{NB}collés{NB}»."
)
QCU_PROPOSALS = "- Oui!\n- Non ?\n- « Peut-être »\n- Je ne sais pas:"
QCU_PROPOSALS_FIXED = (
    f"- Oui{NN}!\n- Non{NN}?\n- «{NB}Peut-être{NB}»\n- Je ne sais pas{NB}:"
)


@pytest.mark.parametrize(
    ("text", "fixed", "count"),
    [
        (MARKDOWN, MARKDOWN_FIXED, 10),
        (QCU_PROPOSALS, QCU_PROPOSALS_FIXED, 5),
        ("Quoi ?! Vraiment?!", f"Quoi{NN}?! Vraiment{NN}?!", 2),
        (f"Oui{NB}? Non{NN}: bien", f"Oui{NN}? Non{NB}: bien", 2),
        (
            "| a | b |\n|:---|---:|\n| x:y | z ? |",
            f"| a | b |\n|:---|---:|\n| x:y | z{NN}? |",
            1,
        ),
        (
            "[ref]: https://pix.fr\n![alt](img.png) !",
            f"[ref]: https://pix.fr\n![alt](img.png){NN}!",
            1,
        ),
        (
            "Le disque C: ou C:\\Users, std::cout",
            "Le disque C: ou C:\\Users, std::cout",
            0,
        ),
        ("Texte\n\n    code : x ?\n\nFin !", f"Texte\n\n    code : x ?\n\nFin{NN}!", 1),
        ("? en début de ligne\n: aussi", "? en début de ligne\n: aussi", 0),
    ],
)
def test_fix_french_typography_golden_strings(text, fixed, count):
    assert fix_french_typography(text) == (fixed, count)


@pytest.mark.parametrize(
    "text", [MARKDOWN, QCU_PROPOSALS, "«?» et « ? »", "Quoi:? Non\u2009!", "«»"]
)
def test_fixing_twice_changes_nothing(text):
    once, _ = fix_french_typography(text)

    assert fix_french_typography(once) == (once, 0)


def test_typography_issues_give_the_offset_of_each_mark():
    issues = find_typography_issues("Oui ? «non»")

    assert [(issue.offset, issue.mark, issue.start, issue.end) for issue in issues] == [
        (4, "?", 3, 4),
        (6, "«", 7, 7),
        (10, "»", 10, 10),
    ]


@pytest.mark.django_db
def test_run_challenge_checks_reads_live_siblings_of_the_same_skill():
    """Archived siblings are history: only proposed and validated ones count."""
    skill = make_skill()
    make_challenge(skill=skill, uid="ch-juin", instruction=MEAN_91)
    archived = make_challenge(skill=skill, uid="ch-archivee", instruction=MEAN)
    Challenge.objects.filter(pk=archived.pk).update(status=ContentStatus.ARCHIVED)
    make_challenge(uid="ch-autre-acquis", instruction=MEAN)
    new = build_challenge(skill=skill, instruction=MEAN.replace(" ?", f"{NN}?"))

    results = {result.code: result for result in run_challenge_checks(new)}

    assert results["near_duplicate_statement"].message == (
        "Consigne presque identique à celle d'une autre épreuve du même acquis : "
        "ch-juin (similarité 91 %)."
    )
    assert blocking_failures(results.values()) == []


def test_blocking_failures_keep_only_failed_blocking_results():
    """A broken solution blocks; a typography note and a near duplicate do not."""
    broken = challenge(type="QCU", solution="9", instruction="Où ?")
    twin = challenge(uid="ch-jumelle", instruction="Où ?")

    results = run_challenge_checks(broken, siblings=[twin])

    assert [result.code for result in results] == [
        "solution_matches_proposals",
        "french_typography",
        "near_duplicate_statement",
    ]
    assert [result.code for result in blocking_failures(results)] == [
        "solution_matches_proposals"
    ]
