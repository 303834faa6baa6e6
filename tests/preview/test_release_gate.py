"""The release gate: the simulator's summary of a candidate release, and publishing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from authoring.releases.services import ReleaseNeedsConfirmation, release_publish
from preview import charts, release_simulation, simulation_run
from preview.models import ReleaseSimulation, SimulationStatus
from preview.release_simulation import (
    candidate_snapshot,
    latest_simulation,
    release_simulation_start,
)
from preview.simulation_run import (
    CANNOT_PLACE,
    NO_CHALLENGES,
    SKILLS_WITHOUT_CHALLENGES,
    SimulationError,
    simulate_snapshot,
)
from runtime.domain import release_contract as contract
from runtime.models import Release
from tests.factories import make_challenge, make_skill


def _challenge(id_, skill, calibration=None) -> contract.Challenge:
    return contract.Challenge(
        id=id_,
        skill=skill,
        type="QCU",
        instruction="?",
        alternative_instruction="",
        proposals="- a\n- b",
        spec={},
        timer=None,
        focused=False,
        shuffled=False,
        locales=("fr-fr",),
        pedagogy="q-savoir",
        accessibility=contract.Accessibility(blind="RAS", colour_blind="RAS"),
        prototype=None,
        declinaison_number=None,
        calibration=calibration or contract.Calibration(),
    )


def synthetic_snapshot(*, calibrated: bool = False) -> contract.Snapshot:
    """Competence 1.1: 6 tubes x levels 1-6 x 2 challenges; 2.1: one challenge
    and a skill without any; 3.1: skills only."""
    competences = tuple(
        contract.Competence(code=code, title=f"C{code}", area=code[0], area_title="A")
        for code in ("1.1", "2.1", "3.1")
    )
    tubes, skills, challenges = [], [], []
    for tube in range(6):
        tubes.append(contract.Tube(f"t{tube}", f"t{tube}", "T", "1.1", "th"))
        for level in range(1, 7):
            skill = f"s{tube}-{level}"
            skills.append(
                contract.Skill(skill, f"@t{tube}{level}", f"t{tube}", level, 1)
            )
            for number in range(2):
                calibration = (
                    contract.Calibration(
                        difficulty=1.2 * (level - 3.5), discrimination=1.5
                    )
                    if calibrated
                    else None
                )
                challenges.append(
                    _challenge(f"c{tube}-{level}-{number}", skill, calibration)
                )
    tubes += [
        contract.Tube("u", "u", "U", "2.1", "th"),
        contract.Tube("v", "v", "V", "3.1", "th"),
    ]
    skills += [
        contract.Skill("u2", "@u2", "u", 2, 4),
        contract.Skill("u3", "@u3", "u", 3, 4),
        contract.Skill("v1", "@v1", "v", 1, 8),
    ]
    challenges.append(_challenge("lonely", "u2"))
    return contract.Snapshot(
        competences=competences,
        tubes=tuple(tubes),
        skills=tuple(skills),
        challenges=tuple(challenges),
        hints={},
        tutorials=(),
    )


# -- the simulation (no database)


def test_a_thin_competence_blocks_and_a_full_one_places_learners():
    """1.1 places most learners within one level; 2.1's single challenge cannot."""
    summary = simulate_snapshot(synthetic_snapshot(), learners=400, seed=5)

    rows = {row["code"]: row for row in summary["competences"]}
    assert summary["blocking"] == ["2.1"]
    assert rows["1.1"]["within_one"] >= 0.9
    assert rows["1.1"]["problems"] == []
    assert rows["1.1"]["parameters"] == "simulated"
    assert rows["1.1"]["learners"] == 400
    assert 1 <= rows["1.1"]["mean_questions"] <= 32
    assert len(rows["1.1"]["exposure"]) == 72
    assert rows["2.1"]["within_one"] < 0.8
    assert rows["2.1"]["problems"][:2] == [CANNOT_PLACE, SKILLS_WITHOUT_CHALLENGES]
    assert rows["2.1"]["skills_without_challenges"] == ["@u3"]
    assert rows["3.1"]["problems"] == [NO_CHALLENGES, SKILLS_WITHOUT_CHALLENGES]
    assert sum(summary["exposure_histogram"]) == 73


def test_the_release_parameters_are_used_when_the_bank_carries_them():
    summary = simulate_snapshot(
        synthetic_snapshot(calibrated=True), learners=300, seed=1
    )

    row = summary["competences"][0]
    assert (row["parameters"], row["calibrated"]) == ("release", 72)
    assert row["within_one"] >= 0.9


def test_the_same_seed_gives_the_same_summary_and_progress_reaches_100():
    seen = []

    first = simulate_snapshot(
        synthetic_snapshot(), learners=200, seed=9, progress=seen.append
    )
    second = simulate_snapshot(synthetic_snapshot(), learners=200, seed=9)

    assert first == second
    assert seen == [33, 67, 100]


def test_charts_are_svg_without_script_with_a_bar_per_competence():
    summary = simulate_snapshot(synthetic_snapshot(), learners=100, seed=2)
    rows = summary["competences"]

    placement = charts.placement_chart(rows, 0.8)
    questions = charts.questions_chart(rows)
    exposure = charts.exposure_chart(
        summary["exposure_histogram"], simulation_run.EXPOSURE_BINS
    )

    for svg in (placement, questions, exposure):
        assert svg.startswith("<svg")
        assert "<script" not in svg
        assert "style=" not in svg
    assert placement.count("<rect") == 4  # two simulated competences, two bars each
    assert placement.count(charts.WARN) == 2  # 2.1 below the line, and the line
    assert exposure.count("<rect") == len(simulation_run.EXPOSURE_BINS) - 1


