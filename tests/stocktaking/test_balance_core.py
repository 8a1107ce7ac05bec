"""The pure rules of a balance: shares that add up, small cells hidden (no database)."""

from __future__ import annotations

from roundtable.analysis.balance import cells, declared_total, private_cells, shares


def test_shares_add_up_to_exactly_one_hundred() -> None:
    found = shares({"a": 1, "b": 1, "c": 1})
    assert sum(round(v * 10) for v in found.values()) == 1000
    assert sorted(found.values()) == [33.3, 33.3, 33.4]


def test_shares_of_nothing_are_zero() -> None:
    assert shares({"a": 0, "b": 0}) == {"a": 0.0, "b": 0.0}


def test_cells_are_largest_first() -> None:
    assert [c.key for c in cells({"a": 1, "b": 3, "c": 3})] == ["b", "c", "a"]


def test_a_small_cell_is_hidden_with_the_next_smallest() -> None:
    found = {c.key: c.count for c in private_cells({"europe": 9, "africa": 6, "asia": 2})}
    # Asia alone would be total minus the rest: Africa (the next smallest) is hidden too.
    assert found == {"europe": 9, "africa": None, "asia": None}


def test_undeclared_and_empty_traits_have_no_cell() -> None:
    assert private_cells({"": 12}) == []
    assert [c.key for c in private_cells({"": 3, "europe": 5, "asia": 0})] == ["europe"]
    assert declared_total({"": 40, "europe": 4}) is None
    assert declared_total({"": 40, "europe": 5}) == 5
