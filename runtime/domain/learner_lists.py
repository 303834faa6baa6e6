"""Reading an organisation's list of learners: CSV or SIECLE-style XML. No Django.

``read_list`` returns one ``ListRow`` per learner of the file, valid or with
the reason (in French) it is rejected; ``classify`` compares the valid rows
with the learners already known and says what confirming would do. The file
is the organisation's complete list: known learners missing from it will be
marked inactive, never deleted.
"""

import csv
import datetime
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree

from .accounts import standardise_name

FIELDS = ("national_id", "first_name", "middle_name", "third_name", "last_name",
          "preferred_last_name", "birthdate", "sex", "division")  # fmt: skip
REQUIRED = ("national_id", "first_name", "last_name", "birthdate")
MAX_ROWS = 20_000
"""More rows than any school or university has: a bigger file is refused."""

# Column headers, standardised (lower case, letters and digits), to fields.
HEADERS = {
    "ine": "national_id",
    "identifiantnational": "national_id",
    "identifiantunique": "national_id",
    "numeroetudiant": "national_id",
    "prenom": "first_name",
    "premierprenom": "first_name",
    "deuxiemeprenom": "middle_name",
    "troisiemeprenom": "third_name",
    "nom": "last_name",
    "nomdefamille": "last_name",
    "nomdusage": "preferred_last_name",
    "datedenaissance": "birthdate",
    "datedenaissancejjmmaaaa": "birthdate",
    "sexe": "sex",
    "classe": "division",
    "division": "division",
    "groupe": "division",
}
SEXES = {"f": "F", "m": "M", "feminin": "F", "masculin": "M", "1": "M", "2": "F"}


class ListError(ValueError):
    """The file cannot be read as a list of learners.

    ``code``: empty, missing_columns (``detail``: the fields), bad_xml,
    no_pupils, too_many; the organisation space words it for the user.
    """

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code, detail)
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class ListRow:
    """One learner of the file: its line, its values, or why it is rejected.

    ``reason``: missing_<field>, bad_date, bad_sex, no_letters, too_long or
    duplicate; ``detail`` the value or lines concerned.
    """

    line: int
    values: Mapping[str, str] = field(default_factory=dict)
    reason: str = ""
    detail: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.reason


def read_list(data: bytes, file_name: str) -> list[ListRow]:
    """Return the rows of a CSV (``;`` or ``,``) or SIECLE XML list of learners."""
    if file_name.lower().endswith(".xml") or data.lstrip().startswith(b"<"):
        rows = _read_siecle(data)
    else:
        rows = _read_csv(data)
    if len(rows) > MAX_ROWS:
        raise ListError("too_many", str(MAX_ROWS))
    return _mark_duplicates(rows)


def _decode(data: bytes) -> str:
    """Return the text of a file saved as UTF-8 (BOM or not) or Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_csv(data: bytes) -> list[ListRow]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise ListError("empty")
    columns = [HEADERS.get(standardise_name(name)) for name in header]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ListError("missing_columns", ",".join(missing))
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            name: cell.strip()
            for name, cell in zip(columns, cells, strict=False)
            if name is not None
        }
        rows.append(_checked(number, values))
    return rows


def _read_siecle(data: bytes) -> list[ListRow]:
    """Return the pupils of a SIECLE export (ELEVE elements and their division)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        raise ListError("bad_xml") from error
    divisions = {}
    for structures in root.iter("STRUCTURES_ELEVE"):
        for structure in structures.iter("STRUCTURE"):
            if structure.findtext("TYPE_STRUCTURE", "").strip() == "D":
                code = structure.findtext("CODE_STRUCTURE", "").strip()
                divisions[structures.get("ELEVE_ID")] = code
    pupils = list(root.iter("ELEVE"))
    if not pupils:
        raise ListError("no_pupils")
    rows = []
    for number, pupil in enumerate(pupils, start=1):
        if pupil.findtext("DATE_SORTIE", "").strip():
            continue  # left the school: absent from the list
        values = {
            "national_id": pupil.findtext("ID_NATIONAL", ""),
            "first_name": pupil.findtext("PRENOM", ""),
            "middle_name": pupil.findtext("PRENOM2", ""),
            "third_name": pupil.findtext("PRENOM3", ""),
            "last_name": pupil.findtext("NOM_DE_FAMILLE", "")
            or pupil.findtext("NOM", ""),
            "preferred_last_name": pupil.findtext("NOM_USAGE", ""),
            "birthdate": pupil.findtext("DATE_NAISS", ""),
            "sex": pupil.findtext("CODE_SEXE", ""),
            "division": divisions.get(pupil.get("ELEVE_ID"), ""),
        }
        rows.append(_checked(number, {k: v.strip() for k, v in values.items()}))
    return rows


