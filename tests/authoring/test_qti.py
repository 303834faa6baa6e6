"""QTI 3.0 export and import of challenges.

No package on PyPI or npm ships the QTI 3.0 XSD (citolab-qti-convert, incept-qti-sdk
and qti-package-maker were inspected), so packages are validated structurally:
namespaces, required attributes, declared versus used responses, correct values
against choice identifiers, files present, and the response processing is run by a
small interpreter of the operators the export writes.
"""

import io
import posixpath
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError
from lxml import etree
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from authoring.models import Challenge
from authoring.qti import export_qti_package, import_qti_package
from authoring.qti.vocabulary import CP_NS, MATCH_CORRECT, QTI_NS, item_identifier
from authoring.qti.xhtml import QTI_HTML
from runtime.domain.challenge_format import (
    parse_choices,
    parse_indexes,
    parse_keyed_variants,
    parse_variants,
    split_proposals,
)
from tests.factories import make_challenge, make_skill

pytestmark = pytest.mark.django_db

ROUND_TRIP_CASES = [
    {
        "type": "QCU",
        "instruction": "Quelle est la **capitale** de la "
        "[France](https://fr.wikipedia.org/wiki/France) ?",
        "shuffled": True,
    },
    {
        "type": "QCM",
        "instruction": "Cochez les couleurs :\n\n- primaires\n- secondaires",
        "proposals": "- *rouge*\n- vert\n- `bleu`\n- chaise",
        "solution": "3,1",
    },
    {"type": "QROC", "alternative_instruction": "Nommez la capitale."},
    {"type": "QROC", "proposals": "", "solution": "Paris"},
    {"type": "QROCM-ind"},
    {
        "type": "QROCM-ind",
        "instruction": "Complétez :\n\n1. la ville\n2. le code postal",
        "proposals": "| Ville | Code postal |\n|---|---|\n| ${ville} | ${cp#75000} |",
    },
    {"type": "QROCM-dep"},
    {
        "type": "QROC",
        "proposals": 'Format : ${r options=["A","B"]}',
        "solution": "B",
    },
]
ITEM_CHILDREN = [
    "qti-response-declaration",
    "qti-outcome-declaration",
    "qti-item-body",
    "qti-response-processing",
]


def q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def local(element) -> str:
    return etree.QName(element).localname


def export(challenges) -> tuple[bytes, object]:
    buffer = io.BytesIO()
    report = export_qti_package(challenges=challenges, destination=buffer)
    return buffer.getvalue(), report


def items_of(package: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("items/")
        }


def only_item(package: bytes) -> etree._Element:
    (item,) = items_of(package).values()
    return item


def rewrite(package: bytes, old: str, new: str) -> bytes:
    """Return the package with old replaced by new in every item file."""
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("items/"):
                data = data.replace(old.encode(), new.encode())
            target.writestr(name, data)
    return buffer.getvalue()


def answer_model(challenge: Challenge) -> dict:
    """Return what a learner sees and what is accepted, parsed structurally."""
    if challenge.type in ("QCU", "QCM"):
        proposals = parse_choices(challenge.proposals)
        solution = sorted(parse_indexes(challenge.solution))
    else:
        proposals = split_proposals(challenge.proposals)
        solution = (
            parse_variants(challenge.solution)
            if challenge.type == "QROC"
            else parse_keyed_variants(challenge.solution)
        )
    return {
        "type": challenge.type,
        "instruction": challenge.instruction,
        "alternative_instruction": challenge.alternative_instruction,
        "proposals": proposals,
        "solution": solution,
        "shuffled": challenge.shuffled,
    }


# Structural validation -------------------------------------------------------


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


# A small interpreter of the response processing the export writes -------------


def score(item, answers: dict[str, str]) -> float:
    """Return SCORE after the item's response processing on answers."""
    condition = item.find(
        f"{q('qti-response-processing')}/{q('qti-response-condition')}"
    )
    branch, otherwise = condition
    taken = branch if evaluate(branch[0], item, answers) else otherwise
    return float(taken.find(q("qti-set-outcome-value"))[0].text)


