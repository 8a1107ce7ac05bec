"""Plain text to HTML with its web addresses and email addresses as links.

Django's `urlize` filter took 2.8 ms per archived message (9.2 s for the 3,290 plain-text
bodies of the first 40 months of the twisted-web archive), and linkify-it-py twice that: a list
thread page shows a hundred messages, so linking was most of its time (bench/bench_links.py).
A pattern tried at every position of the text is what costs; here the text is searched only
for the three things every address contains (`://`, `www.`, `@`), with `str.find`, and a
pattern is matched only where one of them is.

Everything that is not a link is escaped; links get `rel="nofollow"`, as `urlize` gives them.
Only http(s) addresses, `www.` names and email addresses become links, so no other scheme
(`javascript:`) can ever reach an href.
"""

from __future__ import annotations

import re
from html import escape

_URL_TAIL = re.compile(r"[^\s<>\"'`{}|\\^\[\]]+")
_LOCAL_PART = re.compile(r"[\w.+-]+$")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
# Punctuation that ends a sentence rather than the address it follows.
_TRAILING = ".,:;!?)'\"*"


def _trim(url: str) -> str:
    while url and url[-1] in _TRAILING:
        # A closing parenthesis belongs to the address when it closes one the address opened
        # (https://en.wikipedia.org/wiki/Dynamic_coalition_(IGF)).
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _word_start(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_.-/@")


def _positions(text: str, needle: str) -> list[int]:
    found = []
    at = text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _web(text: str, at: int) -> tuple[int, str, str] | None:
    """The web address whose `://` or `www.` is at `at`, as (start, address, href)."""
    if text.startswith("://", at):
        for scheme in ("https", "http"):
            start = at - len(scheme)
            if start >= 0 and text[start:at].lower() == scheme and _word_start(text, start):
                break
        else:
            return None
    else:
        start = at
        if not _word_start(text, start):
            return None
    schemed = text.startswith("://", at)
    tail = _URL_TAIL.match(text, start)
    address = _trim(tail.group()) if tail else ""
    if len(address) <= (8 if schemed else 4):
        return None
    # By where the address starts, never by what it contains: `www.http://` is a `www.` name.
    return start, address, address if schemed else f"http://{address}"


def _email(text: str, at: int) -> tuple[int, str, str] | None:
    """The email address whose `@` is at `at`, as (start, address, href)."""
    local = _LOCAL_PART.search(text, max(0, at - 64), at)
    domain = _DOMAIN.match(text, at + 1)
    if local is None or domain is None:
        return None
    start = local.start()
    while start < at and text[start] == ".":
        start += 1
    if start == at:
        return None
    address = text[start : domain.end()]
    return start, address, f"mailto:{address}"


def linkify(text: str) -> str:
    """`text` escaped for HTML, with every address in it a link."""
    found: list[tuple[int, str, str]] = []
    for at in sorted(_positions(text, "://") + _positions(text, "www.")):
        web = _web(text, at)
        if web is not None:
            found.append(web)
    for at in _positions(text, "@"):
        email = _email(text, at)
        if email is not None:
            found.append(email)
    if not found:
        return escape(text, quote=False)
    out: list[str] = []
    last = 0
    for start, address, href in sorted(found):
        if start < last:
            continue  # inside an address already linked (an `@` or `www.` in a URL)
        out.append(escape(text[last:start], quote=False))
        out.append(f'<a href="{escape(href)}" rel="nofollow">{escape(address, quote=False)}</a>')
        last = start + len(address)
    out.append(escape(text[last:], quote=False))
    return "".join(out)
