"""Reading learner lists: CSV and SIECLE XML, row by row (DOMAIN.md §6)."""

import pytest

from runtime.domain.learner_lists import (
    CREATED,
    REJECTED,
    UNCHANGED,
    UPDATED,
    ListError,
    classify,
    read_list,
)

CSV = (
    "INE;Nom de famille*;Premier prénom*;Deuxième prénom;Nom d'usage;"
    "Date de naissance (jj/mm/aaaa)*;Sexe;Classe\n"
    "123456789AB;Dupont;Léa;Marie;;07/03/2011;F;3e A\n"
    ";Martin;Lucas;;;12/05/2011;M;3e A\n"
    "223456789AB;Durand;Hugo;;;31/02/2011;M;3e B\n"
    "323456789AB;Petit;Inès;;Garnier;2011-09-01;X;3e B\n"
    "423456789AB;Roux;Tom;;;01/01/2011;;3e B\n"
    "\n"
    "423456789ab;Roux;Tim;;;02/01/2011;;3e B\n"
)


def _summary(rows):
    return [(row.line, row.reason, row.detail) for row in rows]


def test_a_csv_list_is_read_row_by_row_with_reasons():
    rows = read_list(CSV.encode(), "classe.csv")

    assert _summary(rows) == [
        (2, "", ""),
        (3, "missing_national_id", ""),
        (4, "bad_date", "31/02/2011"),
        (5, "bad_sex", "X"),
        (6, "duplicate", "8"),
        (8, "duplicate", "6"),
    ]
    assert rows[0].values == {
        "national_id": "123456789AB",
        "first_name": "Léa",
        "middle_name": "Marie",
        "third_name": "",
        "last_name": "Dupont",
        "preferred_last_name": "",
        "birthdate": "2011-03-07",
        "sex": "F",
        "division": "3e A",
    }


def test_commas_windows_encoding_and_byte_order_mark_are_read():
    text = "INE,Nom,Prénom,Date de naissance\nA1,Lefèvre,Zoé,02/02/2012\n"

    for data in (text.encode("cp1252"), b"\xef\xbb\xbf" + text.encode()):
        (row,) = read_list(data, "liste.csv")
        assert (row.values["last_name"], row.values["first_name"]) == ("Lefèvre", "Zoé")


def test_missing_columns_refuse_the_file():
    with pytest.raises(ListError) as raised:
        read_list(b"Nom;Prenom\nA;B\n", "liste.csv")

    assert (raised.value.code, raised.value.detail) == (
        "missing_columns",
        "national_id,birthdate",
    )


SIECLE = """<?xml version="1.0" encoding="ISO-8859-15"?>
<BEE_ELEVES VERSION="3.1"><DONNEES>
 <ELEVES>
  <ELEVE ELEVE_ID="1"><ID_NATIONAL>111111111AA</ID_NATIONAL>
   <NOM_DE_FAMILLE>BERNARD</NOM_DE_FAMILLE><NOM_USAGE>MOREL</NOM_USAGE>
   <PRENOM>Chloé</PRENOM><PRENOM2>Anne</PRENOM2><PRENOM3>Lou</PRENOM3>
   <DATE_NAISS>15/10/2010</DATE_NAISS><CODE_SEXE>2</CODE_SEXE></ELEVE>
  <ELEVE ELEVE_ID="2"><ID_NATIONAL>222222222BB</ID_NATIONAL>
   <NOM_DE_FAMILLE>GIRARD</NOM_DE_FAMILLE><PRENOM>Noé</PRENOM>
   <DATE_NAISS>01/01/2010</DATE_NAISS><CODE_SEXE>1</CODE_SEXE>
   <DATE_SORTIE>01/12/2024</DATE_SORTIE></ELEVE>
  <ELEVE ELEVE_ID="3"><NOM_DE_FAMILLE>FAURE</NOM_DE_FAMILLE><PRENOM>Jade</PRENOM>
   <DATE_NAISS>03/03/2010</DATE_NAISS></ELEVE>
 </ELEVES>
 <STRUCTURES><STRUCTURES_ELEVE ELEVE_ID="1">
  <STRUCTURE><CODE_STRUCTURE>4B</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE>
  <STRUCTURE><CODE_STRUCTURE>LATIN</CODE_STRUCTURE><TYPE_STRUCTURE>G</TYPE_STRUCTURE></STRUCTURE>
 </STRUCTURES_ELEVE></STRUCTURES>
</DONNEES></BEE_ELEVES>"""


def test_a_siecle_export_gives_pupils_with_their_division():
    rows = read_list(SIECLE.encode("iso-8859-15"), "ElevesSansAdresses.xml")

    assert _summary(rows) == [(1, "", ""), (3, "missing_national_id", "")]
    assert rows[0].values == {
        "national_id": "111111111AA",
        "first_name": "Chloé",
        "middle_name": "Anne",
        "third_name": "Lou",
        "last_name": "BERNARD",
        "preferred_last_name": "MOREL",
        "birthdate": "2010-10-15",
        "sex": "F",
        "division": "4B",
    }


def test_unreadable_xml_is_refused():
    with pytest.raises(ListError, match="bad_xml"):
        read_list(b"<BEE_ELEVES><unclosed></BEE_ELEVES>", "x.xml")


def test_external_entities_are_never_read():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<BEE_ELEVES><ELEVE><ID_NATIONAL>A</ID_NATIONAL><PRENOM>&e;</PRENOM>"
        b"<NOM_DE_FAMILLE>X</NOM_DE_FAMILLE><DATE_NAISS>01/01/2010</DATE_NAISS>"
        b"</ELEVE></BEE_ELEVES>"
    )

    (row,) = read_list(data, "x.xml")

    assert row.reason == "missing_first_name"
    assert "root" not in row.values["first_name"]


def test_classify_says_what_confirming_does():
    rows = read_list(CSV.encode(), "classe.csv")
    known = {
        "123456789AB": {**rows[0].values, "is_active": "1"},
        "ZZZ": {"national_id": "ZZZ", "is_active": "1"},
        "YYY": {"national_id": "YYY", "is_active": "0"},
    }

    classified = classify(rows, known)

    assert [action for action, _row in classified.rows] == [
        UNCHANGED, REJECTED, REJECTED, REJECTED, REJECTED, REJECTED,
    ]  # fmt: skip
    assert classified.deactivated == ("ZZZ",)
    known["123456789AB"]["division"] = "4e C"
    assert classify(rows, known).rows[0][0] == UPDATED
    assert classify(rows, {}).rows[0][0] == CREATED
