from __future__ import annotations

from roundtable.mail.sanitise import has_remote_images, html_to_text, sanitise_html

EVIL = (
    '<p onclick="steal()">Hi<script>window.__pwned=1</script>'
    '<img src="x" onerror="window.__pwned=1">'
    '<a href="javascript:window.__pwned=1">click</a>'
    '<a href="JaVaScRiPt&#58;alert(1)">two</a>'
    '<img src="https://tracker.example/pixel.gif" alt="pixel">'
    "<style>body{background:url(https://tracker.example/x)}</style>"
    '<iframe src="https://evil.example"></iframe><form action="/x"><input></form></p>'
)


def test_no_scripts_handlers_or_javascript_urls() -> None:
    clean = sanitise_html(EVIL).lower()
    for bad in (
        "<script",
        "onerror",
        "onclick",
        "javascript",
        "<iframe",
        "<style",
        "<form",
        "<input",
        "__pwned",
    ):
        assert bad not in clean, bad
    assert "click" in clean and "hi" in clean


def test_remote_images_only_when_asked() -> None:
    assert "tracker.example" not in sanitise_html(EVIL)
    assert 'src="https://tracker.example/pixel.gif"' in sanitise_html(EVIL, remote_images=True)
    assert has_remote_images(EVIL)


def test_bare_addresses_survive_as_text() -> None:
    assert "&lt;bob@example.org&gt;" in sanitise_html("<b>From:</b> Bob <bob@example.org>")
    assert "<bob@example.org>" in html_to_text("<b>From:</b> Bob <bob@example.org>")


def test_blockquote_becomes_quoted_text() -> None:
    assert (
        html_to_text("<p>mine</p><blockquote>theirs<br>more</blockquote>")
        == "mine\n> theirs\n> more\n"
    )
