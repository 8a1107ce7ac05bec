"""Keyset pagination over (a non-null time, a unique key): a page is the next `size` rows
after (or before) the cursor's row in that order, read from an index range, so a page deep in
the archive costs what the first one does, and rows arriving meanwhile never shift a page
(no duplicates, no gaps, ties on the time broken by the key)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.db.models import Q, QuerySet
from django.http import QueryDict

T = TypeVar("T")  # a model, or a named row of `values_list(..., named=True)`


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    before: str | None  # cursor of the previous page, None on the first
    after: str | None  # cursor of the next page, None on the last


def write_cursor(at: datetime, key: str) -> str:
    return f"{at.isoformat()}~{key}"


def read_cursor(cursor: str, *, digits: bool = False) -> tuple[datetime, str] | None:
    """A cursor that does not parse (or is not aware) is no cursor: the first page. With
    `digits` the key is a row id (digits only, below the largest id a database holds)."""
    at, sep, key = cursor[:100].partition("~")
    if not sep or not key.isalnum() or len(key) > 32:
        return None
    if digits and not (key.isdigit() and key.isascii() and len(key) <= 18):
        return None
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return None
    return (moment, key) if moment.tzinfo is not None else None


def page(
    rows: QuerySet[Any, T],
    *,
    field: str,
    descending: bool,
    after: str = "",
    before: str = "",
    size: int = 100,
    key: str = "key",
) -> Page[T]:
    """Rows ordered by (`field`, `key`), both `descending` or both not, the page after `after`
    or (when only `before` is given) the page before `before`. `key`: a unique text column, or
    "id" (then a cursor's key must be digits)."""
    going_back = not after and bool(before)
    cursor = read_cursor(before if going_back else after, digits=key == "id")
    # the direction the rows are read in: backwards reads the reversed order, then flips
    down = descending != going_back
    if cursor is not None:
        at, last = cursor
        beyond = "lt" if down else "gt"
        # the redundant bound (time <= or >= the cursor's) is where the index range starts;
        # the OR alone is a filter both databases check row by row from the first row on
        rows = rows.filter(**{f"{field}__{beyond}e": at}).filter(
            Q(**{f"{field}__{beyond}": at}) | Q(**{field: at, f"{key}__{beyond}": last})
        )
    # the key runs the way the time does, so one index on (.., time, key) serves the order
    order = [f"-{field}", f"-{key}"] if down else [field, key]
    found = list(rows.order_by(*order)[: size + 1])
    more = len(found) > size
    found = found[:size]
    if going_back:
        found.reverse()
    if not found:
        return Page(rows=[], before=None, after=None)
    first, last = _cursor(found[0], field, key), _cursor(found[-1], field, key)
    if going_back:
        return Page(rows=found, before=first if more else None, after=last)
    return Page(rows=found, before=first if cursor is not None else None,
                after=last if more else None)  # fmt: skip


def _cursor(row: Any, field: str, key: str) -> str:
    return write_cursor(getattr(row, field), str(getattr(row, key)))


def links(params: QueryDict, found: Page[Any]) -> dict[str, str]:
    """The previous and next pages' query strings (`previous`, `next`, each only where there
    is such a page), the request's other parameters kept."""
    found_links = {}
    for name, param, cursor in (
        ("previous", "before", found.before),
        ("next", "after", found.after),
    ):
        if cursor is not None:
            query = params.copy()
            for stale in ("before", "after", "page"):
                query.pop(stale, None)
            query[param] = cursor
            found_links[name] = "?" + query.urlencode()
    return found_links
