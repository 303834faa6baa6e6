"""The export_qti and import_qti management commands."""

import io

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from authoring.qti.vocabulary import item_identifier
from tests.factories import make_challenge, make_skill

from .helpers import export, items_of, rewrite

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["export_qti", "import_qti"])
def test_the_commands_describe_themselves_in_french(name):
    """--help works and is written in French."""
    command = load_command_class("authoring", name)

    text = command.create_parser("manage.py", name).format_help()

    assert "QTI 3.0" in text
    assert "paquet" in text


def test_export_qti_writes_the_package_and_the_fidelity_report_beside_it(tmp_path):
    """--competence exports that competence's challenges and writes OUT.fidelity.md."""
    inside = make_challenge(type="QROC", timer=30)
    make_challenge(type="QCU", skill=make_skill(competence_code="1.2"))
    output, stdout = tmp_path / "competence.zip", io.StringIO()

    call_command("export_qti", str(output), "--competence", "1.1", stdout=stdout)

    assert list(items_of(output.read_bytes())) == [
        f"items/{item_identifier(inside.uid)}.xml"
    ]
    report = (tmp_path / "competence.fidelity.md").read_text(encoding="utf-8")
    assert report.startswith("# Rapport de fidélité — export QTI 3.0\n")
    assert "Minuteur de 30 s perdu" in report
    assert stdout.getvalue().startswith("1 épreuve(s) exportée(s) dans ")


def test_import_qti_creates_drafts_and_prints_the_report(tmp_path):
    """The command imports onto --skill and prints the fidelity report."""
    path = tmp_path / "paquet.zip"
    call_command(
        "export_qti",
        str(path),
        "--challenge",
        make_challenge(type="QROC").uid,
        make_challenge(type="QCM").uid,
        stdout=io.StringIO(),
    )
    skill, stdout = make_skill(), io.StringIO()

    call_command("import_qti", str(path), "--skill", skill.uid, stdout=stdout)

    assert skill.challenges.count() == 2
    assert stdout.getvalue().startswith("# Rapport de fidélité — import QTI 3.0\n")
    assert f"2 épreuve(s) créée(s) en brouillon proposé sur {skill.name}." in (
        stdout.getvalue()
    )


def test_import_qti_fails_without_creating_anything_when_an_item_is_invalid(tmp_path):
    """A failing item makes the command fail; the skill gets no challenge."""
    package = rewrite(
        export([make_challenge(type="QCU")])[0], "<qti-value>CHOICE_1<", "<qti-value>X<"
    )
    path = tmp_path / "paquet.zip"
    path.write_bytes(package)
    skill = make_skill()

    with pytest.raises(CommandError, match="aucune épreuve créée"):
        call_command(
            "import_qti", str(path), "--skill", skill.uid, stdout=io.StringIO()
        )

    assert skill.challenges.count() == 0
