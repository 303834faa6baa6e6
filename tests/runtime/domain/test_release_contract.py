"""The typed release contract reads every stored snapshot and writes the same JSON."""

import copy

import pytest

from runtime.domain import release_contract as contract

# A snapshot as the builder wrote it before the contract was typed (format 1):
# plain dicts, tutorials' skills as [skill, kind] pairs.
FORMAT_1_SNAPSHOT = {
    "format": 1,
    "competences": [
        {
            "code": "1.1",
            "title": "Mener une recherche et une veille d'information",
            "area": "1",
            "area_title": "Information et données",
            "digcomp": ["1.1"],
        }
    ],
    "tubes": [
        {
            "id": "tube-1",
            "name": "@recherche",
            "title": "Recherche",
            "competence": "1.1",
            "thematic": "Moteurs",
        }
    ],
    "skills": [
        {"id": "sk-1", "name": "@recherche1", "tube": "tube-1", "level": 1, "pix": 4.0},
        {
            "id": "sk-2",
            "name": "@recherche2",
            "tube": "tube-1",
            "level": 2,
            "pix": 2.666667,
        },
    ],
    "challenges": [
        {
            "id": "ch-1",
            "skill": "sk-1",
            "type": "QCU",
            "instruction": "Quel moteur **respecte** la vie privée ?",
            "alternative_instruction": "",
            "proposals": "- Qwant\n- Un autre",
            "spec": {"type": "QCU", "solution": "1"},
            "timer": None,
            "focused": False,
            "shuffled": True,
            "locales": ["fr-fr"],
            "pedagogy": "q-savoir",
            "accessibility": {"blind": "RAS", "colour_blind": "RAS"},
            "prototype": None,
            "declinaison_number": None,
            "calibration": {"difficulty": 0.5, "discrimination": 1.2},
            "illustration": {"id": 7, "alt": "Une loupe"},
            "attachments": [{"id": 3, "title": "guide.pdf", "url": "/docs/guide.pdf"}],
            "embed": None,
        },
        {
            "id": "ch-2",
            "skill": "sk-2",
            "type": "QROC",
            "instruction": "Quel opérateur exclut un mot ?",
            "alternative_instruction": "Opérateur d'exclusion",
            "proposals": "${op}",
            "spec": {
                "type": "QROC",
                "tolerances": ["t1"],
                "format": "words",
                "block_types": {"op": "text"},
                "solutions": ["-"],
                "timer": 30,
            },
            "timer": 30,
            "focused": False,
            "shuffled": False,
            "locales": ["fr-fr", "en"],
            "pedagogy": "q-situation",
            "accessibility": {"blind": "OK", "colour_blind": "RAS"},
            "prototype": "ch-0",
            "declinaison_number": 2,
            "calibration": {"difficulty": None, "discrimination": None},
            "illustration": None,
            "attachments": [],
            "embed": {
                "url": "https://simulateur.example.org/",
                "title": "Simulateur",
                "height": 400,
                "auto_reply": False,
            },
        },
    ],
    "hints": {"sk-1": "Pensez aux moteurs qui ne pistent pas."},
    "tutorials": [
        {
            "id": "tu-1",
            "title": "Chercher sans être pisté",
            "link": "https://example.org/tuto",
            "source": "Exemple",
            "format": "video",
            "duration_seconds": 300,
            "locale": "fr-fr",
            "skills": [["sk-1", "remediation"], ["sk-2", "learn_more"]],
        }
    ],
}


def test_a_format_1_snapshot_loads_into_typed_values():
    """Every item of a stored snapshot is read by attribute."""
    snapshot = contract.from_json(FORMAT_1_SNAPSHOT)

    first, second = snapshot.challenges
    assert snapshot.competences[0].digcomp == ("1.1",)
    assert snapshot.skills[1] == contract.Skill(
        id="sk-2", name="@recherche2", tube="tube-1", level=2, pix=2.666667
    )
    assert first.illustration == contract.Illustration(id=7, alt="Une loupe")
    assert first.attachments[0].extension == "PDF"
    assert second.embed == contract.Embed(
        url="https://simulateur.example.org/", title="Simulateur", height=400
    )
    assert second.locales == ("fr-fr", "en")
    assert second.calibration == contract.Calibration()
    assert snapshot.tutorials[0].skills == (
        ("sk-1", "remediation"),
        ("sk-2", "learn_more"),
    )
    assert snapshot.hints == {"sk-1": "Pensez aux moteurs qui ne pistent pas."}


def test_writing_a_loaded_snapshot_gives_back_the_same_json_and_checksum():
    """The contract writes format 1 unchanged, so checksums stay comparable."""
    stored = copy.deepcopy(FORMAT_1_SNAPSHOT)

    written = contract.to_json(contract.from_json(stored))

    assert written == FORMAT_1_SNAPSHOT
    assert contract.checksum(written) == contract.checksum(FORMAT_1_SNAPSHOT)


def test_a_snapshot_older_than_shuffling_reads_as_not_shuffled():
    """Keys added to format 1 over time get their old meaning when missing."""
    challenge = {**FORMAT_1_SNAPSHOT["challenges"][0]}
    del challenge["shuffled"]

    assert contract.challenge_from_json(challenge).shuffled is False


@pytest.mark.parametrize("version", [0, contract.SNAPSHOT_FORMAT + 1, "1"])
def test_an_unknown_format_is_refused(version):
    """A snapshot from a newer (or broken) builder is not misread."""
    with pytest.raises(contract.SnapshotFormatError, match="format"):
        contract.from_json({**FORMAT_1_SNAPSHOT, "format": version})


def test_the_checksum_covers_the_canonical_json():
    """Key order and spacing do not change the checksum; content does."""
    reordered = dict(reversed(list(FORMAT_1_SNAPSHOT.items())))
    changed = {**FORMAT_1_SNAPSHOT, "hints": {}}

    assert contract.checksum(reordered) == contract.checksum(FORMAT_1_SNAPSHOT)
    assert contract.checksum(changed) != contract.checksum(FORMAT_1_SNAPSHOT)


def test_a_calibration_runs_errors_and_run_are_written_only_when_set():
    """The optional calibration fields round-trip; unset ones add no key."""
    challenge = {
        **FORMAT_1_SNAPSHOT["challenges"][0],
        "calibration": {
            "difficulty": 0.4,
            "discrimination": 1.1,
            "difficulty_se": 0.12,
            "discrimination_se": 0.2,
            "answers": 340,
            "run": 7,
        },
    }

    loaded = contract.challenge_from_json(challenge)

    assert loaded.calibration.run == 7
    assert loaded.calibration.calibrated
    assert contract.to_json(loaded) == challenge
    imported = contract.to_json(
        contract.challenge_from_json(FORMAT_1_SNAPSHOT["challenges"][1])
    )
    assert imported["calibration"] == {"difficulty": None, "discrimination": None}
    assert not contract.Calibration().calibrated