def evaluate(expression, item, answers):
    name, operands = local(expression), list(expression)
    if name in ("qti-and", "qti-or"):
        results = [evaluate(operand, item, answers) for operand in operands]
        return all(results) if name == "qti-and" else any(results)
    if name == "qti-not":
        return not evaluate(operands[0], item, answers)
    if name == "qti-base-value":
        if expression.get("base-type") == "boolean":
            return expression.text == "true"
        return expression.text
    if name == "qti-variable":
        return answers.get(expression.get("identifier"))
    if name == "qti-map-response":
        return map_response(item, expression.get("identifier"), answers)
    first, second = (evaluate(operand, item, answers) for operand in operands)
    if first is None or second is None:
        return False
    if name == "qti-string-match" and expression.get("case-sensitive") == "false":
        return first.lower() == second.lower()
    if name in ("qti-string-match", "qti-match"):
        return first == second
    if name == "qti-equal":
        return float(first) == float(second)
    assert name == "qti-gte", name
    return float(first) >= float(second)


def map_response(item, identifier: str, answers: dict[str, str]) -> float:
    declaration = next(
        el
        for el in item.iter(q("qti-response-declaration"))
        if el.get("identifier") == identifier
    )
    answer = answers.get(identifier)
    for entry in declaration.iter(q("qti-map-entry")):
        key = entry.get("map-key")
        sensitive = entry.get("case-sensitive") == "true"
        if answer is not None and (
            key == answer if sensitive else key.lower() == answer.lower()
        ):
            return float(entry.get("mapped-value"))
    return float(declaration.find(q("qti-mapping")).get("default-value"))


# Export ---------------------------------------------------------------------------


def test_every_type_round_trips_through_a_qti_package():
    """Exported then imported, each type keeps its statement, proposals, solution."""
    originals = [make_challenge(**case) for case in ROUND_TRIP_CASES]
    package, _report = export(originals)

    result = import_qti_package(source=io.BytesIO(package), skill=make_skill())

    assert [answer_model(c) for c in result.challenges] == [
        answer_model(c) for c in originals
    ]
    assert result.challenges[-1].proposals == 'Format : ${r options=["A","B"]}'


def test_the_exported_package_is_structurally_valid_qti_3():
    """Manifest, items, responses, choices, files and processing follow QTI 3.0."""
    image = Image.objects.create(title="Capture", file=get_test_image_file())
    document = Document.objects.create(
        title="Ventes", file=ContentFile(b"mois;ventes\n", name="ventes.csv")
    )
    challenges = [make_challenge(**case) for case in ROUND_TRIP_CASES]
    challenges[0].illustration, challenges[0].illustration_alt = image, "Une carte"
    challenges[0].save()
    challenges[0].attachments.set([document])
    challenges[0].save()

    package, _report = export(challenges)

    assert structural_problems(package) == []


def test_the_structural_check_catches_a_correct_response_naming_no_choice():
    """The validator used above is not vacuous."""
    package = export([make_challenge(type="QCU")])[0]

    problems = structural_problems(rewrite(package, ">CHOICE_1<", ">CHOICE_9<"))

    assert [problem.split(": ", 1)[1] for problem in problems] == [
        "unknown choice CHOICE_9"
    ]


def test_a_choice_item_declares_its_right_choices_and_the_match_correct_template():
    """QCM: multiple cardinality, CHOICE_n identifiers, max-choices 0, shuffle."""
    challenge = make_challenge(type="QCM", solution="3,1", shuffled=True)

    item = only_item(export([challenge])[0])

    interaction = item.find(f"{q('qti-item-body')}/{q('qti-choice-interaction')}")
    assert [v.text for v in item.iter(q("qti-value"))][:2] == ["CHOICE_1", "CHOICE_3"]
    assert dict(interaction.attrib) == {
        "response-identifier": "RESPONSE",
        "shuffle": "true",
        "max-choices": "0",
    }
    assert [c.text for c in interaction] == ["rouge", "vert", "bleu", "chaise"]
    assert item.find(q("qti-response-processing")).get("template") == MATCH_CORRECT


