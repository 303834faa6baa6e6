"""The teacher dashboard and the CSV export of a campaign."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from runtime.orga.enums import ParticipationStatus
from runtime.orga.models import Participation
from tests.factories import make_user

from .conftest import make_learner
from .test_campaigns import make_campaign

pytestmark = pytest.mark.django_db


def add_participants(campaign, count, *, status=ParticipationStatus.SHARED, start=0):
    """Add participants with results as sharing stores them (by class 3e A/3e B)."""
    stage = campaign.target_profile.stages.order_by("threshold").last()
    codes = ("1.1", "2.1")  # the competences of the campaign's profile
    for number in range(start, start + count):
        user = make_user(first_name=f"Prénom{number}", last_name=f"Nom{number:04d}")
        learner = make_learner(
            campaign.organisation,
            national_id=f"N{number:06d}",
            first_name=f"Prénom{number}",
            last_name=f"Nom{number:04d}",
            division="3e A" if number % 2 else "3e B",
            user=user,
        )
        shared = status == ParticipationStatus.SHARED
        Participation.objects.create(
            campaign=campaign,
            user=user,
            learner=learner,
            status=status,
            shared_at=timezone.now() if shared else None,
            validated_count=6,
            targeted_count=12,
            mastery=0.5,
            stage=stage if shared else None,
            skill_results={"s1": "ok", "s2": "ko"},
            competence_results={code: [3, 6] for code in codes},
        )


@pytest.fixture
def campaign(orga_a, member_a, index):
    return make_campaign(orga_a, index, member_a)


def test_only_shared_results_reach_the_dashboard(client, orga_a, member_a, campaign):
    add_participants(campaign, 2)
    add_participants(campaign, 1, status=ParticipationStatus.TO_SHARE, start=10)
    add_participants(campaign, 1, status=ParticipationStatus.STARTED, start=20)
    client.force_login(member_a)

    page = client.get(reverse("orga_campaign", args=[orga_a.pk, campaign.pk]))

    data = page.context["dashboard"]
    assert data["counts"] == {"started": 4, "completed": 3, "shared": 2}
    assert [row.mastery_percent for row in data["rows"]] == [50, 50, None, None]
    assert data["average"] == 0.5
    assert data["competence_averages"] == [0.5, 0.5]
    assert [(stage.title, count) for stage, count in data["stages"]] == [
        ("Début", 0),
        ("Moitié", 2),
    ]
    assert [(name, count) for name, count, _avg in data["divisions"]] == [
        ("3e A", 1),
        ("3e B", 1),
    ]
    body = page.content.decode()
    assert "<svg" in body
    assert "Nom0000 Prénom0 · 1.1 : 50 %" in body
    live = client.get(reverse("orga_campaign_live", args=[orga_a.pk, campaign.pk]))
    assert live.status_code == 200
    assert "<html" not in live.content.decode()


@pytest.mark.parametrize("view", ["orga_campaign", "orga_campaign_live"])
def test_the_dashboard_query_count_does_not_grow(
    client, orga_a, member_a, campaign, view
):
    client.force_login(member_a)
    url = reverse(view, args=[orga_a.pk, campaign.pk])
    add_participants(campaign, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add_participants(campaign, 3, start=1)

    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three.captured_queries) == len(one.captured_queries)


def test_the_csv_export_is_ready_for_a_french_spreadsheet(
    client, orga_a, member_a, campaign
):
    add_participants(campaign, 2)
    add_participants(campaign, 1, status=ParticipationStatus.STARTED, start=5)
    client.force_login(member_a)

    response = client.get(
        reverse("orga_campaign_export", args=[orga_a.pk, campaign.pk]) + "?acquis=1"
    )

    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    header = rows[0]
    assert header[:10] == [
        "Nom", "Prénom", "Classe", "Progression", "Date de début", "Date d'envoi",
        "Envoi (O/N)", "Palier", "Badges", "Maîtrise",
    ]  # fmt: skip
    assert "1.1 : maîtrise" in header
    assert "Domaine 2 : acquis validés" in header
    assert len(header) == 10 + 2 * 3 + 2 * 3 + 12  # + one column per target skill
    first = dict(zip(header, rows[1], strict=True))
    assert (first["Nom"], first["Classe"], first["Envoi (O/N)"]) == (
        "Nom0000",
        "3e B",
        "O",
    )
    assert (first["Maîtrise"], first["Palier"], first["1.1 : acquis visés"]) == (
        "50 %",
        "Moitié",
        "6",
    )
    assert set(rows[1][22:]) == {"non testé"}  # s1/s2 are not the release's ids
    started = dict(zip(header, rows[3], strict=True))
    assert (started["Envoi (O/N)"], started["Maîtrise"], started["1.1 : maîtrise"]) == (
        "N",
        "",
        "",
    )
    assert response["Content-Disposition"].startswith('attachment; filename="campagne-')


def test_the_export_query_count_does_not_grow(client, orga_a, member_a, campaign):
    client.force_login(member_a)
    url = reverse("orga_campaign_export", args=[orga_a.pk, campaign.pk])
    add_participants(campaign, 1)
    with CaptureQueriesContext(connection) as one:
        b"".join(client.get(url).streaming_content)
    add_participants(campaign, 3, start=1)

    with CaptureQueriesContext(connection) as three:
        b"".join(client.get(url).streaming_content)

    assert len(three.captured_queries) == len(one.captured_queries)


def test_progress_between_two_campaigns_on_the_same_profile(
    client, orga_a, member_a, campaign, index
):
    after = make_campaign(
        orga_a, index, member_a, title="Après", target_profile=campaign.target_profile
    )
    add_participants(campaign, 2)
    for participation in campaign.participations.all():
        Participation.objects.create(
            campaign=after,
            user=participation.user,
            learner=participation.learner,
            status=ParticipationStatus.SHARED,
            mastery=0.75,
        )
    client.force_login(member_a)

    page = client.get(
        reverse("orga_campaign", args=[orga_a.pk, after.pk]),
        {"comparer": campaign.pk},
    )

    progress = page.context["progress"]
    assert [pair[1:] for pair in progress["pairs"]] == [(0.5, 0.75), (0.5, 0.75)]
    assert (progress["before"], progress["after"]) == (0.5, 0.75)
    assert "50 % → <strong>75 %</strong>" in page.content.decode()


def test_the_table_and_heatmap_show_one_page_the_figures_all(
    client, orga_a, member_a, campaign
):
    add_participants(campaign, 52)
    client.force_login(member_a)
    url = reverse("orga_campaign", args=[orga_a.pk, campaign.pk])

    second = client.get(url, {"page": "2"})
    beyond = client.get(url, {"page": "abc"})

    data = second.context["dashboard"]
    assert (data["page"], data["pages"], len(data["page_rows"])) == (2, 2, 2)
    assert data["counts"]["shared"] == 52
    assert second.content.decode().count("<rect") == 2 * 2  # 2 rows x 2 competences
    assert beyond.context["dashboard"]["page"] == 1


def test_cells_that_look_like_formulas_are_exported_as_text(
    client, orga_a, member_a, index
):
    campaign = make_campaign(orga_a, index, member_a, external_id_label="Matricule")
    add_participants(campaign, 1)
    Participation.objects.update(external_id='=HYPERLINK("http://x","clic")')
    client.force_login(member_a)

    response = client.get(
        reverse("orga_campaign_export", args=[orga_a.pk, campaign.pk])
    )

    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["Matricule"] == '\'=HYPERLINK("http://x","clic")'
