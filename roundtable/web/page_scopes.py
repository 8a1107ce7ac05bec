"""Which generations a shared page is keyed on (web/page_cache.py, audit/scopes.py).

Each scoped page names, from its URL alone (the resolver's slugs and ids), the scopes it reads;
one SQL statement resolves those slugs and ids to scope names and reads their generations
(primary-key look-ups, no ORM objects). The answer, names included, goes into the page's key:
a slug that now names another row, or no row, gives another key.

The resolution is kept in process memory with the generations it was read at, and a warm
request reads only the generations of the names it holds (one primary-key read of a few rows).
They are still valid while those generations are unchanged: what a URL resolves to changes only
with a row that is part of the answer (a slug renamed, a list placed under another process or
venue, a process moved: each bumps that row's own scope, which is in the answer) or with a row
deleted (a row that cannot be placed bumps SITE, which is in every answer). Any other answer
reads the whole statement again and keeps its new generations. Never kept: an answer whose main
row (the first scope after SITE) is missing, since creating a row with that slug bumps only the
new row's scopes, which such an answer does not name. Relied upon and checked by no code: a
call, document or adoption never moves to another process (no action does; one that did would
bump only the new process, and must then bump the old one too or clear this memory).

What each page reads, and so its scopes (every page also has SITE, which every unmapped write
bumps):
- a venue: its row and its processes -> the venue's subtree;
- a process, its documents, a call, a document, a redline, an adoption: the process's subtree
  (its row, phases, calls, contributions, documents, meetings, adoptions, its history) and the
  venue's own row;
- a list and its months, threads, authors and search: the list (messages, threads, members),
  the own rows of its process and venue.
Every other cacheable page (home, site search, the list index, the API lists) reads across
scopes and is keyed on the global generation, the chain head's sequence.
"""

# Table names come from the models, values go as parameters:
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import connection

from roundtable.audit.models import ScopeGeneration
from roundtable.audit.queries import data_generation
from roundtable.audit.scopes import LIST, PROCESS, PROCESS_SELF, SITE, VENUE, VENUE_SELF
from roundtable.contributions.models import CallForInput
from roundtable.decisions.models import Adoption
from roundtable.drafting.models import Document
from roundtable.lists.models import MailingList
from roundtable.processes.models import Process
from roundtable.venues.models import Venue

_V = Venue._meta.db_table
_P = Process._meta.db_table
_L = MailingList._meta.db_table
_G = ScopeGeneration._meta.db_table

#: (scope kind, SQL giving the row's id, URL kwargs it takes in order)
Part = tuple[str, str, tuple[str, ...]]

_VENUE_ID = (f"SELECT id FROM {_V} WHERE slug = %s", ("venue",))
_PROCESS_ID = (
    f"SELECT p.id FROM {_P} p JOIN {_V} v ON v.id = p.venue_id WHERE v.slug = %s AND p.slug = %s",
    ("venue", "process"),
)


def _process_of(table: str) -> tuple[str, tuple[str, ...]]:
    return f"SELECT process_id FROM {table} WHERE id = %s", ("pk",)


def _in_process(process: tuple[str, tuple[str, ...]]) -> tuple[Part, ...]:
    sql, names = process
    return (
        (PROCESS, sql, names),
        (VENUE_SELF, f"SELECT venue_id FROM {_P} WHERE id = ({sql})", names),
    )


_LIST: tuple[Part, ...] = (
    (LIST, f"SELECT id FROM {_L} WHERE slug = %s", ("slug",)),
    (PROCESS_SELF, f"SELECT process_id FROM {_L} WHERE slug = %s", ("slug",)),
    (
        VENUE_SELF,
        f"SELECT COALESCE(l.venue_id, p.venue_id) FROM {_L} l"
        f" LEFT JOIN {_P} p ON p.id = l.process_id WHERE l.slug = %s",
        ("slug",),
    ),
)

