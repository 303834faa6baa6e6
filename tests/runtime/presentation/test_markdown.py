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


# Images: from the site itself or MARKDOWN_IMAGE_HOSTS only (golden output).
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "![Carte](https://tracker.example/carte.png)",
            "<p>Carte</p>",
        ),
        (
            '<img src="http://tracker.example/p.gif" alt="a &gt; b">',
            "<p>a &gt; b</p>",
        ),
        ('Vu <img src="//tracker.example/p.gif"> ici', "<p>Vu  ici</p>"),
        ('<img src="/\\tracker.example/p.gif" alt="x">', "<p>x</p>"),
        ('<img src="https:tracker.example/p.gif" alt="x">', "<p>x</p>"),
        ('<img src=" https://tracker.example/p.gif" alt="x">', "<p>x</p>"),
        (
            "![Logo](https://images.example.org/logo.png)",
            '<p><img alt="Logo" src="https://images.example.org/logo.png"></p>',
        ),
        (
            "![Logo](/media/images/logo.png)",
            '<p><img alt="Logo" src="/media/images/logo.png"></p>',
        ),
        ("![Logo](logo.png)", '<p><img alt="Logo" src="logo.png"></p>'),
    ],
)
def test_images_only_from_the_site_or_the_allowed_hosts(settings, source, expected):
    """An image elsewhere would tell that host who reads the challenge: its text
    is shown instead; the site's own images and the allowed hosts' stay."""
    settings.MARKDOWN_IMAGE_HOSTS = ["images.example.org"]

    assert render_markdown(source) == expected


def test_no_image_host_is_allowed_by_default(settings):
    settings.MARKDOWN_IMAGE_HOSTS = []

    html = render_markdown("![Logo](https://images.example.org/logo.png)")

    assert html == "<p>Logo</p>"
