"""roundtable.text.links.linkify: addresses become links, and nothing else of the text changes."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from roundtable.text.links import linkify

ANCHOR = re.compile(r'<a href="([^"]*)" rel="nofollow">(.*?)</a>')


def links(text: str) -> list[tuple[str, str]]:
    return [(html.unescape(href), html.unescape(label)) for href, label in ANCHOR.findall(text)]


def test_web_addresses_become_links_without_the_sentence_punctuation() -> None:
    out = linkify(
        "See https://www.intgovforum.org/en/about. Or (http://example.org/a), or www.itu.int!"
    )
    assert links(out) == [
        ("https://www.intgovforum.org/en/about", "https://www.intgovforum.org/en/about"),
        ("http://example.org/a", "http://example.org/a"),
        ("http://www.itu.int", "www.itu.int"),
    ]
    assert out.endswith("</a>!")


def test_a_parenthesis_the_address_opened_stays_in_it() -> None:
    out = linkify("https://en.wikipedia.org/wiki/Internet_Governance_Forum_(IGF).")
    assert links(out) == [("https://en.wikipedia.org/wiki/Internet_Governance_Forum_(IGF)",) * 2]


def test_email_addresses_become_mailto_links() -> None:
    out = linkify("Write to <twisted-web@twistedmatrix.com> or .dp@divmod.org.")
    assert links(out) == [
        ("mailto:twisted-web@twistedmatrix.com", "twisted-web@twistedmatrix.com"),
        ("mailto:dp@divmod.org", "dp@divmod.org"),
    ]


def test_an_at_sign_inside_a_web_address_is_part_of_it() -> None:
    assert links(linkify("http://user@example.org/x and www.example.org/@me")) == [
        ("http://user@example.org/x", "http://user@example.org/x"),
        ("http://www.example.org/@me", "www.example.org/@me"),
    ]


def test_markup_in_the_text_is_escaped_and_no_other_scheme_is_linked() -> None:
    out = linkify('<script>alert(1)</script> javascript:alert(1) <a href="http://x.org">x</a>')
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert [href for href, _ in links(out)] == ["http://x.org"]
    assert out.count("<a ") == 1


def test_half_addresses_are_left_as_text() -> None:
    for text in ("https://", "www.", "a@b", "@home", "user@localhost", "xhttp://example.org"):
        assert "<a " not in linkify(text), text


def test_a_www_name_is_always_given_a_scheme() -> None:
    # Found by the property below: the href was taken as it stood because it contained "://".
    assert links(linkify("www.http://")) == [("http://www.http://", "www.http://")]


pieces = st.sampled_from(
    ["http://", "https://", "www.", "@", ".", ",", ")", "(", "<", ">", "&", '"', "'", " ", "\n",
     "example.org", "intgovforum.org/a?b=1&c=2", "user", "mailto:", "é", "日本", "/"]
)  # fmt: skip


@given(st.lists(pieces | st.text(max_size=5), max_size=30).map("".join))
def test_only_links_are_added_and_nothing_is_lost(text: str) -> None:
    out = linkify(text)
    assert html.unescape(ANCHOR.sub(r"\2", out)) == text
    assert "<" not in ANCHOR.sub("", out)
    for href, label in links(out):
        assert href.startswith(("http://", "https://", "mailto:")), href
        assert href.endswith(label) or href == f"mailto:{label}"
