"""One presenter for learners and previews: what a challenge shows, never its answer."""

import random
from dataclasses import dataclass, field

from authoring.markdown import render_markdown
from runtime.domain import challenge_format


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
    illustration: object = None
    illustration_alt: str = ""
    attachments: list = field(default_factory=list)
    embed: dict | None = None
    timer: int | None = None
    focused: bool = False
    multiple: bool = False


def _pieces(proposals: str) -> list:
    pieces = []
    for number, piece in enumerate(challenge_format.split_proposals(proposals), 1):
        if isinstance(piece, challenge_format.Field):
            label = piece.aria_label or piece.placeholder or f"Réponse {number}"
            pieces.append(
                PresentedField(piece.key, label, piece.placeholder, piece.options)
            )
        else:
            pieces.append(render_markdown(piece))
    return pieces


def _attachment(title: str, url: str) -> dict:
    return {"title": title, "url": url, "extension": title.rsplit(".", 1)[-1].upper()}


def _choices(data: dict, shuffle_seed: str | None) -> list[tuple[int, str]]:
    """Return (option number, html) pairs, shuffled per learner when asked.

    The number is the option's place in the proposals, so answers and the
    solution keep meaning the same option whatever order the learner sees.
    """
    if data["type"] not in challenge_format.CHOICE_TYPES:
        return []
    choices = [
        (number, render_markdown(choice))
        for number, choice in enumerate(
            challenge_format.parse_choices(data["proposals"]), start=1
        )
    ]
    if data.get("shuffled") and shuffle_seed is not None:
        shuffle_options(choices, shuffle_seed)
    return choices


def shuffle_options(options: list, seed: str) -> None:
    """Put a challenge's options in one learner's order, in place.

    The order depends only on the seed and the number of options, so the
    options' HTML and their (number, html) pairs come out in the same order.
    """
    random.Random(seed).shuffle(options)  # noqa: S311 - not security


def _present(
    data: dict, *, illustration, attachments: list[dict], shuffle_seed=None
) -> PresentedChallenge:
    is_choice = data["type"] in challenge_format.CHOICE_TYPES
    return PresentedChallenge(
        type=data["type"],
        instruction_html=render_markdown(data["instruction"]),
        alternative_instruction=data["alternative_instruction"],
        choices=_choices(data, shuffle_seed),
        pieces=[] if is_choice else _pieces(data["proposals"]),
        illustration=illustration,
        illustration_alt=data["illustration_alt"],
        attachments=attachments,
        embed=data["embed"],
        timer=data["timer"],
        focused=data["focused"],
        multiple=data["type"] == "QCM",
    )


def present_challenge(challenge) -> PresentedChallenge:
    """Return the learner view of an authored challenge (preview)."""
    embed = None
    if challenge.embed_url:
        embed = {
            "url": challenge.embed_url,
            "title": challenge.embed_title,
            "height": challenge.embed_height or 400,
        }
    data = {
        "type": challenge.type,
        "instruction": challenge.instruction,
        "alternative_instruction": challenge.alternative_instruction,
        "proposals": challenge.proposals,
        "illustration_alt": challenge.illustration_alt,
        "embed": embed,
        "timer": challenge.timer,
        "focused": challenge.focused,
    }
    attachments = [_attachment(d.title, d.url) for d in challenge.attachments.all()]
    return _present(data, illustration=challenge.illustration, attachments=attachments)


def present_release_challenge(
    data: dict, *, illustration=None, shuffle_seed: str | None = None
) -> PresentedChallenge:
    """Return the learner view of a challenge as a release holds it (runtime).

    ``shuffle_seed`` (assessment and challenge) fixes the order of shuffled
    options for one learner, so a refresh shows the same order.
    """
    fields = {
        **data,
        "illustration_alt": (data["illustration"] or {}).get("alt", ""),
    }
    attachments = [_attachment(a["title"], a["url"]) for a in data["attachments"]]
    return _present(
        fields,
        illustration=illustration,
        attachments=attachments,
        shuffle_seed=shuffle_seed,
    )