def test_every_accepted_variant_of_a_text_field_scores():
    """The mapping gives 1 to each variant; without T1 the match is case-sensitive."""
    tolerant = make_challenge(type="QROC")
    strict = make_challenge(type="QROC", tolerance_t1=False)

    items = [only_item(export([tolerant])[0]), only_item(export([strict])[0])]

    entries = [
        [
            (e.get("map-key"), e.get("case-sensitive"))
            for e in it.iter(q("qti-map-entry"))
        ]
        for it in items
    ]
    assert entries == [
        [("Paris", "false"), ("paris intra-muros", "false")],
        [("Paris", "true"), ("paris intra-muros", "true")],
    ]
    answers = ["PARIS", "paris intra-muros", "Lyon", ""]
    assert [score(items[0], {"RESPONSE_reponse": a}) for a in answers] == [1, 1, 0, 0]
    assert [score(items[1], {"RESPONSE_reponse": a}) for a in answers] == [0, 1, 0, 0]


def test_qrocm_ind_scores_only_when_every_field_is_right():
    """Each field is checked against its own variants."""
    item = only_item(export([make_challenge(type="QROCM-ind")])[0])

    scores = [
        score(item, {"RESPONSE_ville": ville, "RESPONSE_cp": cp})
        for ville, cp in [("paris", "75001"), ("Paris", "75002"), ("75001", "Paris")]
    ]

    assert scores == [1, 0, 0]


def test_qrocm_dep_accepts_the_groups_in_any_order_but_not_twice_the_same():
    """Order-free matching: each field fills a different solution group."""
    challenge = make_challenge(
        type="QROCM-dep",
        proposals="${a} et ${b}",
        solution="a:\n- Paris\n- paname\nb:\n- Lyon",
    )
    item = only_item(export([challenge])[0])

    scores = [
        score(item, {"RESPONSE_a": first, "RESPONSE_b": second})
        for first, second in [
            ("Paris", "Lyon"),
            ("lyon", "PANAME"),
            ("Paris", "paname"),
            ("Lyon", "Lyon"),
        ]
    ]

    assert scores == [1, 1, 0, 0]


def test_a_qrocm_dep_with_many_fields_lets_each_field_take_any_group():
    """Past six fields the permutations are replaced by 'any group, all distinct'."""
    keys = "abcdefg"
    challenge = make_challenge(
        type="QROCM-dep",
        proposals=" ".join(f"${{{key}}}" for key in keys),
        solution="\n".join(f"{key}: mot{key}" for key in keys),
    )
    item = only_item(export([challenge])[0])
    reversed_answers = {
        f"RESPONSE_{key}": f"mot{other}"
        for key, other in zip(keys, reversed(keys), strict=True)
    }

    scores = [
        score(item, reversed_answers),
        score(item, reversed_answers | {"RESPONSE_a": "motb", "RESPONSE_b": "motb"}),
        score(item, reversed_answers | {"RESPONSE_a": "autre"}),
    ]

    assert scores == [1, 0, 0]


def test_a_drop_down_is_an_inline_choice_with_exact_identifiers():
    """${r options=[…]} becomes a qti-inline-choice-interaction; no tolerance."""
    challenge = make_challenge(
        type="QROC", proposals='Format : ${r options=["A","B"]}', solution="B"
    )

    item = only_item(export([challenge])[0])

    interaction = next(item.iter(q("qti-inline-choice-interaction")))
    assert [(c.get("identifier"), c.text) for c in interaction] == [
        ("CHOICE_1", "A"),
        ("CHOICE_2", "B"),
    ]
    assert [score(item, {"RESPONSE_r": v}) for v in ("CHOICE_2", "CHOICE_1")] == [1, 0]


def test_a_number_field_is_compared_as_a_float():
    """Answer format number: base-type float and normalised numbers."""
    challenge = make_challenge(
        type="QROC", answer_format="number", solution="25 000\n3,50"
    )

    item = only_item(export([challenge])[0])

    declaration = next(item.iter(q("qti-response-declaration")))
    assert declaration.get("base-type") == "float"
    assert [e.get("map-key") for e in item.iter(q("qti-map-entry"))] == ["25000", "3.5"]


