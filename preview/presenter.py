"""One presenter for learners and previews: what a challenge shows, never its answer."""

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
    choices: list[str] = field(default_factory=list)
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


def present_challenge(challenge) -> PresentedChallenge:
    """Return the learner view of a challenge (no solution, no tolerance)."""
    is_choice = challenge.type in challenge_format.CHOICE_TYPES
    embed = None
    if challenge.embed_url:
        embed = {
            "url": challenge.embed_url,
            "title": challenge.embed_title,
            "height": challenge.embed_height or 400,
        }
    return PresentedChallenge(
        type=challenge.type,
        instruction_html=render_markdown(challenge.instruction),
        alternative_instruction=challenge.alternative_instruction,
        choices=[
            render_markdown(choice)
            for choice in challenge_format.parse_choices(challenge.proposals)
        ]
        if is_choice
        else [],
        pieces=[] if is_choice else _pieces(challenge.proposals),
        illustration=challenge.illustration,
        illustration_alt=challenge.illustration_alt,
        attachments=list(challenge.attachments.all()),
        embed=embed,
        timer=challenge.timer,
        focused=challenge.focused,
        multiple=challenge.type == "QCM",
    )
