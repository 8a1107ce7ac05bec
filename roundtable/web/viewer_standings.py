"""A viewer's standings written out in full: the part of a memo's key that says whom it is for.

Two viewers with equal texts get the same answer from the door for any right, modality and
context: the text holds their standing outside any venue and at every venue, every field the
standing is built with. A signed-in viewer's standings are built afresh from the database for
each request, as the door builds them (and kept on the request's actor, so the door does not
build them again); every anonymous visitor has the same text (nobody is known, nothing is held).
Used by the site search's memo (web/observable_memo.py) and the kept pages of signed-in readers
(web/page_cache.py).

The venues are every venue, listed once per global data generation (a new venue appends an
event, so it makes a new generation): a page about a venue without processes (its venue page,
a list of its own) asks the door there too.
"""

from __future__ import annotations

import json
from dataclasses import fields

from django.core.cache import caches

from roundtable.audit.queries import data_generation
from roundtable.modalities.standing import Standing
from roundtable.permissions.door import standing_for_user, standings_for_user
from roundtable.venues.models import Venue

ANONYMOUS = "anonymous"
_PREFIX = "viewer-standings:"
#: Bumped by `forget`: venue lists kept before are never read again.
_epoch = [0]


def forget() -> None:
    _epoch[0] += 1


def global_generation(known: str | None) -> str:
    """The global generation as a page key writes it (`all=<seq>`): `known` when it is that
    (a page keyed on it read it already), else read (one query)."""
    if known is not None and known.startswith("all="):
        return known
    return f"all={data_generation()}"


def standing_text(standing: Standing) -> list[object]:
    """Every field the standing was built with (the derived ones follow from them), sets in
    order: equal texts for equal standings, in any process."""
    out: list[object] = []
    for item in fields(standing):
        if not item.init:
            continue
        value = getattr(standing, item.name)
        out.append([item.name, sorted(value) if isinstance(value, frozenset) else value])
    return out


def viewer_text(user: object, generation: str) -> str:
    """`user`'s standings outside any venue and at every venue, as text; `generation` is the
    global one (`global_generation`), which the list of venues is kept under."""
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cache = caches["default"]
    venues_key = f"{_PREFIX}{_epoch[0]}:venues:{generation}"
    venues: list[str] | None = cache.get(venues_key)
    if venues is None:
        venues = sorted(Venue.objects.values_list("slug", flat=True))
        cache.set(venues_key, venues)
    standings = standings_for_user(user, venues)
    # The lists' archives and the platform's pages ask with the standing outside any venue.
    shown: list[list[object]] = [[None, standing_text(standing_for_user(user))]]
    shown += [[venue, standing_text(standings[venue])] for venue in venues]
    return json.dumps(shown)
