"""Read a centre's CSV list of candidates, with row-level French errors.

Nothing is saved here: the centre sees every row and every error first, then
confirms, and services.candidates_import saves all rows or none.
"""

import csv
import datetime
import io
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_ROWS = 1000
MAX_BYTES = 1_000_000
COLUMNS = {
    "prenom": "first_name",
    "nom": "last_name",
    "datedenaissance": "birth_date",
    "email": "email",
    "adresseelectronique": "email",
    "courriel": "email",
    "identifiantexterne": "external_id",
    "tempsmajore": "extra_time_percent",
}
REQUIRED = ("first_name", "last_name", "birth_date")
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")


def _header(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value.strip().lower())
    return "".join(char for char in decomposed if char.isascii() and char.isalnum())


def _date(value: str) -> datetime.date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value.strip(), pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return None


def _row(values: dict, today: datetime.date) -> tuple[dict, list[str]]:
    errors = []
    data = {field: (values.get(field) or "").strip() for field in COLUMNS.values()}
    labels = {
        "first_name": _("prénom"),
        "last_name": _("nom"),
        "birth_date": _("date de naissance"),
    }
    errors += [
        _("%s manquant") % labels[field] for field in REQUIRED if not data[field]
    ]
    for field in ("first_name", "last_name"):
        if len(data[field]) > 100:
            errors.append(_("%s trop long (100 caractères au plus)") % labels[field])
    birth = _date(data["birth_date"]) if data["birth_date"] else None
    if data["birth_date"] and birth is None:
        errors.append(
            _("date de naissance « %s » invalide (attendu JJ/MM/AAAA)")
            % data["birth_date"]
        )
    elif birth and not datetime.date(1900, 1, 1) <= birth < today:
        errors.append(_("date de naissance « %s » impossible") % data["birth_date"])
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            errors.append(_("adresse électronique « %s » invalide") % data["email"])
    extra = data["extra_time_percent"].rstrip("%").strip() or "0"
    if not extra.isdigit() or int(extra) > 100:
        errors.append(
            _("temps majoré « %s » invalide (un nombre de 0 à 100)")
            % data["extra_time_percent"]
        )
        extra = "0"
    if len(data["external_id"]) > 64:
        errors.append(_("identifiant externe trop long (64 caractères au plus)"))
    data.update(birth_date=birth, extra_time_percent=int(extra))
    return data, errors


def parse_candidates(raw: bytes | str, *, today: datetime.date):
    """Return ([(line number, candidate values)], [error messages]).

    Any error means nothing may be saved; rows are numbered as a spreadsheet
    shows them (the header is line 1).
    """
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            return [], [_("Le fichier dépasse 1 Mo.")]
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return [], [
                _("Le fichier n'est pas en UTF-8 : enregistrez-le en CSV UTF-8.")
            ]
    first = raw.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(raw), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return [], [_("Le fichier est vide.")]
    fields = [COLUMNS.get(_header(name)) for name in header]
    missing = [name for name in REQUIRED if name not in fields]
    if missing:
        return [], [
            _(
                "Colonnes obligatoires absentes de la ligne 1 : Prénom, Nom, Date "
                "de naissance."
            )
        ]
    rows, errors = [], []
    for number, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        if len(rows) >= MAX_ROWS:
            errors.append(_("Plus de %d candidats : découpez le fichier.") % MAX_ROWS)
            break
        named = {
            field: value for field, value in zip(fields, values, strict=False) if field
        }
        data, row_errors = _row(named, today)
        errors += [
            _("Ligne %(line)d : %(error)s") % {"line": number, "error": error}
            for error in row_errors
        ]
        rows.append((number, data))
    if not rows and not errors:
        errors.append(_("Le fichier ne contient aucun candidat."))
    return rows, errors
