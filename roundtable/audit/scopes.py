"""Per-scope data generations: which parts of the site an event changed.

`record_event` bumps, in its transaction, the generation of every scope the event touches: a
scope is a named part of the site ("process:12", "list:3"), its generation the sequence of the
last event that touched it. The shared-page cache (web/page_cache.py) keys a page on the
generations of exactly what the page reads, so a write elsewhere leaves it cached.

The trail is a low layer and knows no higher app's rows: each app tells it how to map its rows
to scopes by calling `register` in its AppConfig.ready(). Deny by default: an event whose target
or row maps to nothing (an account, a rule file, a model nobody registered) bumps SITE, which is
part of every page's key, so anything unmapped invalidates everything.

Scope kinds (names built with `scope`):
- `venue-self:<id>`: the venue's own row (name, settings) - read by every page under it.
- `venue:<id>`: the venue's subtree: anything under it, its own row included.
- `process-self:<id>`: the process's own row and phases (modality, state).
- `process:<id>`: the process's subtree: calls, contributions, documents, its history.
- `list:<id>`: a mailing list, its messages and threads (what its public pages show).
- `list-members:<id>`: its subscriptions, and the list's history: read by no shared page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import models

from .models import ScopeGeneration

SITE = "site"
VENUE = "venue"
VENUE_SELF = "venue-self"
PROCESS = "process"
PROCESS_SELF = "process-self"
LIST = "list"
LIST_MEMBERS = "list-members"

#: Maps a row to the scopes it belongs to; None (or a row it cannot place) means "site".
Mapper = Callable[[models.Model], Iterable[str] | None]

_MAPPERS: dict[str, Mapper] = {}
_HISTORIES: dict[str, Mapper] = {}
_VERBS: dict[str, frozenset[str]] = {}


def scope(kind: str, pk: object) -> str:
    return f"{kind}:{pk}"


def register(model: type[models.Model], mapper: Mapper, *, history: Mapper | None = None) -> None:
    """Called from a higher app's AppConfig.ready(): how rows of `model` map to scopes.

    `history`: the scopes whose pages show the row's history, for an event whose target is
    this row while its `row` is another one (the row the event describes: a contribution
    whose event belongs to the process's history); by default the row's own scopes. Give one
    only where such events never change the target row itself."""
    _MAPPERS[model._meta.label_lower] = mapper
    if history is not None:
        _HISTORIES[model._meta.label_lower] = history


def register_verb(verb: str, scopes: Iterable[str] = ()) -> None:
    """Called from an app's AppConfig.ready(): what an event of `verb` with neither target nor
    row touches; nothing (the default) for bookkeeping no shared page shows (mail queued)."""
    _VERBS[verb] = frozenset(scopes)


def scopes_of_row(row: models.Model | None, *, history: bool = False) -> set[str] | None:
    """The scopes of one row (of its history, with `history`); None where it has no mapper or
    cannot be placed (a deleted row)."""
    if row is None or row.pk is None:
        return None
    mapper = _MAPPERS.get(row._meta.label_lower)
    if history:
        mapper = _HISTORIES.get(row._meta.label_lower, mapper)
    if mapper is None:
        return None
    found = mapper(row)
    return set(found) if found is not None else None


def scopes_of_event(
    target: models.Model | None, row: models.Model | None, verb: str = ""
) -> set[str]:
    """What an event touches: the union of its target's and row's scopes, plus SITE when
    either cannot be placed; with neither, what its verb was registered with, else SITE. An
    empty set (a row or verb registered as shown on no shared page) bumps no scope."""
    described = [obj for obj in (target, row) if obj is not None]
    if not described:
        return set(_VERBS.get(verb, {SITE}))
    found: set[str] = set()
    for obj in described:
        # A target beside another row: that row is what changed, the target's history grew.
        mapped = scopes_of_row(obj, history=obj is target and row is not None and row != target)
        found |= {SITE} if mapped is None else mapped
    return found


def bump(scopes: Iterable[str], seq: int) -> None:
    """Set each scope's generation to `seq`. Called with the chain head locked, so two appends
    never create the same row at once."""
    for name in sorted(set(scopes)):
        if not ScopeGeneration.objects.filter(scope=name).update(seq=seq):
            ScopeGeneration.objects.create(scope=name, seq=seq)
