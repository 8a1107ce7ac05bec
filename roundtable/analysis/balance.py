"""Balance across stakeholder groups: shares that add up, and cells too small to show.

The database counts (one aggregate per group); this module only turns counts into what a
reader sees, so the rules are the same in the page, the API, the CSV and the report:

- **shares** are percentages to one decimal, rounded by the largest-remainder method so that
  the shares of one measure add up to exactly 100.0 (plain rounding can give 99.9 or 100.1);
- **small cells** (region and gender, which people declare about themselves): a count below
  ``MIN_CELL`` is hidden, and when exactly one cell of a breakdown is hidden, the next smallest
  is hidden too, or the hidden one could be worked out from the total (complementary
  suppression, as statistical offices do). A breakdown with no declaration has no cell at all;
- **small groups** whose members' own answers would show (agreement marks, opinion groups):
  `fold_small` sums the groups under ``MIN_CELL`` into one "other groups" cell when that sum is
  itself at or above the minimum, and otherwise hides them. Where a total is published, the
  hidden ones could be worked out from it, so the smallest groups shown are folded in as well
  until the fold reaches the minimum: the same complementary suppression, with the hidden sum
  (which the total gives away anyway) shown as the fold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Fewer than five people sharing a region or a gender in a process is too few: a reader who
# knows who took part could tell who they are.
MIN_CELL = 5


@dataclass(frozen=True)
class Cell:
    key: str
    count: int | None  # None: hidden (below the minimum, or hiding one that is)
    share: float | None


def shares(counts: Mapping[str, int], *, decimals: int = 1) -> dict[str, float]:
    """Percent shares of `counts` (largest remainder: they sum to exactly 100 unless all are 0)."""
    total = sum(counts.values())
    if total <= 0:
        return {key: 0.0 for key in counts}
    unit = 10**decimals
    scaled = {key: value * 100 * unit for key, value in counts.items()}
    floors = {key: value // total for key, value in scaled.items()}
    left = 100 * unit - sum(floors.values())
    # Ties go to the larger count, then the key, so the answer does not depend on dict order.
    order = sorted(counts, key=lambda k: (-(scaled[k] % total), -counts[k], k))
    for key in order[:left]:
        floors[key] += 1
    return {key: floors[key] / unit for key in counts}


def cells(counts: Mapping[str, int]) -> list[Cell]:
    """Every group with its count and share, largest first (ties by key)."""
    found = shares(counts)
    order = sorted(counts, key=lambda k: (-counts[k], k))
    return [Cell(key, counts[key], found[key]) for key in order]


def private_cells(counts: Mapping[str, int], *, minimum: int = MIN_CELL) -> list[Cell]:
    """Like `cells`, for self-declared traits: undeclared ("") and zero counts are left out,
    small counts hidden (see the module's rule). Shares are of the declared total and hidden
    with their count."""
    declared = {key: n for key, n in counts.items() if key and n > 0}
    hidden = {key for key, n in declared.items() if n < minimum}
    if len(hidden) == 1 and len(declared) > 1:
        shown = sorted((n, key) for key, n in declared.items() if key not in hidden)
        hidden.add(shown[0][1])
    return [Cell(c.key, None, None) if c.key in hidden else c for c in cells(declared)]


def declared_total(counts: Mapping[str, int], *, minimum: int = MIN_CELL) -> int | None:
    """How many declared at all (None below the minimum: then even that is not shown)."""
    total = sum(n for key, n in counts.items() if key)
    return total if total >= minimum else None


@dataclass(frozen=True)
class Fold:
    shown: tuple[str, ...]  # at or above the minimum: on their own, largest first
    folded: tuple[str, ...]  # summed into one "other groups" cell (itself at the minimum or more)
    hidden: tuple[str, ...]  # not shown at all, not even in a sum


def fold_small(
    counts: Mapping[str, int], *, minimum: int = MIN_CELL, total_shown: bool = False
) -> Fold:
    """Which groups of `counts` (people per group; zeros are left out) may be shown on their
    own, which only summed together, which not at all (see the module's rule)."""
    present = sorted(((n, key) for key, n in counts.items() if n > 0), key=lambda c: (-c[0], c[1]))
    shown = [key for n, key in present if n >= minimum]
    small = [key for n, key in present if n < minimum]
    if not small:
        return Fold(tuple(shown), (), ())
    if total_shown:
        while sum(counts[k] for k in small) < minimum and shown:
            small.append(shown.pop())
    if sum(counts[k] for k in small) >= minimum and len(small) > 1:
        return Fold(tuple(shown), tuple(small), ())
    return Fold(tuple(shown), (), tuple(small))
