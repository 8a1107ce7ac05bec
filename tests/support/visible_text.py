"""What a person reads on a page: the text outside tags, without attributes, hidden parts or
the collapsed ``<details>`` bodies (the English rule text one click away), and a scan of it
for the engine's raw identifiers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

SKIPPED = {"head", "script", "style", "template", "noscript"}
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.hidden_depth = 0  # >0 inside skipped elements or a closed <details> body
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        hidden = tag in SKIPPED or any(name == "hidden" for name, _ in attrs)
        if self.stack and self.stack[-1] == "details" and tag != "summary":
            hidden = True
        if tag == "details" and any(name == "open" for name, _ in attrs):
            hidden = hidden  # an open <details> is read in full
        self.stack.append(tag)
        if hidden or self.hidden_depth:
            self.hidden_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if self.hidden_depth:
                self.hidden_depth -= 1
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.hidden_depth:
            return
        if self.stack and self.stack[-1] == "details":
            return  # loose text of a closed <details>
        self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def raw_identifiers(text: str, rights: Iterable[str]) -> list[str]:
    """Raw ids found in `text`: right ids, ``group:``/``category:``/``role:`` ids, underscores."""
    found = re.findall(r"\b(?:group|category|role):[\w-]+", text)
    found += re.findall(r"\S*_\S*", text)
    for right in rights:
        found += re.findall(rf"(?<![\w-]){re.escape(right)}(?![\w-])", text)
    return found
