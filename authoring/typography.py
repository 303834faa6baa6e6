"""French typography: no-break spaces before ; : ! ? » and after « (pure Python).

Rules: a narrow no-break space (U+202F) before ; ! ? and a no-break space (U+00A0)
before : and », and after «. An ordinary space (or the wrong no-break space) is
replaced, a missing one inserted. Technical text is left alone: code spans and
blocks, URLs, Markdown link targets and reference definitions, HTML tags, answer
fields ${…}, table alignment rows, times (14:30), tokens such as a:b or C:\\, and
marks at the start of a line. Fixing is idempotent.
"""

import re
from dataclasses import dataclass

# The texts of a challenge that learners read as prose.
TYPOGRAPHY_FIELDS = ("instruction", "alternative_instruction", "proposals")
NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
SPACE_BEFORE = {
    ";": NARROW_NBSP,
    "!": NARROW_NBSP,
    "?": NARROW_NBSP,
    ":": NBSP,
    "»": NBSP,
}
SPACE_AFTER = {"«": NBSP}

_SPACES = frozenset(" \u00a0\u202f\u2009\u2007\u200a")
_PROSE_MARKS = frozenset(";:!?")
# A mark glued to what follows is part of a token (a:b, 14:30, ![image], ::).
_TECHNICAL_NEXT = frozenset("/\\=_[{(<@#~|^-:")
_LINE_BREAKS = "\r\n"

_INLINE_PROTECTED = (
    re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL),  # code spans
    re.compile(r"\$\{[^{}]*\}"),  # answer fields
    re.compile(r"\]\([^)\s]*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"),  # link targets
    re.compile(r"<[A-Za-z/!?][^<>\n]*>"),  # HTML tags and autolinks
    re.compile(r"\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s<>]*"),  # URLs, even bare http://
    re.compile(r"\b(?:www\.|mailto:|tel:)[^\s<>]+"),
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:")
_BLOCK_MARKER = re.compile(r"\s*(?:[-*+>]|#{1,6}|\d+[.)])?\s*")
_DRIVE_LETTER = re.compile(r"(?<![\w\\])[A-Za-z]$")


@dataclass(frozen=True)
class TypographyIssue:
    """A mark at offset whose space text[start:end] should be `expected`."""

    offset: int
    mark: str
    start: int
    end: int
    expected: str


def find_typography_issues(text: str) -> list[TypographyIssue]:
    """Return the spacing problems of text, in reading order."""
    protected = _protected_mask(text)
    issues = []
    for offset, char in enumerate(text):
        if protected[offset]:
            continue
        if char in SPACE_BEFORE:
            issue = _space_before(text, offset)
        elif char in SPACE_AFTER:
            issue = _space_after(text, offset)
        else:
            continue
        if issue is not None:
            issues.append(issue)
    return issues


def fix_french_typography(text: str) -> tuple[str, int]:
    """Return text with the right no-break spaces, and the number of fixes."""
    issues = find_typography_issues(text)
    pieces, position = [], 0
    for issue in issues:
        pieces += [text[position : issue.start], issue.expected]
        position = issue.end
    pieces.append(text[position:])
    return "".join(pieces), len(issues)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of offset in text."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _space_before(text: str, offset: int) -> TypographyIssue | None:
    """Return the issue of a mark that takes a space before it, if any."""
    mark, start = text[offset], offset
    while start > 0 and text[start - 1] in _SPACES:
        start -= 1
    line_prefix = text[text.rfind("\n", 0, start) + 1 : start]
    if _BLOCK_MARKER.fullmatch(line_prefix) or line_prefix.endswith("«"):
        return None  # start of a line or list item; « spaces its own side
    if mark in _PROSE_MARKS and _is_technical(text, offset, glued=start == offset):
        return None
    expected = SPACE_BEFORE[mark]
    if text[start:offset] == expected:
        return None
    return TypographyIssue(offset, mark, start, offset, expected)


def _is_technical(text: str, offset: int, *, glued: bool) -> bool:
    """Return True when a ; : ! ? mark belongs to a token, not to prose."""
    after = text[offset + 1 : offset + 2]
    if after and (after.isalnum() or after in _TECHNICAL_NEXT):
        return True
    if not glued:
        return False
    before = text[offset - 1]
    if before in _PROSE_MARKS or before == "\\":
        return True  # "?!" takes one space; "\?" is a Markdown escape
    return text[offset] == ":" and bool(_DRIVE_LETTER.search(text[:offset]))


def _space_after(text: str, offset: int) -> TypographyIssue | None:
    """Return the issue of a « that takes a space after it, if any."""
    end = offset + 1
    while end < len(text) and text[end] in _SPACES:
        end += 1
    if end == len(text) or text[end] in _LINE_BREAKS:
        return None
    if text[offset + 1 : end] == NBSP:
        return None
    return TypographyIssue(offset, text[offset], offset + 1, end, NBSP)


def _protected_mask(text: str) -> bytearray:
    """Return 1 for every character of technical text, 0 for prose."""
    mask = bytearray(len(text))
    spans = _protected_lines(text)
    for pattern in _INLINE_PROTECTED:
        spans += [match.span() for match in pattern.finditer(text)]
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def _protected_lines(text: str) -> list[tuple[int, int]]:
    """Return the spans of code blocks, table alignment rows and link definitions."""
    spans: list[tuple[int, int]] = []
    fence = ""
    indented, previous_blank, offset = False, True, 0
    for line in text.splitlines(keepends=True):
        span, offset = (offset, offset + len(line)), offset + len(line)
        body = line.rstrip(_LINE_BREAKS)
        blank = not body.strip()
        if not blank:
            # An indented code block starts after a blank line and spans blank ones.
            indented = bool(_INDENTED.match(body)) and (indented or previous_blank)
        if fence:
            spans.append(span)
            closing = body.strip()
            if closing.startswith(fence) and set(closing) == {fence[0]}:
                fence = ""
        elif opening := _FENCE.match(body):
            fence = opening.group(1)
            spans.append(span)
        elif indented or _TABLE_DELIMITER.match(body) or _LINK_DEFINITION.match(body):
            spans.append(span)
        previous_blank = blank
    return spans


def is_french(challenge) -> bool:
    """Return True if one of the challenge's locales is French."""
    return any(str(locale).startswith("fr") for locale in challenge.locales or ())


def fix_challenge_typography(challenge) -> int:
    """Fix the typography of a French challenge's texts in place; return the count."""
    if not is_french(challenge):
        return 0
    total = 0
    for name in TYPOGRAPHY_FIELDS:
        fixed, count = fix_french_typography(getattr(challenge, name) or "")
        if count:
            setattr(challenge, name, fixed)
            total += count
    return total
