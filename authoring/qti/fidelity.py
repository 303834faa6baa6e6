"""The fidelity report: what a QTI export or import could not carry over."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from authoring.enums import Accessibility, AnswerFormat, Pedagogy
from runtime.domain.challenge_format import CHOICE_TYPES, parse_fields

DEP_PERMUTATION_LIMIT = 6


@dataclass
class ItemReport:
    """What happened to one item: notes (losses), errors, or why it was skipped."""

    identifier: str
    title: str
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: str = ""


@dataclass
class FidelityReport:
    """A report per item, plus notes about the whole package."""

    heading: str
    items: list[ItemReport] = field(default_factory=list)
    general: list[str] = field(default_factory=list)

    def add_item(self, identifier: str, title: str) -> ItemReport:
        """Append and return the report of a new item."""
        item = ItemReport(identifier, title)
        self.items.append(item)
        return item

    @property
    def has_errors(self) -> bool:
        """Return True when an item has an error."""
        return any(item.errors for item in self.items)

    @property
    def note_count(self) -> int:
        """Return the number of notes on items."""
        return sum(len(item.notes) for item in self.items)

    def to_markdown(self) -> str:
        """Return the report as a French Markdown document."""
        lines = [f"# {self.heading}", ""]
        if self.general:
            lines += [f"## {_('Pour tout le paquet')}", ""]
            lines += [f"- {note}" for note in self.general] + [""]
        for item in self.items:
            lines += [f"## `{item.identifier}` — {item.title}", ""]
            lines += [*_item_lines(item), ""]
        return "\n".join(lines).rstrip() + "\n"


def _item_lines(item: ItemReport) -> list[str]:
    """Return the Markdown bullet lines of one item."""
    lines = [f"- **{_('Erreur')}** : {error}" for error in item.errors]
    if item.skipped:
        lines.append(f"- **{_('Ignoré')}** : {item.skipped}")
    lines += [f"- {note}" for note in item.notes]
    return lines or [f"- {_('Rien de perdu.')}"]


def export_general_notes() -> list[str]:
    """Return what no QTI export carries, whatever the challenge."""
    return [
        _(
            "L'acquis, le statut, l'historique des révisions et le flux de "
            "validation des épreuves ne sont pas exportés."
        ),
        _(
            "Le score QTI (SCORE) vaut 1 pour une réponse juste et 0 sinon : les "
            "statuts « partiellement », « temps écoulé » et « focus perdu » "
            "n'existent pas en QTI."
        ),
    ]


def challenge_losses(challenge) -> list[str]:
    """Return what the QTI item of a challenge cannot express, in French."""
    losses = _checking_losses(challenge)
    losses += _delivery_losses(challenge)
    losses += _metadata_losses(challenge)
    return losses


def _checking_losses(challenge) -> list[str]:
    """Return the losses on answer checking: tolerances, format, partial scoring."""
    if challenge.type in CHOICE_TYPES:
        return []
    fields = [parsed for parsed in parse_fields(challenge.proposals) if parsed]
    losses = []
    if not fields or any(not parsed.is_select for parsed in fields):
        losses += _tolerance_losses(challenge) + _format_losses(challenge)
    if challenge.type == "QROCM-dep":
        losses.append(_dep_loss(len(fields)))
    if challenge.partial_min is not None:
        losses.append(
            _(
                "Réussite partielle perdue (%(min)s à %(max)s champs justes) : le "
                "score QTI vaut 0 ou 1."
            )
            % {"min": challenge.partial_min, "max": challenge.partial_max}
        )
    return losses


def _tolerance_losses(challenge) -> list[str]:
    """Return the losses on tolerances t1, t2 and t3 of text fields."""
    losses = []
    if challenge.tolerance_t1:
        losses.append(
            _(
                "T1 approchée : la correspondance QTI ignore la casse "
                "(case-sensitive=false) mais ni les accents ni les espaces."
            )
        )
    if challenge.tolerance_t2:
        losses.append(_("T2 perdue : la ponctuation n'est pas ignorée en QTI."))
    if challenge.tolerance_t3:
        losses.append(
            _(
                "T3 perdue : les fautes de frappe (distance de Levenshtein) sont "
                "refusées."
            )
        )
    return losses


def _format_losses(challenge) -> list[str]:
    """Return the loss on the answer format."""
    if challenge.answer_format == AnswerFormat.NUMBER:
        return [
            _(
                "Format nombre approché : les réponses sont comparées comme nombres "
                "flottants (base-type float) ; la virgule décimale et les espaces "
                "entre chiffres dépendent de la plateforme QTI."
            )
        ]
    label = AnswerFormat(challenge.answer_format).label
    return [_("Format de réponse « %(format)s » perdu.") % {"format": label}]


def _dep_loss(field_count: int) -> str:
    """Return how the order-free matching of a QROCM-dep is approximated."""
    if field_count > DEP_PERMUTATION_LIMIT:
        return _(
            "Correspondance sans ordre (QROCM-dep) approchée : chaque champ accepte "
            "les réponses de n'importe quel groupe, deux champs ne pouvant avoir la "
            "même réponse."
        )
    return _(
        "Correspondance sans ordre (QROCM-dep) approchée : toutes les affectations "
        "des champs aux groupes de solutions sont énumérées et deux champs ne "
        "peuvent avoir la même réponse, mais l'identité des réponses après "
        "tolérances n'est pas reproduite."
    )


def _delivery_losses(challenge) -> list[str]:
    """Return the losses on how the challenge is played: timer, focus, embed."""
    losses = []
    if challenge.timer:
        losses.append(
            _(
                "Minuteur de %(seconds)s s perdu : en QTI, les limites de temps "
                "(qti-time-limits) se fixent dans le test, pas dans l'item."
            )
            % {"seconds": challenge.timer}
        )
    if challenge.focused:
        losses.append(
            _("Épreuve focalisée perdue : la sortie de page n'est pas détectée.")
        )
    if challenge.embed_url:
        losses.append(
            _(
                "Simulateur intégré perdu : %(title)s (%(url)s, hauteur "
                "%(height)s px%(auto)s)."
            )
            % {
                "title": challenge.embed_title,
                "url": challenge.embed_url,
                "height": challenge.embed_height or "—",
                "auto": _(", réponse automatique")
                if challenge.embed_auto_reply
                else "",
            }
        )
    return losses


def _metadata_losses(challenge) -> list[str]:
    """Return the losses on metadata: locales, pedagogy, accessibility, genealogy."""
    losses = [
        _("Pédagogie « %(pedagogy)s » perdue.")
        % {"pedagogy": Pedagogy(challenge.pedagogy).label}
    ]
    if len(challenge.locales) > 1:
        losses.append(
            _(
                "Langues supplémentaires perdues : %(locales)s (xml:lang n'en "
                "porte qu'une)."
            )
            % {"locales": ", ".join(challenge.locales[1:])}
        )
    losses += _accessibility_losses(challenge)
    if challenge.prototype_id:
        losses.append(
            _(
                "Lien de déclinaison perdu : déclinaison n° %(number)s du "
                "prototype %(uid)s."
            )
            % {"number": challenge.declinaison_number, "uid": challenge.prototype.uid}
        )
    if challenge.difficulty is not None or challenge.discrimination is not None:
        losses.append(
            _("Calibration perdue : difficulté b = %(b)s, discrimination a = %(a)s.")
            % {"b": challenge.difficulty, "a": challenge.discrimination}
        )
    return losses


def _accessibility_losses(challenge) -> list[str]:
    """Return the loss of evaluated accessibility flags."""
    flags = [
        (_("non-voyants"), challenge.accessibility_blind),
        (_("daltoniens"), challenge.accessibility_colour_blind),
    ]
    evaluated = [
        f"{audience} {value}" for audience, value in flags if value != Accessibility.RAS
    ]
    if not evaluated:
        return []
    return [
        _("Compatibilité d'accessibilité perdue : %(flags)s.")
        % {"flags": ", ".join(evaluated)}
    ]
