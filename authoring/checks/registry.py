"""The registry of content checks and how to run them.

A check is a small named function: it takes a Challenge (or a Tutorial), saved or
not, and returns a CheckResult, or None when it does not apply. A blocking check
that fails keeps the item from being approved; the others are notes for the
validator.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from authoring.enums import ContentStatus


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: its code, whether it passed, why, and where."""

    code: str
    passed: bool
    blocking: bool
    message: str
    field: str = ""


@dataclass(frozen=True)
class RegisteredCheck:
    """A challenge check and whether it compares the challenge with its siblings."""

    code: str
    function: Callable[..., CheckResult | None]
    uses_siblings: bool = False


CHALLENGE_CHECKS: dict[str, RegisteredCheck] = {}
TUTORIAL_CHECKS: dict[str, Callable[[Any], CheckResult | None]] = {}


def challenge_check(*, uses_siblings: bool = False) -> Callable:
    """Register a challenge check under its function name."""

    def register(function: Callable) -> Callable:
        code = function.__name__
        CHALLENGE_CHECKS[code] = RegisteredCheck(code, function, uses_siblings)
        return function

    return register


def tutorial_check(function: Callable) -> Callable:
    """Register a tutorial check under its function name."""
    TUTORIAL_CHECKS[function.__name__] = function
    return function


def sibling_challenges(challenge) -> list:
    """Return the live (proposed or validated) other challenges of the same skill.

    Archived and obsolete challenges are history: a new version of a prototype
    is expected to resemble the one it replaces, so only live rivals count.
    """
    if not challenge.skill_id:
        return []
    siblings = type(challenge)._default_manager.filter(
        skill_id=challenge.skill_id, status__in=ContentStatus.live_states()
    )
    if challenge.pk is not None:
        siblings = siblings.exclude(pk=challenge.pk)
    return list(siblings.order_by("uid"))


def run_challenge_checks(
    challenge, *, siblings: Sequence | None = None
) -> list[CheckResult]:
    """Return the result of every applicable challenge check, in registry order.

    siblings are the other challenges of the same skill (near-duplicate check);
    when None they are read from the database if the challenge has a skill.
    """
    results = []
    for check in CHALLENGE_CHECKS.values():
        if check.uses_siblings:
            if siblings is None:
                siblings = sibling_challenges(challenge)
            result = check.function(challenge, siblings=siblings)
        else:
            result = check.function(challenge)
        if result is not None:
            results.append(result)
    return results


def run_tutorial_checks(tutorial) -> list[CheckResult]:
    """Return the result of every applicable tutorial check, in registry order."""
    results = (check(tutorial) for check in TUTORIAL_CHECKS.values())
    return [result for result in results if result is not None]


def run_item_checks(item) -> list[CheckResult]:
    """Return the check results of a challenge or a tutorial; none for other items."""
    name = item._meta.model_name
    if name == "challenge":
        return run_challenge_checks(item)
    if name == "tutorial":
        return run_tutorial_checks(item)
    return []


def blocking_failures(results: Iterable[CheckResult]) -> list[CheckResult]:
    """Return the failed blocking results: any of them forbids approval."""
    return [result for result in results if result.blocking and not result.passed]


def blocking_problems(item) -> list[str]:
    """Return the messages of the blocking content checks an item fails."""
    return [result.message for result in blocking_failures(run_item_checks(item))]


def check_passed(code: str, message: str, *, blocking: bool) -> CheckResult:
    """Return the result of a check that passed."""
    return CheckResult(code=code, passed=True, blocking=blocking, message=message)


def check_failed(
    code: str, message: str, *, blocking: bool, field: str = ""
) -> CheckResult:
    """Return the result of a check that failed, pointing at a model field."""
    return CheckResult(
        code=code, passed=False, blocking=blocking, message=message, field=field
    )
