"""The search box's syntax, shared by every full-text search (list archives, contributions,
document paragraphs, outcomes): words and "quoted phrases", every one required.

`fts5_query` writes it as an SQLite FTS5 query in which every term is a quoted string, so no
input can be read as FTS5 operators or raise a syntax error; PostgreSQL reads the same text
with `websearch_to_tsquery`, which never raises either. Snippets come back from the database
with START/STOP around each match; `highlight` escapes the text and turns those into <mark>.
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