def parse_date(value: str) -> datetime.date | None:
    """Return a date written dd/mm/yyyy or yyyy-mm-dd, or None."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(value, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def _checked(line: int, values: dict[str, str]) -> ListRow:
    """Return the row with its values cleaned, or rejected with the reason."""
    values = {name: values.get(name, "") for name in FIELDS}
    for name in REQUIRED:
        if not values[name]:
            return ListRow(line, values, f"missing_{name}")
    birthdate = parse_date(values["birthdate"])
    if birthdate is None or not 1900 <= birthdate.year <= 2100:
        return ListRow(line, values, "bad_date", values["birthdate"])
    sex = values["sex"]
    if sex and standardise_name(sex) not in SEXES:
        return ListRow(line, values, "bad_sex", sex)
    if not standardise_name(values["first_name"]) or not standardise_name(
        values["last_name"]
    ):
        return ListRow(line, values, "no_letters")
    too_long = [name for name in FIELDS if len(values[name]) > 150]
    if too_long or len(values["national_id"]) > 32:
        return ListRow(line, values, "too_long")
    values["birthdate"] = birthdate.isoformat()
    values["sex"] = SEXES.get(standardise_name(sex), "")
    values["national_id"] = values["national_id"].upper()
    return ListRow(line, values)


def _mark_duplicates(rows: list[ListRow]) -> list[ListRow]:
    """Reject every row whose national id appears on another row of the file."""
    lines: dict[str, list[int]] = {}
    for row in rows:
        if row.is_valid:
            lines.setdefault(row.values["national_id"], []).append(row.line)
    marked = []
    for row in rows:
        same = lines.get(row.values.get("national_id", ""), []) if row.is_valid else []
        if len(same) > 1:
            others = ", ".join(str(line) for line in same if line != row.line)
            row = ListRow(row.line, row.values, "duplicate", others)
        marked.append(row)
    return marked


CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"


@dataclass(frozen=True)
class Classified:
    """What confirming a list does to each row, and to known learners missing."""

    rows: tuple[tuple[str, ListRow], ...]
    deactivated: tuple[str, ...]

    def count(self, action: str) -> int:
        return sum(1 for found, _row in self.rows if found == action)


def classify(
    rows: Sequence[ListRow], known: Mapping[str, Mapping[str, str]]
) -> Classified:
    """Return each row's action (created, updated, unchanged, rejected).

    ``known``: the organisation's learners by national id, with their values
    as strings and an ``is_active`` entry ("1"/"0"); an inactive learner back
    in the list is updated (reactivated). Known active learners absent from
    the valid rows are listed in ``deactivated``.
    """
    actions = []
    present = set()
    for row in rows:
        if not row.is_valid:
            actions.append((REJECTED, row))
            continue
        present.add(row.values["national_id"])
        before = known.get(row.values["national_id"])
        if before is None:
            actions.append((CREATED, row))
        elif before.get("is_active") == "1" and all(
            before.get(name, "") == row.values[name] for name in FIELDS
        ):
            actions.append((UNCHANGED, row))
        else:
            actions.append((UPDATED, row))
    deactivated = tuple(
        sorted(
            national_id
            for national_id, values in known.items()
            if values.get("is_active") == "1" and national_id not in present
        )
    )
    return Classified(tuple(actions), deactivated)
