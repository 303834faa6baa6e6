import pytest

from runtime.presentation.markdown import render_markdown


@pytest.mark.parametrize(
    "source",
    [
        "Bonjour <script>alert(1)</script>",
        '<img src="x.png" onerror="alert(1)">',
        "[clic](javascript:alert(1))",
        '<a href="javascript:alert(1)">clic</a>',
        "<iframe src='https://evil.example'></iframe>",
    ],
)
def test_dangerous_markup_never_survives(source):
    """Scripts, event handlers, javascript: links and iframes are removed."""
    html = render_markdown(source)

    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html


def test_markdown_is_rendered():
    """Emphasis, lists and safe links render as HTML."""
    html = render_markdown("**Gras**\n\n- un\n- deux\n\n[site](https://example.org)")

    assert "<strong>Gras</strong>" in html
    assert "<li>un</li>" in html
    assert (
        '<a href="https://example.org" rel="noopener noreferrer nofollow">site</a>'
        in html
    )


def test_fenced_code_blocks_keep_their_lines():
    """Programs in ``` blocks render as preformatted code, line by line."""
    html = render_markdown("Programme :\n\n```\nrépéter 4 fois :\n    avancer\n```")

    assert "<pre><code>répéter 4 fois :\n    avancer\n</code></pre>" in html
