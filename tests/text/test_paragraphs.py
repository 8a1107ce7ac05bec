"""Paragraph identities across versions (pure core: no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.text import apply_change, carry_forward, first_version, join_blocks, split_blocks

V1 = "Intro line.\n\nFirst point about access.\n\nSecond point about cost.\n\nClosing words."


def test_split_keeps_fenced_code_whole_and_drops_blank_runs() -> None:
    source = "A\n\n\n\n```\ncode\n\nmore code\n```\n\nB\r\n\r\nC\n"
    assert split_blocks(source) == ["A", "```\ncode\n\nmore code\n```", "B", "C"]


def test_first_version_numbers_and_ids() -> None:
    paras = first_version(V1)
    assert [(p.pid, p.number) for p in paras] == [("p1", 1), ("p2", 2), ("p3", 3), ("p4", 4)]


def test_ids_survive_insertion_edit_and_deletion() -> None:
    v1 = first_version(V1)
    source = (
        "Intro line.\n\nA brand new paragraph on capacity building.\n\n"
        "First point about universal access.\n\nClosing words."
    )
    v2 = carry_forward(v1, source)
    assert [p.pid for p in v2] == ["p1", "p5", "p2", "p4"]
    assert [p.number for p in v2] == [1, 2, 3, 4]
    # p3 was deleted: a later new paragraph never reuses it.
    v3 = carry_forward(v2, join_blocks([p.text for p in v2] + ["Yet another."]), used=["p3"])
    assert v3[-1].pid == "p6"


def test_unrelated_rewrite_gets_a_fresh_id() -> None:
    v1 = first_version("Alpha beta gamma delta.")
    v2 = carry_forward(v1, "Completely different words here now.")
    assert v2[0].pid == "p2"


def test_apply_change_kinds() -> None:
    v1 = first_version(V1)
    replaced = apply_change(
        v1, kind="replace", pid="p2", text="First point, amended.", next_number=5
    )
    assert [(p.pid, p.text) for p in replaced][1] == ("p2", "First point, amended.")
    inserted = apply_change(v1, kind="insert-after", pid="p2", text="New one.", next_number=5)
    assert [p.pid for p in inserted] == ["p1", "p2", "p5", "p3", "p4"]
    at_start = apply_change(v1, kind="insert-after", pid=None, text="Preamble.", next_number=5)
    assert at_start[0].pid == "p5" and at_start[0].number == 1
    deleted = apply_change(v1, kind="delete", pid="p3", text="", next_number=5)
    assert [p.pid for p in deleted] == ["p1", "p2", "p4"]
    with pytest.raises(KeyError):
        apply_change(v1, kind="delete", pid="p9", text="", next_number=5)
    with pytest.raises(ValueError):
        apply_change(v1, kind="replace", pid="p1", text="  ", next_number=5)


blocks = st.lists(
    st.text(alphabet="abcdefgh ", min_size=1, max_size=30).filter(lambda s: s.strip()),
    min_size=1,
    max_size=8,
)


@given(blocks)
def test_unchanged_text_keeps_every_id(texts: list[str]) -> None:
    v1 = first_version(join_blocks(texts))
    v2 = carry_forward(v1, join_blocks([p.text for p in v1]))
    assert v1 == v2


@given(blocks, blocks)
def test_ids_are_unique_and_numbers_consecutive(a: list[str], b: list[str]) -> None:
    v2 = carry_forward(first_version(join_blocks(a)), join_blocks(b))
    assert len({p.pid for p in v2}) == len(v2)
    assert [p.number for p in v2] == list(range(1, len(v2) + 1))
