"""Structural validation of QTI 3.0 packages.

No package on PyPI or npm ships the QTI 3.0 XSD (citolab-qti-convert, incept-qti-sdk
and qti-package-maker were inspected), so packages are validated structurally:
namespaces, required attributes, declared versus used responses, correct values
against choice identifiers, files present, and the response processing is run by a
small interpreter of the operators the export writes (see interpreter.py).
"""

import io
import posixpath
import zipfile

from lxml import etree

from authoring.qti.vocabulary import CP_NS, MATCH_CORRECT, QTI_NS
from authoring.qti.xhtml import QTI_HTML

from .helpers import local, q

ITEM_CHILDREN = [
    "qti-response-declaration",
    "qti-outcome-declaration",
    "qti-item-body",
    "qti-response-processing",
]


def structural_problems(package: bytes) -> list[str]:
    """Return every departure from the QTI 3.0 package rules checked here."""
    archive = zipfile.ZipFile(io.BytesIO(package))
    names = set(archive.namelist())
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    problems = manifest_problems(manifest, names)
    for resource in manifest.iter(f"{{{CP_NS}}}resource"):
        item = etree.fromstring(archive.read(resource.get("href")))
        if item.get("identifier") != resource.get("identifier"):
            problems.append(f"{resource.get('href')}: identifier differs")
        base = posixpath.dirname(resource.get("href"))
        problems += [
            f"{resource.get('href')}: {problem}"
            for problem in item_problems(item, names, base)
        ]
    return problems


def manifest_problems(manifest, names: set[str]) -> list[str]:
    problems = []
    if manifest.tag != f"{{{CP_NS}}}manifest" or not manifest.get("identifier"):
        problems.append("manifest: root or identifier")
    if manifest.findtext(f"{{{CP_NS}}}metadata/{{{CP_NS}}}schema") != "QTI Package":
        problems.append("manifest: metadata schema")
    listed = set()
    for resource in manifest.iter(f"{{{CP_NS}}}resource"):
        files = [entry.get("href") for entry in resource.iter(f"{{{CP_NS}}}file")]
        if resource.get("type") != "imsqti_item_xmlv3p0":
            problems.append(f"resource type {resource.get('type')}")
        if resource.get("href") not in files:
            problems.append(f"resource {resource.get('href')} not among its files")
        problems += [f"missing file {href}" for href in files if href not in names]
        listed.update(files)
    problems += [
        f"unlisted file {name}" for name in names - listed - {"imsmanifest.xml"}
    ]
    return problems


def item_problems(item, names: set[str], base: str) -> list[str]:
    problems = []
    if item.tag != q("qti-assessment-item"):
        return ["root is not qti-assessment-item"]
    for attribute in ("identifier", "title", "time-dependent", "adaptive"):
        if not item.get(attribute):
            problems.append(f"missing {attribute}")
    if [local(child) for child in item] != sorted(
        (local(child) for child in item), key=ITEM_CHILDREN.index
    ):
        problems.append("children out of order")
    foreign = {el.tag for el in item.iter() if etree.QName(el).namespace != QTI_NS}
    problems += [f"foreign element {tag}" for tag in sorted(foreign)]
    problems += response_problems(item) + body_problems(item, names, base)
    return problems + processing_problems(item)


def response_problems(item) -> list[str]:
    problems = []
    interactions = {
        el.get("response-identifier"): el
        for el in item.iter()
        if local(el).endswith("-interaction")
    }
    used = [
        el.get("response-identifier")
        for el in item.iter()
        if local(el).endswith("-interaction")
    ]
    declarations = list(item.iter(q("qti-response-declaration")))
    declared = [declaration.get("identifier") for declaration in declarations]
    if sorted(used) != sorted(declared) or len(set(used)) != len(used):
        problems.append(f"responses declared {declared} but used {used}")
    for declaration in declarations:
        interaction = interactions.get(declaration.get("identifier"))
        problems += declaration_problems(declaration, interaction)
    return problems


def declaration_problems(declaration, interaction) -> list[str]:
    problems = []
    cardinality = declaration.get("cardinality")
    base_type = declaration.get("base-type")
    if cardinality not in ("single", "multiple"):
        problems.append(f"cardinality {cardinality}")
    if base_type not in ("identifier", "string", "float"):
        problems.append(f"base-type {base_type}")
    values = [v.text for v in declaration.iter(q("qti-value"))]
    if not values or (cardinality == "single" and len(values) != 1):
        problems.append(f"correct response {values}")
    entries = list(declaration.iter(q("qti-map-entry")))
    for entry in entries:
        if entry.get("case-sensitive") not in ("true", "false"):
            problems.append("map-entry case-sensitive")
        float(entry.get("mapped-value"))
    if base_type == "identifier" and interaction is not None:
        choices = [el.get("identifier") for el in interaction if el.get("identifier")]
        keys = values + [entry.get("map-key") for entry in entries]
        problems += [f"unknown choice {key}" for key in keys if key not in choices]
        if len(set(choices)) != len(choices):
            problems.append("duplicate choice identifiers")
    return problems


def body_problems(item, names: set[str], base: str) -> list[str]:
    problems = []
    for element in item.find(q("qti-item-body")).iter():
        name = local(element)
        if not name.startswith("qti-") and name not in QTI_HTML:
            problems.append(f"element {name} not allowed in a body")
        if name == "img" and not element.get("alt"):
            problems.append("img without alt")
        for attribute in ("src", "href"):
            target = element.get(attribute, "")
            path = posixpath.normpath(posixpath.join(base, target))
            if target and "://" not in target and path not in names:
                problems.append(f"broken link {target}")
        if name == "qti-choice-interaction":
            if element.get("max-choices") not in ("0", "1"):
                problems.append("max-choices")
            if element.get("shuffle") not in ("true", "false"):
                problems.append("shuffle")
    return problems


def processing_problems(item) -> list[str]:
    processing = item.find(q("qti-response-processing"))
    if processing is None:
        return ["no response processing"]
    if processing.get("template"):
        return [] if processing.get("template") == MATCH_CORRECT else ["template"]
    declared = {el.get("identifier") for el in item.iter(q("qti-response-declaration"))}
    outcomes = {el.get("identifier") for el in item.iter(q("qti-outcome-declaration"))}
    problems = []
    for element in processing.iter(q("qti-variable"), q("qti-map-response")):
        if element.get("identifier") not in declared:
            problems.append(f"unknown response {element.get('identifier')}")
    for element in processing.iter(q("qti-set-outcome-value")):
        if element.get("identifier") not in outcomes:
            problems.append(f"unknown outcome {element.get('identifier')}")
    return problems
