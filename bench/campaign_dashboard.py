"""Campaign dashboard, export and import at size: queries and times.

Sets up its own database from DATABASE_URL (default: a PostgreSQL database
``workbench_bench`` on 127.0.0.1), migrating it and publishing the demo pack
when needed. It builds campaigns of 100, 1,000 and 10,000 participants whose
results are shared (rows as sharing stores them), then measures:

- ``queries_100`` / ``queries_1000``: queries of the dashboard page (Django's
  query capture, authentication and session included); goal: equal;
- ``dashboard_ms_1000``: median time of the dashboard page at 1,000 (five
  requests after a warm-up, DEBUG off, test client); goal <= 500 ms;
- ``export_10000_s``: time to stream the CSV export of 10,000; goal <= 10 s;
- ``import_2000_s``: time to preview then confirm a list of 2,000 learners;
  goal <= 10 s.

The last line is one JSON object. Run: .venv/bin/python bench/campaign_dashboard.py
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/workbench_bench"
BENCH_PREFIX = "Banc d'essai"


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database when it does not exist."""
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare() -> None:
    from django.core.management import call_command

    from authoring.releases.services import release_publish
    from runtime.models import Release
    from runtime.orga.models import Organisation, TargetProfile

    call_command("migrate", verbosity=0)
    if not Release.objects.filter(is_current=True).exists():
        call_command("load_content", str(ROOT / "content" / "demo"), no_progress=True)
        release_publish(trusted=True)
    if not TargetProfile.objects.filter(organisation=None).exists():
        call_command("load_target_profiles", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    # What an earlier run built: its organisations, then its participants.
    Organisation.objects.filter(name__startswith=BENCH_PREFIX).delete()
    get_user_model().objects.filter(username__startswith="bench-").exclude(
        username="bench-teacher"
    ).delete()


def build_campaign(size: int, member):
    """Return a campaign of ``size`` participants who shared their results."""
    import random

    from django.contrib.auth import get_user_model

    from runtime.orga.enums import ParticipationStatus
    from runtime.orga.models import (
        Membership,
        Organisation,
        OrganisationLearner,
        Participation,
        TargetProfile,
    )
    from runtime.orga.selectors import profile_target_skills
    from runtime.orga.services import campaigns, target_profiles
    from runtime.release_index import current_release_index

    index = current_release_index()
    school = Organisation.objects.create(name=f"{BENCH_PREFIX} {size}", type="SCO")
    Membership.objects.create(organisation=school, user=member, role="ADMIN")
    predefined = TargetProfile.objects.filter(
        organisation=None, name__startswith="Fin de collège"
    ).first()
    profile = target_profiles.target_profile_copy(
        user=None, trusted=True, profile=predefined, organisation=school
    )
    campaign = campaigns.campaign_create(
        user=None, trusted=True, organisation=school, target_profile=profile,
        title=f"Campagne de {size}",
    )  # fmt: skip
    skills = profile_target_skills(profile, index)
    stages = list(profile.stages.all())
    rng = random.Random(size)
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"bench-{size}-{n}", first_name=f"P{n}", last_name=f"N{n}")
        for n in range(size)
    )
    learners = OrganisationLearner.objects.bulk_create(
        OrganisationLearner(
            organisation=school,
            national_id=f"B{n:07d}",
            first_name=f"P{n}",
            last_name=f"N{n}",
            birthdate="2011-01-01",
            division=f"3e {n % 8}",
            user=user,
        )
        for n, user in enumerate(users)
    )
    rows = []
    for user, learner in zip(users, learners, strict=True):
        results = {
            skill: rng.choice(("ok", "ko")) for skill in skills if rng.random() < 0.8
        }
        per_competence = {}
        for skill in skills:
            counts = per_competence.setdefault(index.competence_of_skill(skill), [0, 0])
            counts[0] += results.get(skill) == "ok"
            counts[1] += 1
        validated = sum(result == "ok" for result in results.values())
        mastery = validated / len(skills)
        reached = [s for s in stages if s.threshold <= 100 * mastery]
        rows.append(
            Participation(
                campaign=campaign,
                user=user,
                learner=learner,
                status=ParticipationStatus.SHARED,
                validated_count=validated,
                targeted_count=len(skills),
                mastery=mastery,
                stage=reached[-1] if reached else None,
                skill_results=results,
                competence_results=per_competence,
            )
        )
    Participation.objects.bulk_create(rows, batch_size=1000)
    return campaign


def measure_import(member) -> float:
    """Return the seconds to preview then confirm a list of 2,000 learners."""
    from runtime.orga.models import Membership, Organisation
    from runtime.orga.services import learners

    school = Organisation.objects.create(name=f"{BENCH_PREFIX} import", type="SCO")
    Membership.objects.create(organisation=school, user=member, role="ADMIN")
    lines = ["INE;Nom;Prénom;Date de naissance;Sexe;Classe"] + [
        f"I{n:09d};Nom{n};Prénom{n};{1 + n % 28:02d}/0{1 + n % 9}/2011;F;3e {n % 12}"
        for n in range(2000)
    ]
    data = "\n".join(lines).encode()
    started = time.perf_counter()
    preview = learners.learner_list_preview(
        user=member, organisation=school, data=data, file_name="liste.csv"
    )
    learners.learner_list_confirm(
        user=member, organisation=school, learner_import=preview
    )
    return time.perf_counter() - started


def main() -> None:
    sys.path.insert(0, str(ROOT))
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    ensure_database(url)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    prepare()
    member, _created = get_user_model().objects.get_or_create(username="bench-teacher")
    client = Client()
    client.force_login(member)
    figures = {}
    for size in (100, 1000):
        campaign = build_campaign(size, member)
        page = reverse("orga_campaign", args=[campaign.organisation_id, campaign.pk])
        client.get(page)  # warm-up: the release index, templates
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page)
        assert response.status_code == 200, response.status_code
        figures[f"queries_{size}"] = len(queries.captured_queries)
        if size == 1000:
            times = []
            for _ in range(5):
                started = time.perf_counter()
                client.get(page)
                times.append(time.perf_counter() - started)
            figures["dashboard_ms_1000"] = round(1000 * statistics.median(times), 1)
    campaign = build_campaign(10_000, member)
    export = reverse(
        "orga_campaign_export", args=[campaign.organisation_id, campaign.pk]
    )
    started = time.perf_counter()
    lines = sum(1 for _chunk in client.get(export).streaming_content)
    figures["export_10000_s"] = round(time.perf_counter() - started, 2)
    assert lines == 10_001, lines
    figures["import_2000_s"] = round(measure_import(member), 2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