# -- services, the gate, the page (database)


@pytest.mark.django_db
def test_a_simulation_is_stored_for_the_candidate_content(validator):
    make_challenge(publish=True, skill=make_skill(level=3, competence_code="4.1"))

    simulation = release_simulation_start(user=validator, learners=120, seed=4)

    simulation.refresh_from_db()
    assert simulation.status == SimulationStatus.DONE
    assert (simulation.progress, simulation.blocking) == (100, True)
    assert simulation.summary["blocking"] == ["4.1"]
    assert simulation.checksum == candidate_snapshot()[1]
    assert latest_simulation(simulation.checksum) == simulation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("learners", "seed", "message"),
    [
        (10, 0, "Le nombre d'apprenants simulés va de 50 à 5000."),
        (6000, 0, "Le nombre d'apprenants simulés va de 50 à 5000."),
        ("beaucoup", 0, "Le nombre d'apprenants et la graine sont des nombres"),
        (100, -1, "La graine va de 0 à 2147483647."),
    ],
)
def test_bad_options_are_refused_in_french_and_store_nothing(
    validator, learners, seed, message
):
    make_challenge(publish=True)

    with pytest.raises(SimulationError, match=message):
        release_simulation_start(user=validator, learners=learners, seed=seed)

    assert not ReleaseSimulation.objects.exists()


@pytest.mark.django_db
def test_only_release_publishers_simulate(author):
    make_challenge(publish=True)

    with pytest.raises(PermissionDenied):
        release_simulation_start(user=author)


@pytest.mark.django_db
def test_a_large_simulation_runs_in_the_background_task(
    validator, monkeypatch, django_capture_on_commit_callbacks
):
    """Past INLINE_WORK the request only queues it; the task stores progress."""
    monkeypatch.setattr(release_simulation, "INLINE_WORK", 0)
    make_challenge(publish=True)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        simulation = release_simulation_start(user=validator, learners=60)
    queued = ReleaseSimulation.objects.get(pk=simulation.pk).status
    for callback in callbacks:
        callback()

    simulation.refresh_from_db()
    assert queued == SimulationStatus.QUEUED
    assert (simulation.status, simulation.progress) == (SimulationStatus.DONE, 100)


@pytest.mark.django_db
def test_a_task_on_changed_content_fails_with_its_reason(validator):
    make_challenge(publish=True)
    simulation = ReleaseSimulation.objects.create(
        checksum="0" * 64, learners=60, seed=0
    )

    simulation_run.simulation_execute(simulation)

    simulation.refresh_from_db()
    assert simulation.status == SimulationStatus.FAILED
    assert "a changé depuis le lancement" in simulation.error


@pytest.mark.django_db
def test_publishing_a_blocked_release_needs_confirmation(validator):
    """The gate simulates the content; a blocking problem refuses, unless confirmed."""
    make_challenge(publish=True)

    with pytest.raises(ReleaseNeedsConfirmation, match=r"compétences 1\.1"):
        release_publish(user=validator)
    stored = ReleaseSimulation.objects.get()
    release = release_publish(user=validator, confirmed=True)

    assert stored.blocking
    assert stored.checksum == release.checksum
    assert Release.objects.get() == release


@pytest.mark.django_db
def test_the_gate_reads_the_latest_simulation_of_the_same_content(validator):
    """A done simulation without problem lets it through; another content's not."""
    make_challenge(publish=True)
    _snapshot, checksum = candidate_snapshot()
    ReleaseSimulation.objects.create(
        checksum="f" * 64, learners=50, seed=0, status=SimulationStatus.DONE
    )
    ReleaseSimulation.objects.create(
        checksum=checksum,
        learners=50,
        seed=0,
        status=SimulationStatus.DONE,
        summary={"blocking": []},
    )

    release = release_publish(user=validator)

    assert release.checksum == checksum
    assert ReleaseSimulation.objects.count() == 2  # none run at publication


@pytest.mark.django_db
def test_trusted_publishing_passes_the_gate():
    make_challenge(publish=True)

    release_publish(trusted=True)

    assert Release.objects.count() == 1
    assert not ReleaseSimulation.objects.exists()


@pytest.mark.django_db
def test_the_release_page_shows_the_summary_and_asks_for_confirmation(
    client, validator
):
    make_challenge(publish=True, skill=make_skill(level=2, competence_code="2.3"))
    client.force_login(validator)

    client.post(reverse("releases:simulate"), {"learners": "80", "seed": "3"})
    page = client.get(reverse("releases:index"))
    refused = client.post(reverse("releases:publish"), follow=True)
    published = client.post(reverse("releases:publish"), {"confirmed": "1"})

    html = page.content.decode()
    assert page.context["simulation"].learners == 80
    assert [row["code"] for row in page.context["simulation_rows"]][:1] == ["1.1"]
    assert 'class="simulation-chart"' in html
    assert "<script>" not in html.split('id="simulation"')[1].split("</section>")[0]
    assert 'name="confirmed"' in html
    assert "les tests simulés des compétences 2.3 ne placent pas" in html
    assert "Confirmez la publication pour passer outre" in refused.content.decode()
    assert published.status_code == 302
    assert Release.objects.count() == 1


@pytest.mark.django_db
def test_bad_options_on_the_page_say_why(client, validator):
    make_challenge(publish=True)
    client.force_login(validator)

    page = client.post(
        reverse("releases:simulate"), {"learners": "5", "seed": "0"}, follow=True
    )

    assert "Le nombre d&#x27;apprenants simulés va de 50 à 5000." in (
        page.content.decode()
    )
    assert not ReleaseSimulation.objects.exists()
