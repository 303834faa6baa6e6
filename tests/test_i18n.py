"""French first, English second: the catalogue is compiled and complete."""

import re
from pathlib import Path

import pytest
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"
EMPTY_MSGSTR = re.compile(r'^msgstr(\[\d\])? ""$(?!\n")', re.MULTILINE)


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("Épreuves", "Challenges"),
        ("Mes tutos", "My tutorials"),
        ("Proposer", "Propose"),
    ],
)
def test_english_is_served_from_the_compiled_catalogue(french, english):
    """With English active, interface texts come out in English."""
    with translation.override("en"):
        assert translation.gettext(french) == english


def test_an_empty_translation_is_detected():
    """The completeness check below can fail: it sees an empty msgstr."""
    assert EMPTY_MSGSTR.search('msgid "Bonjour"\nmsgstr ""')
    assert not EMPTY_MSGSTR.search('msgid ""\n"Long"\nmsgstr ""\n"Hello"')


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    """Every French text of the interface has its English translation."""
    entries = CATALOGUE.read_text(encoding="utf-8").split("\n\n")[1:]  # no header
    live = [entry for entry in entries if not entry.lstrip().startswith("#~")]

    assert [entry for entry in live if "#, fuzzy" in entry] == []
    assert [entry for entry in live if EMPTY_MSGSTR.search(entry)] == []
