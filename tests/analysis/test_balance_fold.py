"""The small-group rule of analysis.balance: shown alone, summed as "other groups", or hidden."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from roundtable.analysis.balance import MIN_CELL, Fold, fold_small


def test_groups_at_the_minimum_show_alone_and_small_ones_are_summed_or_hidden():
    assert fold_small({"gov": 7, "cs": 5}) == Fold(("gov", "cs"), (), ())
    assert fold_small({"gov": 7, "igo": 2, "acad": 3}) == Fold(("gov",), ("acad", "igo"), ())
    assert fold_small({"gov": 7, "igo": 1, "acad": 3}) == Fold(("gov",), (), ("acad", "igo"))
    assert fold_small({"gov": 7, "igo": 1, "none": 0}) == Fold(("gov",), (), ("igo",))


def test_with_a_total_shown_the_smallest_groups_shown_join_the_fold():
    # 12 in all and gov 7: the lone voter could be read off; summed with cs instead.
    assert fold_small({"gov": 7, "cs": 5, "igo": 1}, total_shown=True) == Fold(
        ("gov",), ("igo", "cs"), ()
    )
    assert fold_small({"igo": 1, "acad": 2}, total_shown=True) == Fold((), (), ("acad", "igo"))


@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 12)), st.booleans())
def test_nothing_under_the_minimum_can_be_read(counts, total_shown):
    fold = fold_small(counts, total_shown=total_shown)
    present = {k for k, n in counts.items() if n > 0}
    assert set(fold.shown) | set(fold.folded) | set(fold.hidden) == present
    assert all(counts[k] >= MIN_CELL for k in fold.shown)
    assert not fold.folded or sum(counts[k] for k in fold.folded) >= MIN_CELL
    assert len(fold.folded) != 1
    if total_shown:
        # What the total leaves over is the fold (itself at the minimum) or nothing shown at all.
        assert not fold.hidden or not fold.shown
