"""One presenter for learners and previews: what a challenge shows, never its answer.

It takes a challenge in its release form, so the admin preview (which first
serialises the draft into that form) and the runtime show the same thing.
"""

import random
import re
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from runtime.domain import challenge_format
from runtime.domain.release_contract import Challenge, Embed

from .markdown import render_markdown


@dataclass(frozen=True)
class PresentedField:
    key: str
    label: str
    placeholder: str
    options: tuple[str, ...] | None


@dataclass(frozen=True)
class PresentedChallenge:
    """Everything the learner-facing template needs, and nothing secret."""

    type: str
    instruction_html: str
    alternative_instruction: str
    choices: list[tuple[int, str]] = field(default_factory=list)  # (number, html)
    pieces: list = field(default_factory=list)
    # The same pieces for the page: the proposals rendered as one Markdown text,
    # so a field sits inside its sentence or list item rather than between
    # paragraphs. The fragments are only well-formed put back together.
    inline_pieces: list = field(default_factory=list)
    illustration: object = None
    illustration_alt: str = ""
    attachments: list[dict] = field(default_factory=list)
    embed: Embed | None = None
    timer: int | None = None
    focused: bool = False
    multiple: bool = False
    shuffled: bool = False


def _pieces(proposals: str) -> list:
    pieces = []
    number = 0  # the field's place among the fields, not among all the pieces
    for piece in challenge_format.split_proposals(proposals):
        if isinstance(piece, challenge_format.Field):
            number += 1
            label = (
                piece.aria_label
                or piece.placeholder
                or _("Réponse %(number)s") % {"number": number}
            )
            pieces.append(
                PresentedField(piece.key, label, piece.placeholder, piece.options)
            )
        else:
            pieces.append(render_markdown(piece))
    return pieces


# Private-use characters stand for a field while Markdown is rendered.
_FIELD_TOKEN = re.compile("\ue000(\\d+)\ue001")


def _inline_pieces(proposals: str) -> list:
    """Return HTML fragments and fields in reading order, fields inside the text."""
    fields, text = [], []
    for piece in challenge_format.split_proposals(proposals):
        if isinstance(piece, challenge_format.Field):
            text.append(f"\ue000{len(fields)}\ue001")
            fields.append(piece)
        else:
            text.append(piece)
    presented = [
        piece for piece in _pieces(proposals) if isinstance(piece, PresentedField)
    ]
    head, *rest = _FIELD_TOKEN.split(str(render_markdown("".join(text))))
    pieces = [mark_safe(head)]  # noqa: S308 - a part of the sanitised HTML
    for number, html in zip(rest[::2], rest[1::2], strict=True):
        pieces += [presented[int(number)], mark_safe(html)]  # noqa: S308
    return [piece for piece in pieces if piece != ""]


def _choices(challenge: Challenge, shuffle_seed: str | None) -> list[tuple[int, str]]:
    """Return (option number, html) pairs, shuffled per learner when asked.

    The number is the option's place in the proposals, so answers and the
    solution keep meaning the same option whatever order the learner sees.
    """
    if challenge.type not in challenge_format.CHOICE_TYPES:
        return []
    choices = [
        (number, render_markdown(choice))
        for number, choice in enumerate(
            challenge_format.parse_choices(challenge.proposals), start=1
        )
    ]
    if challenge.shuffled and shuffle_seed is not None:
        shuffle_options(choices, shuffle_seed)
    return choices


def shuffle_options(options: list, seed: str) -> None:
    """Put a challenge's options in one learner's order, in place.

    The order depends only on the seed and the number of options, so the
    options' HTML and their (number, html) pairs come out in the same order.
    """
    random.Random(seed).shuffle(options)  # noqa: S311 - not security


def present_challenge(
    challenge: Challenge, *, illustration=None, shuffle_seed: str | None = None
) -> PresentedChallenge:
    """Return the learner view of a challenge in its release form.

    ``illustration`` is the Wagtail image ``challenge.illustration`` names
    (runtime.presentation.media resolves it). ``shuffle_seed`` (assessment and
    challenge) fixes the order of shuffled options for one learner, so a
    refresh shows the same order; without it options keep the authored order.
    """
    is_choice = challenge.type in challenge_format.CHOICE_TYPES
    return PresentedChallenge(
        type=challenge.type,
        instruction_html=render_markdown(challenge.instruction),
        alternative_instruction=challenge.alternative_instruction,
        choices=_choices(challenge, shuffle_seed),
        pieces=[] if is_choice else _pieces(challenge.proposals),
        inline_pieces=[] if is_choice else _inline_pieces(challenge.proposals),
        illustration=illustration,
        illustration_alt=challenge.illustration.alt if challenge.illustration else "",
        attachments=[
            {"title": item.title, "url": item.url, "extension": item.extension}
            for item in challenge.attachments
        ],
        embed=challenge.embed,
        timer=challenge.timer,
        focused=challenge.focused,
        multiple=challenge.type == "QCM",
        shuffled=challenge.shuffled,
    )
