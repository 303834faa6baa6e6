"""Content checks run before a challenge or tutorial can be approved.

Each check is a small named function registered in registry.py; blocking ones
that fail forbid approval, the others are notes for the validator.
"""

from authoring.typography import (
    NARROW_NBSP,
    NBSP,
    TYPOGRAPHY_FIELDS,
    TypographyIssue,
    find_typography_issues,
    fix_challenge_typography,
    fix_french_typography,
)

from .challenge_checks import (
    accepted_answers_pass_checker,
    embed_is_https,
    illustration_has_alt,
    solution_matches_proposals,
)
from .link_checks import embed_answers, tutorial_link_answers
from .pix_checks import level_worth_eight_pix
from .registry import (
    CHALLENGE_CHECKS,
    TUTORIAL_CHECKS,
    CheckResult,
    blocking_failures,
    blocking_problems,
    run_challenge_checks,
    run_item_checks,
    run_tutorial_checks,
    sibling_challenges,
)
from .statement_checks import (
    answer_given_away,
    french_typography,
    near_duplicate_statement,
)
from .tutorial_checks import tutorial_link_is_https

__all__ = [
    "CHALLENGE_CHECKS",
    "NARROW_NBSP",
    "NBSP",
    "TUTORIAL_CHECKS",
    "TYPOGRAPHY_FIELDS",
    "CheckResult",
    "TypographyIssue",
    "accepted_answers_pass_checker",
    "answer_given_away",
    "blocking_failures",
    "blocking_problems",
    "embed_answers",
    "embed_is_https",
    "find_typography_issues",
    "fix_challenge_typography",
    "fix_french_typography",
    "french_typography",
    "illustration_has_alt",
    "level_worth_eight_pix",
    "near_duplicate_statement",
    "run_challenge_checks",
    "run_item_checks",
    "run_tutorial_checks",
    "sibling_challenges",
    "solution_matches_proposals",
    "tutorial_link_answers",
    "tutorial_link_is_https",
]
