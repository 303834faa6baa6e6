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
import re
import secrets
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from runtime.domain.release_contract import Challenge, Competence
from runtime.presentation.media import challenge_illustration
from runtime.presentation.presenter import (
    PresentedChallenge,
    present_challenge,
    shuffle_options,
)

from .forms import ProblemReportForm

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


# How long the shared cache keeps a release's HTML: an illustration edited in
# the admin after the release was published reaches learners within this time.
SHARED_SECONDS = 6 * 3600


def _kept(index, key: tuple, build):
    """Return the release's HTML under ``key``: from this process, from the
    cache the workers share, or built (then kept in both).

    Rendering is what a step costs most: shared, each challenge is rendered
    once per release and language for every worker and server, not once per
    process (each new worker would otherwise render every challenge again).
    """
    found = index.rendered.get(key)
    if found is not None:
        return found
    shared = f"learner-html:{index.release_id}:{index.checksum}:" + ":".join(key)
    found = cache.get(shared)
    if found is None:
        found = build()
        cache.set(shared, found, SHARED_SECONDS)
    index.rendered[key] = found
    return found


def rendered_challenge(index, challenge_id: str) -> RenderedChallenge:
    """Return a challenge of a release rendered for learners, built on first use."""
    return _kept(
        index,
        ("challenge", challenge_id, get_language()),
        lambda: _render(index.challenges[challenge_id]),
    )


def _render(challenge: Challenge) -> RenderedChallenge:
    presented = present_challenge(
        challenge, illustration=challenge_illustration(challenge)
    )
    body = render_to_string(
        "runtime/challenge_body.html",
        {
            "challenge": presented,
            "choices_slot": _OPTIONS_SLOT,
            "error_id": "answer-error",  # runtime/challenge_step.html has it
        },
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
        shuffled=challenge.shuffled,
    )


# What changes from one learner or step to the next in the answer request's
# <main>: each stands for its value while the rest is rendered once. The
# assessment id must be digits, as URLs take it.
_STEP_SLOTS = {
    "assessment": str(secrets.randbelow(10**30) + 10**30),
    "position": f"position{secrets.token_hex(16)}",
    "group_step": f"groupstep{secrets.token_hex(16)}",
    "body": f"body{secrets.token_hex(16)}",
    "messages": f"messages{secrets.token_hex(16)}",
    "answer_error": f"answererror{secrets.token_hex(16)}",
}
_STEP_SLOT_NAMES = {token: name for name, token in _STEP_SLOTS.items()}
_STEP_SLOT_PATTERN = re.compile(
    "(" + "|".join(re.escape(token) for token in _STEP_SLOTS.values()) + ")"
)


@dataclass(frozen=True)
class StepMain:
    """The answer request's <main> for one challenge, split around its slots."""

    head: str
    rest: tuple[tuple[str, str], ...]  # (slot name, the text after it)

    def html(self, **values: str) -> SafeString:
        """Return the <main> with the slots filled: already HTML, or digits."""
        parts = [self.head]
        for name, text in self.rest:
            parts.append(values[name])
            parts.append(text)
        return mark_safe("".join(parts))  # noqa: S308


def step_main(index, competence: Competence, challenge_id: str) -> StepMain:
    """Return the <main> of a challenge step, rendered once per language.

    It is ``runtime/challenge_main.html``; its learner and step values are
    filled in by ``StepMain.html`` (assessment, position, group_step, body,
    messages, answer_error).
    Its forms hold no CSRF token: htmx sends the one the page's <body> holds
    (runtime/base.html), so an answer does not cost a new masked token and
    its cookie.
    """
    return _kept(
        index,
        ("step", challenge_id, competence.code, get_language()),
        lambda: _render_step_main(index, competence, challenge_id),
    )


def _render_step_main(index, competence: Competence, challenge_id: str) -> StepMain:
    html = render_to_string(
        "runtime/challenge_main.html",
        {
            "assessment": SimpleNamespace(pk=_STEP_SLOTS["assessment"]),
            "competence": competence,
            "challenge_id": challenge_id,
            "challenge": rendered_challenge(index, challenge_id).presented,
            "body": mark_safe(_STEP_SLOTS["body"]),  # noqa: S308
            "position": _STEP_SLOTS["position"],
            "group_step": _STEP_SLOTS["group_step"],
            "group_size": settings.CHECKPOINT_EVERY,
            "messages_html": mark_safe(_STEP_SLOTS["messages"]),  # noqa: S308
            "answer_error": mark_safe(_STEP_SLOTS["answer_error"]),  # noqa: S308
            "report_fields": report_fields(),
        },
    )
    head, *pieces = _STEP_SLOT_PATTERN.split(html)
    rest = tuple(
        (_STEP_SLOT_NAMES[token], text)
        for token, text in zip(pieces[::2], pieces[1::2], strict=True)
    )
    return StepMain(head=head, rest=rest)


def report_fields() -> SafeString:
    """Return the fields of the empty problem report form, in the active language."""
    return _report_fields(get_language())


@functools.lru_cache(maxsize=8)
def _report_fields(language: str) -> SafeString:
    return render_to_string("runtime/form_fields.html", {"form": ProblemReportForm()})
