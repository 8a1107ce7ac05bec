"""Redlines people read: changes grouped into phrases (semantic clean-up), not word by word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from roundtable.text.redline import diff_words, render_text


def test_a_replaced_phrase_reads_as_one_change() -> None:
    runs = diff_words("The World is round.", "Replaced by is round.")
    assert render_text(runs) == "[-The World-]{+Replaced by+} is round."


def test_long_common_words_between_changes_stay_common() -> None:
    runs = diff_words(
        "The Forum invites Member States to encourage IXPs.",
        "The Forum urges Member States to support IXPs.",
    )
    assert render_text(runs) == (
        "The Forum [-invites-]{+urges+} Member States to [-encourage-]{+support+} IXPs."
    )


def test_no_change_no_runs_but_equal() -> None:
    assert [r.op for r in diff_words("Same text.", "Same text.")] == ["equal"]


words = st.lists(st.sampled_from(["a", "bb", "ccc", "the", "World", " ", ", "]), max_size=30)


@given(words, words)
def test_runs_still_rebuild_both_texts(a: list[str], b: list[str]) -> None:
    old, new = " ".join(a), " ".join(b)
    runs = diff_words(old, new)
    assert "".join(r.text for r in runs if r.op != "insert") == old
    assert "".join(r.text for r in runs if r.op != "delete") == new
    ops = [r.op for r in runs]
    assert all(x != y for x, y in zip(ops, ops[1:], strict=False))  # merged
