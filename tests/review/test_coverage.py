"""The coverage dashboard: challenges per competence and level, gaps flagged."""

from dataclasses import asdict

import pytest
from django.test import RequestFactory
from django.urls import reverse

from authoring.actions.change_status import ChangeStatusAction
from authoring.models import Challenge
from referential.models import Competence
from review.coverage import CoverageTotals, coverage_grid
from review.coverage_views import CoverageViewSet
from tests.factories import make_challenge, make_skill

pytestmark = pytest.mark.django_db

# Session, user, permissions, Wagtail's admin chrome, and the one grid query.
QUERY_BOUND = 9

CODES = [
    "1.1", "1.2", "1.3",
    "2.1", "2.2", "2.3", "2.4",
    "3.1", "3.2", "3.3", "3.4",
    "4.1", "4.2", "4.3",
    "5.1", "5.2",
]  # fmt: skip


def cell(
    level, *, skills=0, validated=0, proposed=0, archived=0, lowest=None, gap=False
):
    return {
        "level": level,
        "skills": skills,
        "validated": validated,
        "proposed": proposed,
        "archived": archived,
        "min_validated": lowest,
        "below_minimum": gap,
    }


def empty_cells(*levels):
    return [cell(level) for level in levels]


def make_declinaison(prototype, **overrides):
    """Validate a déclinaison: a second prototype would archive the first."""
    return make_challenge(
        skill=prototype.skill, prototype=prototype, publish=True, **overrides
    )


def withdraw(challenge, status="archived"):
    ChangeStatusAction(challenge, status=status, message="x").execute(trusted=True)


@pytest.fixture
def dataset():
    """Competence 2.1: a covered level 1, a hole at 2, a thin level 3, a draft at 4.

    Level 1: one skill, a validated QCU prototype (fr-fr) with 2 validated QCU
    déclinaisons (fr-fr) and 1 obsolete QCM déclinaison (fr).
    Level 3: one skill with a validated QCM prototype (fr-fr, en), 1 proposed
    QCU (en) and 1 archived QCU déclinaison (fr); another skill without challenge.
    Level 4: a draft skill with 1 proposed QCU (fr-fr).
    """
    level_1 = make_skill(level=1, competence_code="2.1")
    prototype = make_challenge(skill=level_1, publish=True, locales=["fr-fr"])
    for _ in range(2):
        make_declinaison(prototype, locales=["fr-fr"])
    withdraw(make_declinaison(prototype, type="QCM", locales=["fr"]), "obsolete")
    level_3 = make_skill(level=3, competence_code="2.1")
    make_skill(level=3, competence_code="2.1")
    prototype = make_challenge(
        skill=level_3, type="QCM", publish=True, locales=["fr-fr", "en"]
    )
    make_challenge(skill=level_3, type="QCU", locales=["en"])
    withdraw(make_declinaison(prototype, locales=["fr"]))
    draft = make_skill(level=4, competence_code="2.1", status="draft")
    make_challenge(skill=draft, type="QCU")
    return Competence.objects.get(code="2.1")


def row_of(grid, code):
    return next(asdict(row) for row in grid.rows if row.code == code)


def test_the_grid_counts_challenges_by_competence_and_level(dataset):
    """Counts per status, active skills, fewest validated per skill, gaps flagged."""
    grid = coverage_grid()

    assert [row.code for row in grid.rows] == CODES
    assert grid.minimum == 3
    assert row_of(grid, "2.1") == {
        "competence_id": dataset.pk,
        "code": "2.1",
        "title": dataset.title,
        "cells": (
            cell(1, skills=1, validated=3, archived=1, lowest=3),
            cell(2, gap=True),
            cell(3, skills=2, validated=1, proposed=1, archived=1, lowest=0, gap=True),
            cell(4, proposed=1),
            *empty_cells(5, 6, 7, 8),
        ),
        "total": {
            "skills": 3,
            "validated": 4,
            "proposed": 2,
            "archived": 2,
            "gaps": 2,
        },
    }
    assert row_of(grid, "1.1")["cells"] == tuple(empty_cells(*range(1, 9)))


def test_the_grid_totals_levels_and_the_whole_referential(dataset):
    """Column totals add up the competences; the grand total adds up everything."""
    grid = coverage_grid()

    assert grid.level_totals[:4] == (
        CoverageTotals(skills=1, validated=3, proposed=0, archived=1, gaps=0),
        CoverageTotals(skills=0, validated=0, proposed=0, archived=0, gaps=1),
        CoverageTotals(skills=2, validated=1, proposed=1, archived=1, gaps=1),
        CoverageTotals(skills=0, validated=0, proposed=1, archived=0, gaps=0),
    )
    assert grid.total == CoverageTotals(
        skills=3, validated=4, proposed=2, archived=2, gaps=2
    )


def test_the_type_filter_counts_only_that_type(dataset):
    """With QCU only, the QCM validated at level 3 no longer covers its skill."""
    grid = coverage_grid(challenge_type="QCU")

    assert row_of(grid, "2.1")["cells"] == (
        cell(1, skills=1, validated=3, lowest=3),
        cell(2, gap=True),
        cell(3, skills=2, proposed=1, archived=1, lowest=0, gap=True),
        cell(4, proposed=1),
        *empty_cells(5, 6, 7, 8),
    )


def test_the_locale_filter_matches_whole_locale_codes(dataset):
    """ "fr" does not match "fr-fr": only the two challenges in "fr" count."""
    english = coverage_grid(locale="en")
    french = coverage_grid(locale="fr")

    assert row_of(english, "2.1")["cells"] == (
        cell(1, skills=1, lowest=0, gap=True),
        cell(2, gap=True),
        cell(3, skills=2, validated=1, proposed=1, lowest=0, gap=True),
        *empty_cells(4, 5, 6, 7, 8),
    )
    assert row_of(french, "2.1")["cells"] == (
        cell(1, skills=1, archived=1, lowest=0, gap=True),
        cell(2, gap=True),
        cell(3, skills=2, archived=1, lowest=0, gap=True),
        *empty_cells(4, 5, 6, 7, 8),
    )


