"""The search box's syntax, shared by every full-text search (list archives, contributions,
document paragraphs, outcomes): words and "quoted phrases", every one required.

`fts5_query` writes it as an SQLite FTS5 query in which every term is a quoted string, so no
input can be read as FTS5 operators or raise a syntax error; PostgreSQL reads the same text
with `websearch_to_tsquery`, which never raises either. Snippets come back from the database
with START/STOP around each match; `highlight` escapes the text and turns those into <mark>.
`phrase_words` turns PostgreSQL's query for a phrase into the AND of its words.
"""

from __future__ import annotations

import re
from html import escape

START, STOP = "\x02", "\x03"
TOKEN = re.compile(r'"([^"]+)"|(\S+)')


def fts5_query(text: str) -> str:
    """`text` as an FTS5 query: each word or phrase a quoted string (a quote inside one
    doubled, as FTS5 escapes it); empty when `text` has no term."""
    quoted = []
    for phrase, word in TOKEN.findall(text):
        term = (phrase or word).replace('"', '""').strip()
        if term:
            quoted.append(f'"{term}"')
    return " ".join(quoted)


def highlight(snippet: str) -> str:
    """A snippet marked with START/STOP as safe HTML: escaped, matches in <mark>."""
    return escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")


# A tsquery as PostgreSQL writes it out: quoted lexemes (a quote inside doubled, a backslash
# escaped), the operators & | ! and <-> or <N>, parentheses, spaces. A lexeme with a weight or
# a prefix mark (:A, :*) is not matched: those queries are left as they are.
TSQUERY_TOKEN = re.compile(r"'(?:[^'\\]|''|\\.)*'|<(?:-|\d+)>|[&|!()]|\s+")


def phrase_words(tsquery: str) -> str | None:
    """The tsquery `tsquery` (PostgreSQL's text of it) with each phrase operator read as AND:
    `'the' <-> 'policy'` becomes `'the' & 'policy'`. Every text the query matches has all of a
    phrase's words, so it matches this one too (more texts, never fewer), and a GIN index
    answers an AND of words without reading the vectors, which a phrase needs.

    None when there is no phrase, or a NOT anywhere (NOT of a phrase would become NOT of its
    words: fewer texts), or anything not read as a token."""
    parts: list[str] = []
    end = 0
    phrase = False
    for token in TSQUERY_TOKEN.finditer(tsquery):
        if token.start() != end or token.group() == "!":
            return None
        end = token.end()
        if token.group().startswith("<"):
            phrase = True
            parts.append("&")
        else:
            parts.append(token.group())
    if end != len(tsquery) or not phrase:
        return None
    return "".join(parts)
