"""Excerpts for full-text hits, computed here in Python, the same for SQLite and PostgreSQL.

The databases' own (FTS5 `snippet`, PostgreSQL `ts_headline`) read each hit's whole text, and
`ts_headline` tokenises it again: over a page of 50 long messages that was most of a search's
time (~70 ms at a million messages). Here only a bounded prefix of each text is read
(`PREFIX` characters) and searched with one regular expression for the query's terms; words
are compared as the indexes compare them: case folded, diacritics removed (FTS5 unicode61
`remove_diacritics 2`; PostgreSQL 'simple' folds case only, so there an accented word the
index matched exactly is still marked).

A word or phrase found only past the prefix (or only in the subject or author) gives the
text's beginning, unmarked: the hit is still right, its excerpt just shows no mark.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import islice

from roundtable.text.search_syntax import START, STOP, TOKEN, highlight

PREFIX = 4000  # characters of each text read for its excerpt
WORDS = 24  # words in an excerpt, as FTS5's snippet(..., 24) gave
BEFORE = 4  # words shown before the first match
WORD = re.compile(r"[^\W_]+")

Terms = tuple[tuple[str, ...], ...]


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character for one (so positions in the folded text are those of the original):
    lower case, without its diacritics where it decomposes into one letter and marks."""
    base = [part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part)]
    if len(base) == 1 and len(base[0].lower()) == 1:
        return base[0].lower()
    lower = char.lower()
    return lower if len(lower) == 1 else char


class _Folds(dict[int, str]):
    """`str.translate`'s table, filled as characters are first met: every later lookup stays
    in C (a Python call per character was most of an excerpt's time on non-ASCII texts)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < _FOLDS_KEPT:
            self[code] = folded
        return folded


_FOLDS_KEPT = 65536  # characters remembered (each a few dozen bytes)
_FOLDS = _Folds()


def fold(text: str) -> str:
    """`text` case folded and without diacritics, character for character."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDS)


def terms(text: str) -> Terms:
    """The search box's words and "quoted phrases", each as its folded words."""
    found: list[tuple[str, ...]] = []
    for phrase, word in TOKEN.findall(text):
        words = tuple(WORD.findall(fold(phrase or word)))
        if words and words not in found:
            found.append(words)
    return tuple(found)


def _term_pattern(term: tuple[str, ...]) -> str:
    """Whole words (no letter or digit either side), a phrase's with anything between. The
    first word comes first and the check before it after it: an expression that starts with
    a literal is searched for that literal (50 times faster than one starting with the check)."""
    first = re.escape(term[0])
    rest = "".join(r"[\W_]+" + re.escape(word) for word in term[1:])
    return rf"{first}(?<![^\W_]{first}){rest}(?![^\W_])"


@lru_cache(maxsize=64)
def _patterns(wanted: Terms) -> tuple[re.Pattern[str], list[re.Pattern[str]]]:
    """One expression for any of the terms (longest first), and one per term."""
    longest = sorted(wanted, key=lambda term: -sum(len(word) + 1 for word in term))
    either = re.compile("|".join(_term_pattern(term) for term in longest))
    return either, [re.compile(_term_pattern(term)) for term in wanted]


def excerpt(text: str, wanted: Terms, *, size: int = WORDS) -> str:
    """About `size` words of `text` from a few words before its first match, each match
    between START and STOP, '…' where it was cut; the text's beginning when no term is in
    its first PREFIX characters."""
    head = text[:PREFIX]
    folded = fold(head)
    either = _patterns(wanted)[0] if wanted else None
    first = either.search(folded) if either else None
    begin = 0
    if first is not None:
        back = max(0, first.start() - 40 * BEFORE)
        before = list(WORD.finditer(head, back, first.start()))
        if back > 0 and before and before[0].start() == back:
            before = before[1:]  # cut inside a word
        begin = before[-BEFORE:][0].start() if before else first.start()
    words = list(islice(WORD.finditer(head, begin), size + 1))
    if not words:
        return ""
    end = words[min(size, len(words)) - 1].end()
    cut = WORD.search(head, 0, words[0].start()) is not None
    out = ["…"] if cut else []
    cursor = words[0].start() if cut else 0  # from the very start: its quote or bracket too
    for match in either.finditer(folded, cursor, end) if either else ():
        out += [head[cursor : match.start()], START, head[match.start() : match.end()], STOP]
        cursor = match.end()
    out.append(head[cursor:end])
    if len(words) > size or len(text) > len(head):
        out.append("…")
    return "".join(out)


def highlighted(text: str, wanted: Terms) -> str:
    """`excerpt` as safe HTML, the matches in <mark>: what every search result shows."""
    return highlight(excerpt(text, wanted))
