"""QTI 3.0 names shared by export and import: namespaces, templates, identifiers."""

import re

from lxml import etree

QTI_NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

QTI_SCHEMA = (
    "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"
)
CP_SCHEMA = (
    "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
)
MATCH_CORRECT = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"
MAP_RESPONSE = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml"
ITEM_RESOURCE = "imsqti_item_xmlv3p0"
MANIFEST = "imsmanifest.xml"

TOOL_NAME = "CRCN workbench"
TOOL_VERSION = "1"
RESPONSE = "RESPONSE"
SCORE = "SCORE"

# Classes that mark the parts of an item body this workbench writes.
INSTRUCTION_CLASS = "crcn-instruction"
ALTERNATIVE_CLASS = "crcn-alternative-instruction"
MEDIA_CLASS = "crcn-media"
PROPOSALS_CLASS = "crcn-proposals"

CHOICE_INTERACTION = "qti-choice-interaction"
TEXT_ENTRY_INTERACTION = "qti-text-entry-interaction"
INLINE_CHOICE_INTERACTION = "qti-inline-choice-interaction"
FIELD_INTERACTIONS = (TEXT_ENTRY_INTERACTION, INLINE_CHOICE_INTERACTION)

LOCALE_TO_LANG = {"fr-fr": "fr-FR", "fr": "fr", "en": "en"}

_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def qti(tag: str) -> str:
    """Return the qualified name of a QTI 3.0 element."""
    return f"{{{QTI_NS}}}{tag}"


def local_name(element: etree._Element) -> str:
    """Return the tag of an element without its namespace ('' for comments)."""
    if not isinstance(element.tag, str):
        return ""
    return etree.QName(element).localname


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str):
    """Append a QTI child element with attributes (underscores become dashes)."""
    child = etree.SubElement(parent, qti(tag))
    for name, value in attrs.items():
        child.set(name.replace("_", "-"), value)
    if text is not None:
        child.text = text
    return child


def is_identifier(text: str) -> bool:
    """Return True when text is a valid QTI identifier (an XML NCName)."""
    return bool(_NCNAME.match(text))


def item_identifier(uid: str) -> str:
    """Return the QTI identifier of a challenge: its uid, prefixed when needed."""
    return uid if is_identifier(uid) else f"ch-{uid}"


def response_identifier(key: str | None) -> str:
    """Return the response identifier of a field: RESPONSE_<key> (or RESPONSE)."""
    return f"{RESPONSE}_{key}" if key else RESPONSE


def safe_parser() -> etree.XMLParser:
    """Return an XML parser that never resolves entities nor reaches the network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False
    )


class DoctypeRefused(ValueError):
    """The XML document declares a DTD: QTI needs none, and entities are refused."""


def parse_xml(data: bytes) -> etree._Element:
    """Return the root element of an XML document read with the safe parser.

    A document with a <!DOCTYPE> is refused (DoctypeRefused): its entities are
    never expanded, and the unexpanded references would reach the item reader.
    """
    root = etree.fromstring(data, parser=safe_parser())
    if root.getroottree().docinfo.doctype:
        raise DoctypeRefused
    return root


def serialise(root: etree._Element) -> bytes:
    """Return a UTF-8 XML document with its declaration, indented."""
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
