"""The learner's challenge HTML, rendered once per release, challenge and language.

Markdown, the image rendition and the template cost more than everything else
in a test step. A release never changes, so each challenge's body is rendered
once per process and language and kept in the release index; its options are
kept apart, so that each learner still gets them in their own order.
The illustration's rendition URL is kept with it: an image edited in the
admin after the release was published reaches learners when the process
restarts or with the next release.
"""

import functools
import secrets
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from preview.presenter import (
    PresentedChallenge,
    present_release_challenge,
    shuffle_options,
)

from .forms import ProblemReportForm
from .reports import challenge_illustration

# Stands for the options while the rest of the body is rendered; random, so
# that no authored text can contain it.
_OPTIONS_SLOT = mark_safe(f"<!--options-{secrets.token_hex(16)}-->")  # noqa: S308


@dataclass(frozen=True)
class RenderedChallenge:
    """A challenge's body HTML around its options, and what the page reads."""

    presented: PresentedChallenge
    before: str
    options: tuple[str, ...]  # each option's HTML, in authored order
    after: str
    shuffled: bool

    def body(self, shuffle_seed: str) -> SafeString:
        """Return the body with the options in the order of this seed."""
        options = list(self.options)
        if self.shuffled:
            shuffle_options(options, shuffle_seed)
        return mark_safe(self.before + "".join(options) + self.after)  # noqa: S308


def rendered_challenge(index, challenge_id: str) -> RenderedChallenge:
    """Return a challenge of a release rendered for learners, built on first use."""
    key = ("challenge", challenge_id, get_language())
    found = index.rendered.get(key)
    if found is None:
        found = index.rendered[key] = _render(index.challenges[challenge_id])
    return found


def _render(challenge: dict) -> RenderedChallenge:
    presented = present_release_challenge(
        challenge, illustration=challenge_illustration(challenge)
    )
    body = render_to_string(
        "runtime/challenge_body.html",
        {"challenge": presented, "choices_slot": _OPTIONS_SLOT},
    )
    before, slot, after = body.partition(_OPTIONS_SLOT)
    options = tuple(
        render_to_string(
            "runtime/challenge_choice.html",
            {"challenge": presented, "number": number, "choice": choice},
        )
        for number, choice in presented.choices
    )
    if not slot:  # not a choice challenge: nothing to reorder
        before, after = body, ""
    return RenderedChallenge(
        presented=presented,
        before=before,
        options=options,
        after=after,
        shuffled=bool(challenge.get("shuffled")),
    )


def report_fields() -> SafeString:
    """Return the fields of the empty problem report form, in the active language."""
    return _report_fields(get_language())


@functools.lru_cache(maxsize=8)
def _report_fields(language: str) -> SafeString:
    return render_to_string("runtime/form_fields.html", {"form": ProblemReportForm()})
