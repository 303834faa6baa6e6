"""Read a content pack and report every problem before anything is written."""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from jsonschema import Draft202012Validator

from referential.models import Competence

from . import serialization as ser
from .rules import check_rules

SCHEMA_DIR = Path(__file__).parent / "schema"


@dataclass(frozen=True)
class Problem:
    """One problem, located by file, item id and field."""

    file: str
    item: str
    field: str
    message: str

    def __str__(self):
        where = " > ".join(part for part in (self.file, self.item, self.field) if part)
        return f"{where} : {self.message}"


@dataclass
class Pack:
    """A pack read from disk, indexed by id (values are the raw dicts)."""

    root: Path
    name: str = ""
    competences: dict[str, dict] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # competence code -> file
    thematics: dict[str, tuple[str, dict]] = field(default_factory=dict)
    tubes: dict[str, tuple[str, str, dict]] = field(default_factory=dict)
    skills: dict[str, tuple[str, str, dict]] = field(default_factory=dict)
    challenges: dict[str, tuple[str, dict]] = field(default_factory=dict)
    tutorials: dict[str, tuple[str, dict]] = field(default_factory=dict)

    def count(self) -> int:
        """Return the number of items to import (for progress bars)."""
        return sum(
            len(items)
            for items in (
                self.thematics, self.tubes, self.skills, self.challenges, self.tutorials
            )
        )  # fmt: skip


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _load_json(root: Path, relative: str, problems: list[Problem]):
    path = root / relative
    if not path.is_file():
        problems.append(Problem(relative, "", "", _("Fichier introuvable.")))
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        message = _("Le fichier n'est pas encodé en UTF-8.")
        problems.append(Problem(relative, "", "", message))
        return None
    except json.JSONDecodeError as error:
        message = _("JSON illisible ligne %(line)s, colonne %(column)s.") % {
            "line": error.lineno,
            "column": error.colno,
        }
        problems.append(Problem(relative, "", "", message))
        return None


def _schema_problems(relative: str, data, schema: str) -> list[Problem]:
    problems = []
    for error in sorted(_validator(schema).iter_errors(data), key=lambda e: e.path):
        item = _item_id(data, list(error.absolute_path))
        where = ".".join(str(part) for part in error.absolute_path)
        message = _("non conforme au schéma : %(message)s") % {
            "message": schema_message(error)
        }
        problems.append(Problem(relative, item, where, message))
    return problems


def schema_message(error) -> str:
    """Say in French what a JSON Schema error means (jsonschema speaks English)."""
    kind, expected = error.validator, error.validator_value
    if kind == "required":
        missing = [name for name in expected if name not in (error.instance or {})]
        return _("champ obligatoire absent : %(names)s") % {"names": ", ".join(missing)}
    if kind == "additionalProperties":
        return _("champ inconnu")
    if kind == "enum":
        return _("valeur %(value)s refusée ; valeurs possibles : %(values)s") % {
            "value": json.dumps(error.instance, ensure_ascii=False),
            "values": ", ".join(json.dumps(v, ensure_ascii=False) for v in expected),
        }
    if kind == "const":
        return _("la valeur doit être %(value)s") % {
            "value": json.dumps(expected, ensure_ascii=False)
        }
    if kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        return _("type attendu : %(types)s") % {
            "types": " ou ".join(str(JSON_TYPES.get(name, name)) for name in names)
        }
    if kind == "pattern":
        return _("format invalide")
    if kind in {"minimum", "exclusiveMinimum"}:
        return _("valeur trop petite (minimum %(limit)s)") % {"limit": expected}
    if kind in {"maximum", "exclusiveMaximum"}:
        return _("valeur trop grande (maximum %(limit)s)") % {"limit": expected}
    if kind in {"minLength", "minItems"}:
        return _("trop court (au moins %(limit)s)") % {"limit": expected}
    if kind in {"maxLength", "maxItems"}:
        return _("trop long (au plus %(limit)s)") % {"limit": expected}
    if kind == "uniqueItems":
        return _("valeurs en double")
    return _("valeur refusée (règle « %(rule)s »)") % {"rule": kind}


JSON_TYPES = {
    "string": gettext_lazy("texte"),
    "integer": gettext_lazy("nombre entier"),
    "number": gettext_lazy("nombre"),
    "boolean": gettext_lazy("booléen (true ou false)"),
    "object": gettext_lazy("objet"),
    "array": gettext_lazy("liste"),
    "null": gettext_lazy("null"),
}


def _item_id(data, path: list) -> str:
    """Return the id of the innermost object with an id along a JSON path."""
    found, node = "", data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found


def _index(pack: Pack, relative: str, data: dict, problems: list[Problem]) -> None:
    code = data["competence"]

    def add(kind: dict, item_id: str, value) -> None:
        if item_id in kind:
            problems.append(
                Problem(relative, item_id, "id", _("Identifiant en double."))
            )
        kind[item_id] = value

    for thematic in data["thematics"]:
        add(pack.thematics, thematic["id"], (code, thematic))
        for tube in thematic["tubes"]:
            add(pack.tubes, tube["id"], (code, thematic["id"], tube))
            for skill in tube["skills"]:
                add(pack.skills, skill["id"], (code, tube["id"], skill))
    for challenge in data["challenges"]:
        add(pack.challenges, challenge["id"], (relative, challenge))
    for tutorial in data["tutorials"]:
        add(pack.tutorials, tutorial["id"], (relative, tutorial))


def read_pack(root: Path) -> tuple[Pack, list[Problem]]:
    """Return the pack and every problem found (schema, references, content rules)."""
    root = Path(root)
    pack, problems = Pack(root=root), []
    manifest = _load_json(root, "pack.json", problems)
    if manifest is None:
        return pack, problems
    problems += _schema_problems("pack.json", manifest, "pack-v1.json")
    if problems:
        return pack, problems
    pack.name = manifest["name"]
    known = set(Competence.objects.values_list("code", flat=True))
    for relative in manifest["competences"]:
        data = _load_json(root, relative, problems)
        if data is None:
            continue
        schema_problems = _schema_problems(relative, data, "competence-v1.json")
        problems += schema_problems
        if schema_problems:
            continue
        code = data["competence"]
        if code not in known or relative != f"competences/{code}.json":
            message = _("Compétence %(code)s inconnue ou fichier mal nommé.")
            problems.append(
                Problem(relative, "", "competence", message % {"code": code})
            )
            continue
        pack.competences[code], pack.files[code] = data, relative
        _index(pack, relative, data, problems)
    if not problems:
        problems += [Problem(*args) for args in check_rules(pack)]
    return pack, problems


def pack_format_version() -> tuple[str, int]:
    """Return the format name and version this code reads and writes."""
    return ser.FORMAT, ser.VERSION
