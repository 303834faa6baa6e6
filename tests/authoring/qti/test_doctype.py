"""A QTI package declaring a DTD is refused with a report line, never a traceback.

Issue #13, item 7: an entity declared in an item's DTD reached the reader as an
unexpanded reference and crashed the import.
"""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from authoring.models import Challenge
from authoring.qti import QtiPackageError, import_qti_package
from authoring.qti.vocabulary import CP_NS, QTI_NS
from tests.factories import make_skill

pytestmark = pytest.mark.django_db

DOCTYPE = '<!DOCTYPE qti-assessment-item [<!ENTITY e "rouge">]>'
ITEM = f"""<?xml version="1.0" encoding="UTF-8"?>
{{doctype}}
<qti-assessment-item xmlns="{QTI_NS}" identifier="couleur" title="Couleur"
 time-dependent="false" xml:lang="fr">
<qti-response-declaration identifier="RESPONSE" cardinality="single"
 base-type="string"><qti-correct-response><qti-value>rouge</qti-value>
</qti-correct-response></qti-response-declaration>
<qti-item-body>{{entity}}<p>Quelle couleur ?</p>
<qti-text-entry-interaction response-identifier="RESPONSE"/></qti-item-body>
</qti-assessment-item>"""
MANIFEST = (
    f'{{doctype}}<manifest xmlns="{CP_NS}" identifier="M"><resources>'
    '<resource identifier="couleur" type="imsqti_item_xmlv3p0" href="couleur.xml">'
    '<file href="couleur.xml"/></resource></resources></manifest>'
)


def package(*, item_doctype: str = "", manifest_doctype: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST.format(doctype=manifest_doctype))
        archive.writestr(
            "couleur.xml",
            ITEM.format(doctype=item_doctype, entity="&e;" if item_doctype else ""),
        )
    return buffer.getvalue()


def test_the_same_item_without_a_doctype_imports():
    """The control: only the DTD makes the difference."""
    result = import_qti_package(
        source=io.BytesIO(package()), skill=make_skill(), trusted=True
    )

    assert [c.solution for c in result.challenges] == ["rouge"]


def test_an_item_with_an_entity_is_refused_with_a_report_line():
    """The item gets an error in the fidelity report and nothing is created."""
    result = import_qti_package(
        source=io.BytesIO(package(item_doctype=DOCTYPE)),
        skill=make_skill(),
        trusted=True,
    )

    assert result.challenges == []
    assert Challenge.objects.count() == 0
    assert [(item.identifier, item.errors) for item in result.report.items] == [
        (
            "couleur",
            [
                "couleur.xml déclare une DTD (<!DOCTYPE>) : refusé. Les paquets "
                "QTI 3.0 n'en ont pas besoin et les entités XML ne sont pas lues."
            ],
        )
    ]


def test_a_manifest_with_a_doctype_is_refused():
    """The whole package is refused, in French."""
    with pytest.raises(QtiPackageError, match=r"imsmanifest.xml déclare une DTD"):
        import_qti_package(
            source=io.BytesIO(package(manifest_doctype="<!DOCTYPE manifest>")),
            skill=make_skill(),
            trusted=True,
        )


def test_the_command_prints_the_report_and_fails_cleanly(tmp_path, capsys):
    """import_qti ends with a CommandError after the report, not a traceback."""
    path = tmp_path / "paquet.zip"
    path.write_bytes(package(item_doctype=DOCTYPE))

    with pytest.raises(CommandError, match="Import annulé"):
        call_command("import_qti", str(path), skill=make_skill().uid)

    assert "déclare une DTD" in capsys.readouterr().out
    assert Challenge.objects.count() == 0
