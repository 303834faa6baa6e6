"""The words of a learner list's preview: reasons and errors in French."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from runtime.domain.learner_lists import ListError, ListRow

FIELD_NAMES = {
    "national_id": gettext_lazy("identifiant national"),
    "first_name": gettext_lazy("prénom"),
    "last_name": gettext_lazy("nom"),
    "birthdate": gettext_lazy("date de naissance"),
}


def list_error_message(error: ListError) -> str:
    """Return why a whole file was refused."""
    if error.code == "missing_columns":
        names = ", ".join(str(FIELD_NAMES[name]) for name in error.detail.split(","))
        return _("Colonnes obligatoires absentes : %(names)s.") % {"names": names}
    return {
        "empty": _("Le fichier est vide."),
        "bad_xml": _("Le fichier XML est illisible."),
        "no_pupils": _("Aucun élève (ELEVE) dans ce fichier SIECLE."),
        "too_many": _("Le fichier compte plus de %(max)s lignes.")
        % {"max": error.detail},
    }.get(error.code, _("Ce fichier ne peut pas être lu."))


def row_reason(row: ListRow) -> str:
    """Return why a row is rejected, in French."""
    reason = row.reason
    if reason.startswith("missing_"):
        name = FIELD_NAMES.get(reason.removeprefix("missing_"), reason)
        return _("Champ obligatoire manquant : %(name)s.") % {"name": name}
    messages = {
        "bad_date": _("Date de naissance invalide : « %(detail)s » (jj/mm/aaaa)."),
        "bad_sex": _("Sexe inconnu : « %(detail)s » (F ou M)."),
        "no_letters": _("Le nom ou le prénom ne contient aucune lettre."),
        "too_long": _("Une valeur dépasse la longueur permise."),
        "duplicate": _("Identifiant national en double (aussi ligne %(detail)s)."),
    }
    message = messages.get(reason, _("Ligne invalide."))
    return message % {"detail": row.detail} if "%(" in message else message