def test_the_fidelity_report_lists_everything_qti_cannot_express():
    """Tolerances, format, timer, focus, embed, partial, metadata: all listed."""
    prototype = make_challenge(type="QROCM-dep")
    challenge = make_challenge(
        type="QROCM-dep",
        skill=prototype.skill,
        prototype=prototype,
        declinaison_number=2,
        answer_format="number",
        partial_min=1,
        partial_max=2,
        timer=60,
        focused=True,
        embed_url="https://simulateur.example.org/tableur",
        embed_title="Tableur",
        embed_height=400,
        locales=["fr-fr", "en"],
        pedagogy="practice",
        accessibility_blind="KO",
        difficulty=1.5,
        discrimination=0.8,
    )

    _package, report = export([challenge])

    assert report.items[0].notes == [
        "T1 approchée : la correspondance QTI ignore la casse (case-sensitive=false) "
        "mais ni les accents ni les espaces.",
        "T2 perdue : la ponctuation n'est pas ignorée en QTI.",
        "T3 perdue : les fautes de frappe (distance de Levenshtein) sont refusées.",
        "Format nombre approché : les réponses sont comparées comme nombres "
        "flottants (base-type float) ; la virgule décimale et les espaces entre "
        "chiffres dépendent de la plateforme QTI.",
        "Correspondance sans ordre (QROCM-dep) approchée : toutes les affectations "
        "des champs aux groupes de solutions sont énumérées et deux champs ne "
        "peuvent avoir la même réponse, mais l'identité des réponses après "
        "tolérances n'est pas reproduite.",
        "Réussite partielle perdue (1 à 2 champs justes) : le score QTI vaut 0 ou 1.",
        "Minuteur de 60 s perdu : en QTI, les limites de temps (qti-time-limits) se "
        "fixent dans le test, pas dans l'item.",
        "Épreuve focalisée perdue : la sortie de page n'est pas détectée.",
        "Simulateur intégré perdu : Tableur "
        "(https://simulateur.example.org/tableur, hauteur 400 px).",
        "Pédagogie « Tâche pratique » perdue.",
        "Langues supplémentaires perdues : en (xml:lang n'en porte qu'une).",
        "Compatibilité d'accessibilité perdue : non-voyants KO.",
        f"Lien de déclinaison perdu : déclinaison n° 2 du prototype {prototype.uid}.",
        "Calibration perdue : difficulté b = 1.5, discrimination a = 0.8.",
    ]


def test_a_drop_down_only_challenge_reports_no_tolerance_loss():
    """Tolerances never apply to drop-downs, so nothing about them is lost."""
    challenge = make_challenge(
        type="QROC", proposals='${r options=["A","B"]}', solution="A"
    )

    _package, report = export([challenge])

    assert report.items[0].notes == ["Pédagogie « Question de connaissance » perdue."]


def test_media_are_copied_into_the_package_and_imported_back():
    """The illustration (with alt) and attachments travel as package files."""
    image = Image.objects.create(title="Capture", file=get_test_image_file())
    document = Document.objects.create(
        title="Ventes", file=ContentFile(b"mois;ventes\n", name="ventes.csv")
    )
    challenge = make_challenge(illustration=image, illustration_alt="Une carte")
    challenge.attachments.set([document])
    challenge.save()
    package, _report = export([challenge])

    imported = import_qti_package(source=io.BytesIO(package), skill=make_skill())

    (copy,) = imported.challenges
    assert copy.illustration_alt == "Une carte"
    assert copy.illustration.file.read() == image.file.open("rb").read()
    assert [(d.title, d.file.read()) for d in copy.attachments.all()] == [
        ("Ventes", b"mois;ventes\n")
    ]


# Import ---------------------------------------------------------------------------


def test_imported_challenges_are_unpublished_proposed_drafts_with_one_revision():
    """Import creates drafts on the given skill; nothing goes live."""
    package, _report = export([make_challenge(type="QCU", publish=True)])
    skill = make_skill()

    result = import_qti_package(source=io.BytesIO(package), skill=skill)

    (challenge,) = result.challenges
    challenge.refresh_from_db()
    assert (challenge.skill, challenge.status, challenge.live) == (
        skill,
        "proposed",
        False,
    )
    assert (challenge.revisions.count(), challenge.live_revision) == (1, None)


