"""Field values as a French reader expects them in the admin, not Python's."""

import datetime

from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import InspectView

from .enums import Locale


def french_display(value):
    """Return value for display: Oui/Non, « — » for nothing, dates, joined lists."""
    if value is None or value == "":
        return "—"
    if value is True:
        return _("Oui")
    if value is False:
        return _("Non")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, list | tuple):
        labels = dict(Locale.choices)
        return ", ".join(str(labels.get(item, item)) for item in value) or "—"
    return value


class ReadOnlyPanel(FieldPanel):
    """A field shown, not edited: « — » rather than « None »."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        return french_display(super().format_value_for_display(value))


# What a challenge accepts: hidden from whom the review's rule says so.
SOLUTION_FIELDS = ("solution", "tolerance_t1", "tolerance_t2", "tolerance_t3")


class FrenchInspectView(InspectView):
    """The inspect page, with French values instead of None, True and raw dates.

    A challenge's solution and tolerances are shown only to whom the
    "challenge_solution_visible" hooks allow (the review registers its rule:
    reviewers after their own try), so that beta tries stay blind.
    """

    @cached_property
    def solution_visible(self) -> bool:
        return all(
            rule(self.request.user, self.object)
            for rule in hooks.get_hooks("challenge_solution_visible")
        )

    def get_field_display_value(self, field_name, field):
        hidden = field_name in SOLUTION_FIELDS and hasattr(self.object, "solution")
        if hidden and not self.solution_visible:
            return _("Masqué jusqu'à votre essai de cette version (page de relecture).")
        if getattr(self.object, field_name, None) is None:
            return "—"
        return french_display(super().get_field_display_value(field_name, field))
