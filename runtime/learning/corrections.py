"""What the checkpoint and corrections pages show for each answer.

The learner's answer and the expected one in words: the options' text rather
than their numbers (numbers mean nothing once options are shuffled), the
fields' text for the others.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from runtime.domain import challenge_format
from runtime.enums import AnswerResult
from runtime.presentation.markdown import render_markdown

from .reports import Correction


@dataclass(frozen=True)
class CorrectionRow:
    """One answered question as a page shows it."""

    number: int  # its place in the test, from 1
    correction: Correction
    instruction_html: SafeString
    given: list  # the learner's answer: options' HTML, or the fields' text
    expected: list  # the same, for the expected answer
    skipped: bool


def _choices_text(challenge, numbers) -> list:
    options = challenge_format.parse_choices(challenge.proposals)
    return [render_markdown(options[n - 1]) for n in numbers if 0 < n <= len(options)]


def _numbers(value) -> list[int]:
    """Return the option numbers of a choice answer or solution ("2", [1, 3])."""
    if isinstance(value, list):
        return [int(n) for n in value if str(n).isdigit()]
    if isinstance(value, (str, int)) and str(value).strip().isdigit():
        return [int(value)]
    return []


def _words(challenge, value) -> list:
    """Return an answer (or a solution) as the learner would read it."""
    if challenge.type in challenge_format.CHOICE_TYPES:
        return _choices_text(challenge, _numbers(value))
    if isinstance(value, dict):
        return [text for text in value.values() if str(text).strip()]
    return [str(value)] if value not in (None, "") else []


def correction_rows(corrections: list[Correction], *, first: int = 1) -> list:
    """Return the rows of a checkpoint or corrections page, numbered from first."""
    rows = []
    for number, correction in enumerate(corrections, start=first):
        challenge = correction.challenge
        skipped = correction.answer.result == AnswerResult.SKIPPED
        rows.append(
            CorrectionRow(
                number=number,
                correction=correction,
                instruction_html=render_markdown(challenge.instruction),
                given=[] if skipped else _words(challenge, correction.answer.value),
                expected=_words(challenge, correction.expected),
                skipped=skipped,
            )
        )
    return rows