def test_the_minimum_comes_from_the_setting(dataset, settings):
    """COVERAGE_MINIMUM_VALIDATED = 4 flags the level with 3 validated."""
    settings.COVERAGE_MINIMUM_VALIDATED = 4

    grid = coverage_grid()

    assert grid.minimum == 4
    assert [c.below_minimum for c in grid.rows[CODES.index("2.1")].cells][:4] == [
        True,
        True,
        True,
        False,
    ]


def test_the_dashboard_takes_the_minimum_and_filters_from_the_url(
    client, author, dataset
):
    """?minimum=4&type=QCU&locale=fr-fr reaches the grid and the cell links."""
    client.force_login(author)

    response = client.get(
        reverse("coverage:index"), {"minimum": "4", "type": "QCU", "locale": "fr-fr"}
    )

    grid = response.context["grid"]
    listing = reverse(Challenge.snippet_viewset.get_url_name("list"))
    assert response.status_code == 200
    assert grid.minimum == 4
    assert row_of(grid, "2.1")["cells"][:4] == (
        cell(1, skills=1, validated=3, lowest=3, gap=True),
        cell(2, gap=True),
        cell(3, skills=2, lowest=0, gap=True),
        cell(4, proposed=1),
    )
    assert (
        f'href="{listing}?competence={dataset.pk}&amp;level=3'
        "&amp;type=QCU&amp;locale=fr-fr"
    ) in response.content.decode()


def test_a_cell_links_to_its_challenges_in_the_listing(client, author, dataset):
    """The link filters the challenge listing on the cell's competence and level."""
    client.force_login(author)
    listing = reverse(Challenge.snippet_viewset.get_url_name("list"))

    response = client.get(listing, {"competence": dataset.pk, "level": 3})

    assert sorted(c.type for c in response.context["object_list"]) == [
        "QCM",
        "QCU",
        "QCU",
    ]


@pytest.mark.parametrize("minimum", ["0", "51", "trois"])
def test_an_invalid_minimum_falls_back_to_the_setting_with_a_message(
    client, author, settings, minimum
):
    """Outside 1-50 or not a number: the setting applies and the form says why."""
    settings.COVERAGE_MINIMUM_VALIDATED = 2
    client.force_login(author)

    response = client.get(reverse("coverage:index"), {"minimum": minimum})

    content = response.content.decode()
    assert response.context["grid"].minimum == 2
    assert "Le minimum doit être un nombre entier compris entre 1 et 50." in content
    assert "Le minimum par défaut (2) est utilisé." in content


def test_cells_below_the_minimum_are_highlighted_with_a_text_marker(
    client, author, dataset
):
    """Colour is not the only cue: each flagged cell also says "À compléter"."""
    client.force_login(author)

    response = client.get(reverse("coverage:index"))

    content = response.content.decode()
    link = f"?competence={dataset.pk}&amp;level=1"
    assert content.count('class="coverage-gap"') == 2
    assert content.count("⚠ À compléter") == 2
    assert link in content
    assert "<caption>" in content
    assert '<th scope="row">2.1 ' in content


@pytest.mark.parametrize("user", ["author", "reviewer"])
def test_authors_and_reviewers_see_the_dashboard(client, request, user):
    """Both groups hold authoring.view_challenge."""
    client.force_login(request.getfixturevalue(user))

    response = client.get(reverse("coverage:index"))

    assert response.status_code == 200


def test_users_without_view_challenge_are_refused(client, referential_editor):
    """Wagtail sends them back to the dashboard home; the menu hides the item."""
    client.force_login(referential_editor)
    request = RequestFactory().get("/admin/")
    request.user = referential_editor

    response = client.get(reverse("coverage:index"))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not CoverageViewSet().get_menu_item().is_shown(request)


def test_the_menu_item_is_shown_to_authors(author):
    """The "Couverture du référentiel" entry appears for authoring.view_challenge."""
    request = RequestFactory().get("/admin/")
    request.user = author

    item = CoverageViewSet().get_menu_item()

    assert item.is_shown(request)
    assert str(item.label) == "Couverture du référentiel"
    assert item.url == reverse("coverage:index")


def test_the_selector_runs_one_query(dataset, django_assert_num_queries):
    """One aggregate query whatever the filters."""
    with django_assert_num_queries(1):
        coverage_grid(challenge_type="QCU", locale="fr-fr", minimum=2)


def make_challenges(total):
    """Give one new skill per 5 challenges: a prototype and its déclinaisons."""
    prototypes = [
        make_challenge(
            skill=make_skill(level=1 + index % 8, competence_code=code),
            publish=True,
        )
        for index, code in enumerate(CODES[: max(1, total // 5)])
    ]
    for index in range(total - len(prototypes)):
        prototype = prototypes[index % len(prototypes)]
        make_challenge(
            skill=prototype.skill, prototype=prototype, publish=index % 2 == 0
        )


@pytest.mark.parametrize("total", [5, 40])
def test_the_dashboard_runs_a_bounded_number_of_queries(
    client, author, django_assert_max_num_queries, total
):
    """The same bound at 5 and at 40 challenges: no query per challenge or skill."""
    make_challenges(total)
    client.force_login(author)

    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(reverse("coverage:index"), {"type": "QCU"})

    totals = response.context["grid"].total
    assert totals.validated + totals.proposed == total
