"""User-supplied Markdown renders inert."""

import pytest

from catalogue.markdown import render_markdown


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert('x')</script>",
        "[click](javascript:alert(1))",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{display:none}</style>",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        '<p onclick="alert(1)">hi</p>',
    ],
)
def test_hostile_markdown_is_inert(hostile):
    html = render_markdown(hostile).lower()
    for dangerous in [
        "<script",
        "javascript:",
        "onerror",
        "onclick",
        "<iframe",
        "<style",
        "data:text",
    ]:
        assert dangerous not in html


def test_ordinary_markdown_survives():
    html = render_markdown("**Bold** and [a link](https://example.org)\n\n- one\n- two")
    assert "<strong>Bold</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<li>one</li>" in html


def test_empty_text():
    assert render_markdown("") == ""
