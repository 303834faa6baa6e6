"""Markdown statements rendered with Python-Markdown and sanitised with nh3.

The HTML depends on the text and the allowed image hosts alone, so each text is
rendered once per process and kept (least recently used first out): a
release's statements, options and hints never change, and the learner pages
show the same ones again and again (each checkpoint renders five statements and
their options; Python-Markdown builds a new parser at each call).

Images load only from the site itself (a relative URL) or from a host of the
MARKDOWN_IMAGE_HOSTS setting: an image on any other host would tell it who
reads which challenge, and when. Another image is replaced by its text.
"""

import functools
import re
from urllib.parse import urlsplit

import markdown as markdown_lib
import nh3
from django.conf import settings
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
# An <img> as nh3 writes it: every value in double quotes, '"' and '>' escaped.
CLEAN_IMG = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)\s*/?>')
CLEAN_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
# Browsers drop tabs and newlines from a URL and read "\" as "/".
URL_NOISE = re.compile(r"[\t\n\r]")
C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def image_source_allowed(src: str, hosts=None) -> bool:
    """True for a URL on the site itself or on a host of MARKDOWN_IMAGE_HOSTS.

    A relative URL (no scheme, no host) stays on the site. ``/\\host/x.png``
    and ``https:host/x.png`` are read by browsers as another host's: any URL
    with a scheme or a host needs an allowed host (and http or https).
    """
    url = URL_NOISE.sub("", src).strip(C0_AND_SPACE).replace("\\", "/")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    if not parts.scheme and not parts.netloc:
        return True
    return (
        parts.scheme in ("", "http", "https")
        and bool(host)
        and host in (settings.MARKDOWN_IMAGE_HOSTS if hosts is None else hosts)
    )


def _attribute_filter(hosts: tuple[str, ...]):
    def keep_attribute(tag: str, attribute: str, value: str) -> str | None:
        if (
            tag == "img"
            and attribute == "src"
            and not image_source_allowed(value, hosts)
        ):
            return None
        return value

    return keep_attribute


def _image_or_its_text(match: re.Match) -> str:
    attributes = dict(CLEAN_ATTRIBUTE.findall(match.group(1)))
    if "src" in attributes:
        return match.group(0)
    return attributes.get("alt", "")  # already escaped by nh3


def render_markdown(text: str) -> SafeString:
    """Return sanitised HTML for a Markdown statement: no script, handler or js URL,
    no image from another site."""
    return _rendered(text or "", tuple(settings.MARKDOWN_IMAGE_HOSTS))


@functools.lru_cache(maxsize=4096)
def _rendered(text: str, image_hosts: tuple[str, ...]) -> SafeString:
    html = markdown_lib.markdown(
        text, extensions=["tables", "sane_lists", "fenced_code"]
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_attribute_filter(image_hosts),
    )
    if "<img" in clean:
        clean = CLEAN_IMG.sub(_image_or_its_text, clean)
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