def test_an_invalid_item_cancels_the_whole_import_and_every_problem_is_reported():
    """Nothing is created when an item fails; each problem names its item."""
    good = make_challenge(type="QROC")
    bad = [make_challenge(type="QCU"), make_challenge(type="QCU")]
    package = rewrite(export([good, *bad])[0], "<qti-value>CHOICE_1<", "<qti-value>X<")
    before = Challenge.objects.count()

    result = import_qti_package(source=io.BytesIO(package), skill=make_skill())

    assert (result.challenges, Challenge.objects.count()) == ([], before)
    assert [(item.identifier, item.errors) for item in result.report.items[1:]] == [
        (
            item_identifier(challenge.uid),
            [
                "solution : Ce champ ne peut pas être vide.",
                "solution : La solution est vide.",
            ],
        )
        for challenge in bad
    ]


def foreign_package(items: dict[str, str]) -> bytes:
    """Return a package with hand-written items (identifier: body of the item)."""
    buffer = io.BytesIO()
    resources = "".join(
        f'<resource identifier="{name}" type="imsqti_item_xmlv3p0" href="{name}.xml">'
        f'<file href="{name}.xml"/></resource>'
        for name in items
    )
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "imsmanifest.xml",
            f'<manifest xmlns="{CP_NS}" identifier="M"><resources>{resources}'
            "</resources></manifest>",
        )
        for name, content in items.items():
            archive.writestr(
                f"{name}.xml",
                f'<qti-assessment-item xmlns="{QTI_NS}" identifier="{name}" '
                f'title="{name}" time-dependent="false" xml:lang="en">{content}'
                "</qti-assessment-item>",
            )
    return buffer.getvalue()


ESSAY = """
<qti-response-declaration identifier="RESPONSE" cardinality="single"
 base-type="string"/>
<qti-item-body><p>Racontez.</p>
<qti-extended-text-interaction response-identifier="RESPONSE"/></qti-item-body>
"""
FOREIGN_QCM = """
<qti-response-declaration identifier="R1" cardinality="multiple" base-type="identifier">
<qti-correct-response><qti-value>b</qti-value><qti-value>c</qti-value>
</qti-correct-response></qti-response-declaration>
<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
<qti-item-body><qti-choice-interaction response-identifier="R1" max-choices="0">
<qti-prompt>Which are colours?</qti-prompt>
<qti-simple-choice identifier="a">chair</qti-simple-choice>
<qti-simple-choice identifier="b">red</qti-simple-choice>
<qti-simple-choice identifier="c"><em>green</em></qti-simple-choice>
</qti-choice-interaction></qti-item-body>
<qti-response-processing template="{template}"/>
<qti-modal-feedback outcome-identifier="FEEDBACK" identifier="OK" show-hide="show">
Bien.</qti-modal-feedback>
"""


def test_a_foreign_package_imports_its_supported_items_and_reports_the_rest():
    """Unsupported interactions are skipped with a message; ignored parts noted."""
    package = foreign_package(
        {
            "essay": ESSAY,
            "colours": FOREIGN_QCM.format(template=MATCH_CORRECT),
        }
    )

    result = import_qti_package(source=io.BytesIO(package), skill=make_skill())

    assert [answer_model(c) for c in result.challenges] == [
        {
            "type": "QCM",
            "instruction": "Which are colours?",
            "alternative_instruction": "",
            "proposals": ["chair", "red", "*green*"],
            "solution": [2, 3],
            "shuffled": False,
        }
    ]
    assert result.challenges[0].locales == ["en"]
    assert [(i.identifier, i.skipped, i.notes) for i in result.report.items] == [
        (
            "essay",
            "interaction(s) non prise(s) en charge : qti-extended-text-interaction.",
            [],
        ),
        ("colours", "", ["Élément QTI ignoré : qti-modal-feedback."]),
    ]


# Management commands ---------------------------------------------------------------


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
