"""Template helpers of the learner pages."""

from django import template

from runtime.learning.selectors import NO_MARK

register = template.Library()


@register.filter
def mark_of(marks, tutorial_id):
    """Return the learner's saved/liked mark of a tutorial (``marks`` from
    ``selectors.tutorial_marks``); pages without marks show none."""
    if not marks:
        return NO_MARK
    return marks.get(tutorial_id, NO_MARK)
