"""The admin preview's modes: as a learner, with the solution, try it.

A draft is first serialised into its release form (the one the release
builder writes), then shown through the runtime's presenter and templates:
what the author previews is what learners get, by construction.
"""

from authoring.releases.snapshot import release_challenge
from runtime.domain.release_contract import Challenge
from runtime.presentation.media import challenge_illustration
from runtime.presentation.presenter import PresentedChallenge, present_challenge

from .services import try_token


def _present(released: Challenge) -> PresentedChallenge:
    return present_challenge(released, illustration=challenge_illustration(released))


def present_draft(challenge) -> PresentedChallenge:
    """Return the learner view of an authored challenge, through its release form."""
    return _present(release_challenge(challenge))


def add_preview_context(challenge, context: dict, mode_name: str) -> None:
    """Add what the challenge preview template shows in a mode to its context."""
    released = release_challenge(challenge)
    context["challenge"] = _present(released)
    context["show_solution"] = mode_name == "solution"
    if mode_name == "try":
        context["try_token"] = try_token(released)
