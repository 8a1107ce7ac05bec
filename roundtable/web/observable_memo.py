"""The site search's observable processes and lists, kept per standing and data generation.

Which processes a viewer may observe (and, among them, whose members-only documents they may
not see) is the door's answer for each process, under that process's modality, in the phase
in force, with the viewer's standing at its venue; which lists, its answer for each list's
archive (lists/queries.py `visible_lists`, asked with the standing outside any venue, no
clock). Built afresh it reads every process, its phases and every list and asks the door for
each: ~40% of a cold site search at one million messages.

The answer is kept in the default cache under a key made of everything it depends on:
- the global data generation (the audit chain head's sequence, web/page_cache.py and
  audit/scopes.py): every process, phase, document, venue, rule file and membership change
  records an event, so any of them makes a new key;
- the viewer's standings outside any venue and at every venue, written out in full
  (web/viewer_standings.py: a signed-in viewer's are built afresh from the database for each
  request, as the door builds them): two viewers share an entry only when the door would see
  the very same standing, and every anonymous visitor has the same one;
- the clock: an entry is served only until `reading.observe_horizon`, the next UTC midnight
  (phases are by day) or the next edge of a time window of an `observe` rule, whichever is
  first, and for no longer than the shared page's clock bucket (`ROUNDTABLE_PAGE_CACHE_SECONDS`,
  60 s when the page cache is off).
So an entry is what asking the door now would answer. `forget` starts afresh (tests: a
rolled-back database repeats generations with other rows).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import caches
from django.http import HttpRequest
from django.utils import timezone

from roundtable.drafting.queries import members_hidden
from roundtable.lists.models import MailingList
from roundtable.lists.queries import visible_lists
from roundtable.processes.queries import list_processes_until

from . import viewer_standings
from .page_cache import cache_seconds, known_generation
from .viewer_standings import global_generation, viewer_text

_PREFIX = "observable-memo:"
#: Seconds an answer is kept at most when the shared-page cache is off.
_LONGEST = 60
#: Bumped by `forget`: entries kept before are never read again.
_epoch = [0]


@dataclass(frozen=True)
class Observable:
    """Process ids the viewer may observe, in id order, those among them whose members-only
    documents the door does not let the viewer see, and the lists whose archive the viewer
    may observe."""

    ids: tuple[int, ...]
    hidden: tuple[int, ...]
    lists: tuple[int, ...]


def forget() -> None:
    _epoch[0] += 1
    viewer_standings.forget()


def _generation(request: HttpRequest) -> str:
    # A request whose page cache read it already: one round trip less.
    return global_generation(known_generation(request))


def observable_for(request: HttpRequest) -> Observable:
    """What `list_processes`, `members_hidden` and `visible_lists` answer for the request's
    viewer now."""
    generation = _generation(request)
    viewer = viewer_text(request.user, generation)
    digest = hashlib.sha256(f"{generation}\n{viewer}".encode()).hexdigest()
    key = f"{_PREFIX}{_epoch[0]}:{digest}"
    cache = caches["default"]
    kept = cache.get(key)
    if kept is not None and timezone.now().timestamp() < kept[3]:
        return Observable(kept[0], kept[1], kept[2])
    observable, horizon = list_processes_until(viewer=request.user)
    ids = tuple(sorted(process.pk for process in observable))
    hidden = tuple(members_hidden(request.user, list(ids), observable)) if ids else ()
    lists = tuple(item.pk for item in visible_lists(request.user, MailingList.objects.all()))
    # Never longer than the shared page itself is kept either: a write that appended no event
    # (none should: the admin is read-only) lags no more here than on the page.
    now = timezone.now().timestamp()
    until = min(horizon.timestamp(), now + (cache_seconds() or _LONGEST))
    cache.set(key, (ids, hidden, lists, until), timeout=max(1, int(until - now)))
    return Observable(ids, hidden, lists)
