"""HTML from mail: made safe with nh3 for display, or turned into plain text.

Safe means: no scripts or styles, no event handlers, no `javascript:` (or any non-web) URLs,
and no remote images unless the reader asked for them (a remote image is a read receipt).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

TAGS = {
    "a", "abbr", "b", "big", "blockquote", "br", "center", "cite", "code", "dd", "del", "div",
    "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
BARE_ADDRESS = re.compile(r"<([^\s<>@/\"']+@[^\s<>\"']+)>")
REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)


def sanitise_html(html: str, *, remote_images: bool = False) -> str:
    """Safe HTML for display inside a page."""
    # Entourage and friends write addresses as bare `<user@host>`: keep them as text.
    html = BARE_ADDRESS.sub(r"&lt;\1&gt;", html)

    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "img" and attribute == "src":
            if REMOTE.match(value):
                return value if remote_images else None
            return None  # cid: and data: images are not served
        return value

    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=keep,
    )


def has_remote_images(html: str) -> bool:
    return re.search(r"<img\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//", html, re.I) is not None


BLOCK = {
    "p", "div", "table", "tr", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
    "h6", "pre", "center", "address", "section", "article", "header", "footer",
}  # fmt: skip
SKIP = {"script", "style", "head", "title", "noscript", "template"}
VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr"}


class _TextMaker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.depth = 0  # blockquote depth
        self.skipping = 0
        self.pre = 0

    def newline(self) -> None:
        text = "".join(self.line).strip()
        prefix = "> " * self.depth
        self.lines.append((prefix + text).rstrip() if text or self.depth else "")
        self.line = []

    def soft_break(self) -> None:
        if "".join(self.line).strip():
            self.newline()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if "@" in tag:  # a bare <user@host> that is not a tag at all
            self.line.append(f"<{tag}>")
            return
        if tag in SKIP:
            self.skipping += 1
        elif tag == "br":
            self.newline()
        elif tag == "hr":
            self.soft_break()
            self.newline()
        elif tag == "blockquote":
            self.soft_break()
            self.depth += 1
        elif tag == "li":
            self.soft_break()
            self.line.append("- ")
        elif tag == "pre":
            self.soft_break()
            self.pre += 1
        elif tag in BLOCK:
            self.soft_break()
        elif tag in ("td", "th"):
            self.line.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "blockquote":
            self.soft_break()
            self.depth = max(0, self.depth - 1)
        elif tag == "pre":
            self.soft_break()
            self.pre = max(0, self.pre - 1)
        elif tag in BLOCK or tag == "li":
            self.soft_break()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        data = data.replace("\xa0", " ")
        if self.pre:
            parts = data.split("\n")
            for number, part in enumerate(parts):
                if number:
                    self.newline()
                self.line.append(part)
            return
        self.line.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        if self.line:
            self.newline()
        lines = [re.sub(r"[ \t]{2,}", " ", line).rstrip() for line in self.lines]
        text = "\n".join(lines)
        text = re.sub(r"\n{3,}", "\n\n", text)
        return text.strip("\n") + "\n"


def html_to_text(html: str) -> str:
    """Readable plain text from HTML; blockquotes become `> ` quotes."""
    maker = _TextMaker()
    try:
        maker.feed(html)
        maker.close()
    except Exception:  # noqa: BLE001 - HTMLParser is lenient, but never let mail crash us
        return re.sub(r"<[^>]*>", " ", html)
    return maker.text()


def enriched_to_text(text: str) -> str:
    """text/enriched (RFC 1896): drop the formatting commands."""
    text = re.sub(r"<param>.*?</param>", "", text, flags=re.S | re.I)
    text = re.sub(r"</?[A-Za-z0-9-]+>", "", text)
    text = text.replace("<<", "<")
    return re.sub(r"(?<!\n)\n(?!\n)", " ", text)
