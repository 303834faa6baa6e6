"""Markdown statements rendered with Python-Markdown and sanitised with nh3.

The HTML depends on the text alone, so each text is rendered once per process
and kept (least recently used first out): a release's statements, options and
hints never change, and the learner pages show the same ones again and again
(each checkpoint renders five statements and their options; Python-Markdown
builds a new parser at each call).
"""

import functools

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_SCHEMES = {"https", "http", "mailto"}


def render_markdown(text: str) -> SafeString:
    """Return sanitised HTML for a Markdown statement: no script, handler or js URL."""
    return _rendered(text or "")


@functools.lru_cache(maxsize=4096)
def _rendered(text: str) -> SafeString:
    html = markdown_lib.markdown(
        text, extensions=["tables", "sane_lists", "fenced_code"]
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