#: Scoped pages by URL name; a cacheable page missing here is keyed on the global generation.
SCOPED: dict[str, tuple[Part, ...]] = {
    "processes:venue": ((VENUE, *_VENUE_ID),),
    "processes:process": _in_process(_PROCESS_ID),
    "drafting:documents": _in_process(_PROCESS_ID),
    "contributions:call": _in_process(_process_of(CallForInput._meta.db_table)),
    "drafting:document": _in_process(_process_of(Document._meta.db_table)),
    "drafting:redline": _in_process(_process_of(Document._meta.db_table)),
    "decisions:adoption": _in_process(_process_of(Adoption._meta.db_table)),
    "lists:list": _LIST,
    "lists:month": _LIST,
    "lists:thread": _LIST,
    "lists:author": _LIST,
    "lists:search": _LIST,
}


def _statement(parts: tuple[Part, ...]) -> str:
    rows = [f"SELECT 0 AS n, '{SITE}' AS k"]
    for n, (kind, sql, _names) in enumerate(parts, start=1):
        rows.append(f"SELECT {n}, '{kind}:' || CAST(({sql}) AS TEXT)")
    scopes = " UNION ALL ".join(rows)
    return f"SELECT s.k, g.seq FROM ({scopes}) s LEFT JOIN {_G} g ON g.scope = s.k ORDER BY s.n"


_STATEMENTS = {name: _statement(parts) for name, parts in SCOPED.items()}

#: The largest id a row can have (a bigint); PostgreSQL refuses to compare with a larger number.
_LARGEST_ID = 2**63 - 1


#: (view name, URL values) -> (scope names, their generations when read), SITE first.
Resolved = tuple[tuple[str | None, ...], tuple[int | None, ...]]
_RESOLVED: dict[tuple[str, tuple[str, ...]], Resolved] = {}
#: A bound on what URLs of rows that exist can fill; past it the memory starts again.
_RESOLVED_MAX = 20_000


def forget_resolutions() -> None:
    """Empty this process's memory of resolutions (tests: a rolled-back database repeats ids
    and sequences, so an answer kept by one test must not serve the next)."""
    _RESOLVED.clear()


def _text(names: tuple[str | None, ...], seqs: tuple[int | None, ...]) -> str:
    return ";".join(f"{name}={seq}" for name, seq in zip(names, seqs, strict=True))


def _generations(names: tuple[str | None, ...]) -> tuple[int | None, ...]:
    """The current generations of `names` (None where a name has none), one indexed read."""
    wanted = sorted({name for name in names if name is not None})
    marks = ", ".join(["%s"] * len(wanted))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scope, seq FROM {_G} WHERE scope IN ({marks})", wanted)
        found: dict[str, int] = dict(cursor.fetchall())
    return tuple(None if name is None else found.get(name) for name in names)


def page_generation(view_name: str, kwargs: Mapping[str, Any]) -> str:
    """The generations a page is keyed on, as text: its scopes' for a scoped page (one query
    once the URL's names are known in this process), else the global generation (one query)."""
    parts = SCOPED.get(view_name)
    if parts is None or any(
        isinstance(value, int) and not 0 <= value <= _LARGEST_ID for value in kwargs.values()
    ):
        # No row has such an id: the view answers 404, which is never stored.
        return f"all={data_generation()}"
    params = [str(kwargs.get(name, "")) for _kind, _sql, names in parts for name in names]
    memo = (view_name, tuple(params))
    known = _RESOLVED.get(memo)
    if known is not None:
        names, seqs = known
        current = _generations(names)
        if current == seqs:
            return _text(names, current)
    with connection.cursor() as cursor:
        cursor.execute(_STATEMENTS[view_name], params)
        found = cursor.fetchall()
    names = tuple(name for name, _seq in found)
    seqs = tuple(seq for _name, seq in found)
    if names[1] is not None:
        if len(_RESOLVED) >= _RESOLVED_MAX:
            _RESOLVED.clear()
        _RESOLVED[memo] = (names, seqs)
    return _text(names, seqs)
