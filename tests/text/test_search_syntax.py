"""search_syntax.phrase_words: a tsquery's phrases read as the AND of their words, only where
that AND matches every text the query does (PostgreSQL's own queries: tests/lists/
test_search_windows.py)."""

from __future__ import annotations

import pytest

from roundtable.text.search_syntax import phrase_words


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("'the' <-> 'policy'", "'the' & 'policy'"),
        ("'the' <-> 'policy' & 'paper'", "'the' & 'policy' & 'paper'"),
        ("'a' <-> 'b' | 'c'", "'a' & 'b' | 'c'"),  # & binds tighter than |, as <-> did
        ("( 'a' | 'b' ) <-> 'c'", "( 'a' | 'b' ) & 'c'"),
        ("'e-mail' <-> 'e' <-> 'mail' <-> 'policy'", "'e-mail' & 'e' & 'mail' & 'policy'"),
        ("'it''s' <2> 'x'", "'it''s' & 'x'"),  # a quote inside a lexeme, a distance
        ("'a\\\\b' <-> 'c'", "'a\\\\b' & 'c'"),  # a backslash inside a lexeme
        ("'<->' <-> 'c'", "'<->' & 'c'"),  # operators inside a lexeme are its text
    ],
)
def test_phrases_become_the_and_of_their_words(query: str, words: str) -> None:
    assert phrase_words(query) == words


@pytest.mark.parametrize(
    "query",
    [
        "'the' & 'policy'",  # no phrase: nothing to read through
        "'policy'",
        "",
        "!( 'the' <-> 'policy' )",  # NOT of the words would match fewer texts
        "'the' <-> 'policy' & !'paper'",
        "'a':* <-> 'b'",  # a prefix or a weight: left as it is
        "'a':A <-> 'b'",
        "'unclosed <-> 'b'",
    ],
)
def test_no_words_where_they_would_not_match_every_text_the_query_does(query: str) -> None:
    assert phrase_words(query) is None
