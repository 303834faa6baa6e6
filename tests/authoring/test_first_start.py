"""make run's first start: demo content, accounts and a release, once only."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from authoring.content_pack import export_pack
from authoring.models import Challenge
from runtime.models import Release
from tests.authoring.test_content_pack import delete_content, make_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack(tmp_path):
    """A small pack written by the exporter, the database left empty again."""
    make_content()
    export_pack(tmp_path)
    delete_content()
    return tmp_path


def _first_start(pack) -> str:
    out = io.StringIO()
    call_command("first_start", pack=pack, site_url="http://127.0.0.1:8123", stdout=out)
    return out.getvalue()


def test_an_empty_database_gets_the_demo_and_a_first_release(pack):
    """A newcomer can take a test at once; the banner gives the real address."""
    output = _first_start(pack)

    release = Release.objects.get()
    assert Challenge.objects.count() == 3
    assert release.is_current
    assert release.summary["challenges"] == 2  # the validated ones
    assert {
        "admin",
        "auteur",
        "referentiel",
        "relecteur",
        "relectrice",
        "reviseur",
        "validateur",
    } <= set(get_user_model().objects.values_list("username", flat=True))
    assert "Comptes de démonstration (http://127.0.0.1:8123/admin/) :" in output
    assert "Apprenants : http://127.0.0.1:8123/" in output
    # Two challenges are too few for the demo calibration: it says so, and
    # publishes no second release.
    assert "Calibration de démonstration non faite" in output


def test_a_second_start_keeps_what_users_changed(pack):
    """Nothing is reloaded over community work, nor a release or password redone."""
    _first_start(pack)
    challenge = Challenge.objects.filter(live=True).first()
    challenge.instruction = "Consigne réécrite par la communauté."
    challenge.save_revision().publish()
    admin = get_user_model().objects.get(username="admin")
    password = admin.password

    output = _first_start(pack)

    challenge.refresh_from_db()
    admin.refresh_from_db()
    assert challenge.instruction == "Consigne réécrite par la communauté."
    assert Release.objects.count() == 1
    assert admin.password == password
    assert "Base existante : rien n'est rechargé" in output


def test_a_second_make_run_keeps_approved_edited_imported_and_archived_work(
    pack, tmp_path
):
    """migrate + first_start again: the community's work is all still there."""
    from authoring.actions.change_status import ChangeStatusAction
    from authoring.content_pack import import_pack, read_pack
    from authoring.models import Hint

    _first_start(pack)
    hint = Hint.objects.get()
    hint.text = "Indice approuvé par la communauté."
    hint.save_revision().publish()
    skill = hint.skill
    skill.description = "Description revue"
    skill.save()
    newer = tmp_path / "newer"
    export_pack(newer)
    imported = Challenge.objects.filter(live=True).order_by("pk").first()
    competence = newer / "competences" / f"{imported.skill.tube.competence.code}.json"
    competence.write_text(
        competence.read_text().replace(imported.instruction, "Consigne importée")
    )
    import_pack(read_pack(newer)[0], trusted=True)
    archived = Challenge.objects.filter(live=True).exclude(pk=imported.pk).first()
    ChangeStatusAction(archived, status="archived", message="Doublon").execute(
        trusted=True
    )

    call_command("migrate", verbosity=0)
    _first_start(pack)

    hint.refresh_from_db()
    skill.refresh_from_db()
    imported.refresh_from_db()
    archived.refresh_from_db()
    assert hint.text == "Indice approuvé par la communauté."
    assert hint.status == "validated"
    assert skill.description == "Description revue"
    assert imported.instruction == "Consigne importée"
    assert archived.status == "archived"
