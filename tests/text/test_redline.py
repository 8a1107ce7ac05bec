"""Word-level redlines (pure core), including the stored expected redline of a known pair."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from roundtable.text import (
    carry_forward,
    compare,
    diff_words,
    first_version,
    render_html,
    render_text,
)
from roundtable.text.phrases import _char, _decode

FIXTURES = Path(__file__).parent / "fixtures"


def _pair() -> tuple[list, list]:  # type: ignore[type-arg]
    v1 = first_version((FIXTURES / "opinion-v1.md").read_text())
    v2 = carry_forward(v1, (FIXTURES / "opinion-v2.md").read_text())
    return v1, v2


def test_known_pair_matches_the_stored_redline() -> None:
    v1, v2 = _pair()
    redline = compare(v1, v2)
    expected = json.loads((FIXTURES / "opinion-v1-v2.redline.json").read_text())
    assert redline.to_json() == expected
    text = "".join(f"[{c.status} {c.pid}] {render_text(c.runs)}\n" for c in redline.paragraphs)
    assert text == (FIXTURES / "opinion-v1-v2.redline.txt").read_text()
    assert expected["counts"] == {"unchanged": 2, "changed": 3, "inserted": 1, "deleted": 1}


def test_word_runs() -> None:
    runs = diff_words(
        "lower the cost of connectivity", "lower the cost and quality of connectivity"
    )
    assert render_text(runs) == "lower the cost {+and quality +}of connectivity"
    runs = diff_words("invites Member States", "urges Member States")
    assert render_text(runs) == "[-invites-]{+urges+} Member States"


def test_html_is_escaped() -> None:
    runs = diff_words("a <b>", "a <script>alert(1)</script>")
    html = render_html(runs)
    assert "<script>" not in html and "&lt;/script" in html
    assert html.startswith("a &lt;") and "<del>b</del>" in html and "<ins>" in html


words = st.lists(st.sampled_from(["the", "forum", "invites", ",", "IXPs", "all"]), max_size=12)


@given(words, words)
def test_runs_rebuild_both_texts(a: list[str], b: list[str]) -> None:
    old, new = " ".join(a), " ".join(b)
    runs = diff_words(old, new)
    assert "".join(r.text for r in runs if r.op != "insert") == old
    assert "".join(r.text for r in runs if r.op != "delete") == new


def test_changes_read_as_phrases_not_alternating_words() -> None:
    """Issue 11 point 7: whole phrases struck and inserted (semantic clean-up)."""
    runs = diff_words("The World is round", "Replaced by the sea is round")
    assert render_text(runs) == "[-The World-]{+Replaced by the sea+} is round"
    runs = diff_words(
        "The Forum invites all Member States to act", "The Forum urges every Member States to act"
    )
    assert render_text(runs) == "The Forum [-invites all-]{+urges every+} Member States to act"
    # Never `[-a-]{+x+} [-b-]{+y+}`: a change, one space, a change.
    text = render_text(diff_words("one two three four five", "alpha beta gamma four five"))
    assert text == "[-one two three-]{+alpha beta gamma+} four five"


def test_token_encoding_skips_surrogates() -> None:
    table = [f"w{i}" for i in range(0xD800 - 0x100 + 10)]
    around = [0, 0xD800 - 0x100 - 1, 0xD800 - 0x100, 0xD800 - 0x100 + 9]
    encoded = "".join(_char(i) for i in around)
    assert not any(0xD800 <= ord(c) < 0xE000 for c in encoded)
    assert _decode(encoded, table) == "".join(table[i] for i in around)
