"""Markdown in, safe HTML out: markdown-it-py (raw HTML off) then nh3 (an allow-list cleaner)."""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"style"}, "td": {"style"}}
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def render_markdown(text: str) -> str:
    """Safe HTML for a participant's Markdown. Links get rel="nofollow noopener"."""
    return nh3.clean(
        _MD.render(text),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters/digits (hyphenated words count once)."""
    return len(_WORD.findall(text))
