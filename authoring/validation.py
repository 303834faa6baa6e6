"""Whole-challenge validation with field-level messages in the user's language."""

from urllib.parse import urlparse

from django.utils.translation import gettext_lazy as _

from runtime.domain import challenge_format

FORMAT_MESSAGES = {
    "unknown_type": _("Type d'épreuve inconnu : %(type)s."),
    "solution_empty": _("La solution est vide."),
    "too_few_choices": _(
        "Il faut au moins deux options, une par ligne (%(count)s trouvée(s))."
    ),
    "qcu_not_index": _(
        "La solution d'un QCU est le numéro d'une option, par exemple 2."
    ),
    "qcm_not_index": _(
        "La solution d'un QCM est une liste de numéros d'options, par exemple 1,3."
    ),
    "qcu_single_index": _("Un QCU n'a qu'une seule bonne option."),
    "index_out_of_range": _(
        "Option(s) %(indexes)s inexistante(s) : les propositions n'en comptent que "
        "%(count)s."
    ),
    "field_syntax": _(
        "Un champ est mal écrit : utilisez ${clé}, ${clé#indication}, "
        '${clé§libellé} ou ${clé options=["A","B"]}.'
    ),
    "duplicate_keys": _("Ces champs apparaissent plusieurs fois : %(keys)s."),
    "qroc_one_field": _(
        "Un QROC n'a qu'un champ (%(count)s trouvés) : utilisez un QROCM."
    ),
    "qrocm_no_fields": _("Un QROCM doit déclarer ses champs, par exemple ${ville}."),
    "qrocm_syntax": _(
        "Ligne(s) %(lines)s illisible(s) : écrivez « clé: » puis une ligne "
        "« - variante » par réponse acceptée."
    ),
    "qrocm_missing_keys": _("Aucune réponse acceptée pour le(s) champ(s) : %(keys)s."),
    "qrocm_unknown_keys": _(
        "La solution cite des champs absents des propositions : %(keys)s."
    ),
    "select_variant_not_option": _(
        "Le champ déroulant %(key)s ne propose pas : %(values)s."
    ),
    "partial_only_dep": _(
        "La réussite partielle ne s'applique qu'aux QROCM dépendants."
    ),
    "partial_range": _(
        "La réussite partielle demande 1 ≤ minimum ≤ maximum ≤ %(count)s champs."
    ),
}


def format_errors(challenge) -> dict[str, list[str]]:
    """Return proposal/solution syntax errors keyed by model field."""
    errors: dict[str, list[str]] = {}
    problems = challenge_format.validate(
        challenge.type,
        challenge.proposals,
        challenge.solution,
        partial=(challenge.partial_min, challenge.partial_max),
    )
    for problem in problems:
        message = FORMAT_MESSAGES[problem.code] % problem.params
        errors.setdefault(problem.field, []).append(message)
    return errors


ALT_MISSING = _("Une illustration doit avoir un texte alternatif.")
EMBED_NOT_HTTPS = _("Le simulateur doit être servi en https.")


def is_https(url: str) -> bool:
    """Return whether a link is served over https, the only scheme we embed."""
    return urlparse(url).scheme == "https"


def illustration_alt_errors(*, has_illustration: bool, alt: str) -> dict:
    """Return the error of an illustration without an alternative text.

    The one alt-text rule: the model, the content checks, the content pack and
    the QTI import all call it (the last two before the image is stored).
    """
    if has_illustration and not (alt or "").strip():
        return {"illustration_alt": [ALT_MISSING]}
    return {}


def embed_url_errors(url: str) -> dict:
    """Return the error of an embedded simulator not served over https."""
    if url and not is_https(url):
        return {"embed_url": [EMBED_NOT_HTTPS]}
    return {}


def media_errors(challenge) -> dict[str, list[str]]:
    """Return errors on the illustration, the embed and the timer."""
    errors: dict[str, list[str]] = {
        **illustration_alt_errors(
            has_illustration=bool(challenge.illustration_id),
            alt=challenge.illustration_alt,
        ),
        **embed_url_errors(challenge.embed_url),
    }
    if challenge.embed_url and not challenge.embed_title.strip():
        errors["embed_title"] = [_("Un simulateur doit avoir un titre.")]
    if challenge.timer is not None and challenge.timer <= 0:
        errors["timer"] = [_("Le minuteur doit durer au moins 1 seconde.")]
    if not challenge.locales:
        errors["locales"] = [_("Choisissez au moins une langue.")]
    return errors


def genealogy_errors(challenge) -> dict[str, list[str]]:
    """Return errors on the prototype / déclinaison link."""
    prototype = challenge.prototype
    if prototype is None:
        return {}
    if challenge.pk and prototype.pk == challenge.pk:
        return {"prototype": [_("Une épreuve ne peut pas être son propre prototype.")]}
    if prototype.prototype_id is not None:
        return {"prototype": [_("Ce prototype est lui-même une déclinaison.")]}
    if challenge.skill_id and prototype.skill_id != challenge.skill_id:
        return {
            "prototype": [
                _("Le prototype porte sur un autre acquis que cette épreuve.")
            ]
        }
    return {}


def challenge_errors(challenge) -> dict[str, list[str]]:
    """Return every problem of a challenge, keyed by model field."""
    errors: dict[str, list[str]] = {}
    if not challenge.type:
        return errors
    for part in (format_errors, media_errors, genealogy_errors):
        for field, messages in part(challenge).items():
            errors.setdefault(field, []).extend(messages)
    return errors
