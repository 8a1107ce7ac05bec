"""Excerpts cut in Python (roundtable/text/excerpts.py), the same for
SQLite and PostgreSQL: whole words, phrases, case and diacritics folded, bounded prefix."""

from __future__ import annotations

from roundtable.text.excerpts import PREFIX, excerpt, terms
from roundtable.text.search_syntax import highlight


def marked(text: str, query: str) -> str:
    return highlight(excerpt(text, terms(query)))


def test_words_and_phrases_are_marked_as_whole_words() -> None:
    text = "Other theory: the policy making of the café, not policy_the or 2the."
    assert terms('The "policy making" Cafe') == (("the",), ("policy", "making"), ("cafe",))
    found = marked(text, 'the "policy making" cafe')
    assert found.count("<mark>the</mark>") == 3  # "the", "the" and "_the" (a separator)
    assert "<mark>policy making</mark>" in found and "<mark>café</mark>" in found
    assert "Other" in found and "o<mark>" not in found and "2<mark>" not in found


def test_the_excerpt_starts_a_few_words_before_the_first_match() -> None:
    text = " ".join(f"w{n}" for n in range(200)) + " needle " + " ".join("after" for _ in range(50))
    found = marked(text, "needle")
    assert found.startswith("…w196 w197 w198 w199 <mark>needle</mark>")
    assert found.endswith("…") and found.count(" ") == 23


def test_markup_is_escaped_and_arabic_and_accents_fold() -> None:
    assert (
        marked("<b>x</b> about ÉCOLE", "ecole") == "&lt;b&gt;x&lt;/b&gt; about <mark>ÉCOLE</mark>"
    )
    assert marked("مرحبا بالعالم هذا نص عربي", "نص") == "مرحبا بالعالم هذا <mark>نص</mark> عربي"
    assert "<mark>İstanbul</mark>" in marked("in İstanbul", "istanbul")


def test_a_match_past_the_prefix_gives_the_beginning_unmarked() -> None:
    text = "Start here. " + "word " * (PREFIX // 5) + "needle"
    found = marked(text, "needle")
    assert found.startswith("Start here. word") and found.endswith("…") and "mark" not in found
    assert marked("", "needle") == "" and marked("nothing", "") == "nothing"
