"""Markdown to the XHTML of a QTI item body, and back.

Export renders Markdown with the workbench's sanitiser and copies the HTML into the
QTI namespace. Import converts the common XHTML elements back to Markdown and keeps
any other allowed element as raw HTML, which Markdown passes through and the
sanitiser then filters.
"""

import re
from collections.abc import Callable
from copy import deepcopy

import lxml.html
from lxml import etree

from runtime.presentation.markdown import render_markdown

from .vocabulary import QTI_NS, local_name, qti

# HTML elements the sanitiser lets through that QTI 3.0 item bodies accept.
QTI_HTML = {
    "a", "abbr", "b", "blockquote", "br", "code", "div", "em", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
QTI_ATTRIBUTES = {"href", "title", "src", "alt", "width", "height"}
BLOCKS = {"p", "div", "ul", "ol", "pre", "blockquote", "table", "hr"}
BLOCKS |= {"h3", "h4", "h5", "h6"}
INLINE_MARKS = {"em": "*", "i": "*", "strong": "**", "b": "**"}

# Private-use characters stand for a field while Markdown is rendered.
TOKEN_START, TOKEN_END = "\ue000", "\ue001"
_TOKEN = re.compile(f"{TOKEN_START}(\\d+){TOKEN_END}")

FieldRenderer = Callable[[etree._Element], str | None]


def token(index: int) -> str:
    """Return the placeholder text that stands for field number index."""
    return f"{TOKEN_START}{index}{TOKEN_END}"


def markdown_div(text: str, css_class: str) -> etree._Element:
    """Return a QTI div holding the sanitised rendering of a Markdown text."""
    html = str(render_markdown(text)).strip()
    wrapper = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    div = _copy(wrapper)
    div.set("class", css_class)
    return div


def markdown_inline(text: str) -> etree._Element:
    """Return a QTI span holding a one-line Markdown text, without its paragraph."""
    div = markdown_div(text, "")
    span = etree.Element(qti("span"))
    paragraph = div[0] if len(div) == 1 and local_name(div[0]) == "p" else div
    span.text = paragraph.text
    for child in list(paragraph):
        span.append(child)
    return span


def _copy(element: lxml.html.HtmlElement) -> etree._Element:
    """Return an HTML element copied into the QTI namespace (unknown tags as span)."""
    tag = element.tag if element.tag in QTI_HTML else "span"
    copy = etree.Element(qti(tag))
    for name, value in element.attrib.items():
        if name in QTI_ATTRIBUTES:
            copy.set(name, value)
    copy.text = element.text
    for child in element:
        if isinstance(child.tag, str):
            copy.append(_copy(child))
            copy[-1].tail = child.tail
        elif child.tail:
            _append_text(copy, child.tail)
    return copy


def _append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child of parent (or as its text)."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def replace_tokens(root: etree._Element, make: Callable[[int], etree._Element]):
    """Replace every field token in root's text by the element make(index) builds."""
    for element in list(root.iter()):
        if element.text and _TOKEN.search(element.text):
            pieces = _TOKEN.split(element.text)
            element.text = pieces[0]
            _insert_pieces(element, 0, pieces[1:], make)
        if element is not root and element.tail and _TOKEN.search(element.tail):
            pieces = _TOKEN.split(element.tail)
            element.tail = pieces[0]
            parent = element.getparent()
            _insert_pieces(parent, parent.index(element) + 1, pieces[1:], make)


def _insert_pieces(parent, position: int, pieces: list[str], make) -> None:
    """Insert (index, following text) pairs as new elements from position on."""
    for offset in range(0, len(pieces), 2):
        created = make(int(pieces[offset]))
        created.tail = pieces[offset + 1] or None
        parent.insert(position + offset // 2, created)


def to_markdown(element: etree._Element, render_field: FieldRenderer) -> str:
    """Return the Markdown of an element's content (blocks or inline)."""
    children = [child for child in element if isinstance(child.tag, str)]
    if any(local_name(child) in BLOCKS for child in children):
        return _blocks(element, render_field)
    return _inline(element, render_field).strip()


def _blocks(element: etree._Element, render_field: FieldRenderer) -> str:
    """Return the Markdown of block children, separated by blank lines."""
    parts = [(element.text or "").strip()]
    for child in element:
        parts.append(_block(child, render_field))
        parts.append((child.tail or "").strip())
    return "\n\n".join(part for part in parts if part)


def _block(element: etree._Element, render_field: FieldRenderer) -> str:
    """Return the Markdown of one block element."""
    tag = local_name(element)
    if tag in {"h3", "h4", "h5", "h6"}:
        return "#" * int(tag[1]) + " " + _inline(element, render_field).strip()
    if tag in {"ul", "ol"}:
        return _list(element, render_field, ordered=tag == "ol")
    if tag == "pre":
        return "```\n" + "".join(element.itertext()).rstrip("\n") + "\n```"
    if tag == "blockquote":
        inner = to_markdown(element, render_field)
        return "\n".join(f"> {line}".rstrip() for line in inner.splitlines())
    if tag == "hr":
        return "---"
    if tag == "table":
        return _table(element, render_field)
    if tag in {"div", "p", "span"}:
        return to_markdown(element, render_field)
    return raw_html(element)


def _table(element: etree._Element, render_field: FieldRenderer) -> str:
    """Return a Markdown pipe table; its first row is the header."""
    rows = [
        [
            _inline(cell, render_field).strip().replace("|", "\\|")
            for cell in row
            if local_name(cell) in {"td", "th"}
        ]
        for row in element.iter(qti("tr"))
    ]
    if not rows:
        return ""
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "---|" * len(rows[0]))
    return "\n".join(lines)


def _list(element: etree._Element, render_field: FieldRenderer, *, ordered) -> str:
    """Return the Markdown of a list, one item per line."""
    lines = []
    items = [child for child in element if local_name(child) == "li"]
    for number, item in enumerate(items, start=1):
        marker = f"{number}. " if ordered else "- "
        text = to_markdown(item, render_field).replace("\n", "\n    ")
        lines.append(marker + text)
    return "\n".join(lines)


def _inline(element: etree._Element, render_field: FieldRenderer) -> str:
    """Return the Markdown of inline content: text, marks, links, fields."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(_inline_element(child, render_field))
        parts.append(child.tail or "")
    return "".join(parts)


def _inline_element(element: etree._Element, render_field: FieldRenderer) -> str:
    """Return the Markdown of one inline element."""
    field = render_field(element)
    if field is not None:
        return field
    tag = local_name(element)
    inner = _inline(element, render_field)
    if tag in INLINE_MARKS:
        return f"{INLINE_MARKS[tag]}{inner}{INLINE_MARKS[tag]}"
    if tag == "code":
        return f"`{inner}`"
    if tag == "br":
        return "  \n"
    if tag == "a":
        title = f' "{element.get("title")}"' if element.get("title") else ""
        return f"[{inner}]({element.get('href', '')}{title})"
    if tag == "img":
        return f"![{element.get('alt', '')}]({element.get('src', '')})"
    if tag in {"span", "div", "p"}:
        return inner
    return raw_html(element)


def raw_html(element: etree._Element) -> str:
    """Return an element serialised as HTML without the QTI namespace."""
    copy = deepcopy(element)
    copy.tail = None
    for node in copy.iter():
        if isinstance(node.tag, str) and node.tag.startswith(f"{{{QTI_NS}}}"):
            node.tag = local_name(node)
    etree.cleanup_namespaces(copy)
    return etree.tostring(copy, encoding="unicode", method="html").strip()


def remove(element: etree._Element, *, keep_text: bool = False) -> None:
    """Remove an element, keeping its tail (and its text when asked)."""
    parent = element.getparent()
    text = ("".join(element.itertext()) if keep_text else "") + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)
