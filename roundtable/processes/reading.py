"""Reads through the door: may this viewer observe this process, or this thing in it?

Every page, API read, export, feed and search result about a process (its calls,
contributions, documents, versions, amendments, adoptions, outcomes and follow-ups) asks here,
and here asks the process's own modality for `observe`, in the phase in force now, with the
viewer's standing at the process's venue (cached per request by the door).

What is asked about carries context facts the modality may key on:

- ``public-record``: the thing is part of the process's public record (the process itself, its
  calls and contributions, and every document whose audience is the process: see
  ``Document.audience``). A modality that lets anyone observe needs no fact; one that keeps
  its work to members (``itu-cwg-internet``) lets anyone observe what carries it.
- a document for members only (``audience = "members"``) carries ``members-only`` and not
  ``public-record``: only the modality's own observers (Member States under CWG-Internet)
  observe it.

A process exists for a viewer (listings, search) when they may observe its public record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.http import HttpRequest

from roundtable.modalities.engine import Decision
from roundtable.modalities.standing import Standing
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied, decide, get_modality, standings_for_user
from roundtable.permissions.standing import PARTICIPATION

from .models import Process
from .situation import situation

PUBLIC_RECORD = "public-record"
MEMBERS_ONLY = "members-only"
AUDIENCE_FACTS = {"public": (PUBLIC_RECORD,), "members": (MEMBERS_ONLY,)}


def audience_facts(audience: str | None) -> tuple[str, ...]:
    """The context facts for something addressed to `audience` (unknown: members only)."""
    return AUDIENCE_FACTS.get(audience or "public", (MEMBERS_ONLY,))


def observe_decision(
    viewer: Any, process: Process, *, facts: Iterable[str] = (PUBLIC_RECORD,)
) -> Decision:
    """The engine's answer to `observe` on `process` (or a thing in it carrying `facts`)."""
    now = situation(process)
    context = {**now.context, "facts": frozenset(facts)}
    return decide(viewer, right="observe", modality=now.modality, context=context)


def may_observe(viewer: Any, process: Process, *, facts: Iterable[str] = (PUBLIC_RECORD,)) -> bool:
    return observe_decision(viewer, process, facts=facts).allowed


def require_observe(
    viewer: Any, process: Process, *, facts: Iterable[str] = (PUBLIC_RECORD,)
) -> Decision:
    """Raise `Denied` (a 403 naming the rule) unless the viewer may observe."""
    decision = observe_decision(viewer, process, facts=facts)
    if not decision.allowed:
        raise Denied(decision)
    return decision


def observable_processes(viewer: Any, processes: Iterable[Process]) -> list[Process]:
    """The processes whose public record the viewer may observe (one engine call each; the
    viewer's standings at their venues are built together, once)."""
    found = list(processes)
    if isinstance(viewer, (Standing, HttpRequest, Actor)):  # the door builds (and keeps) these
        return [p for p in found if may_observe(viewer, p)]
    standings = standings_for_user(viewer, {p.venue.slug for p in found})
    return [p for p in found if may_observe(standings[p.venue.slug], p)]


def observable_ids(viewer: Any, processes: Iterable[Process]) -> set[int]:
    return {p.pk for p in observable_processes(viewer, processes)}


def observe_horizon(processes: Sequence[Process], now: datetime) -> datetime:
    """Until when the door's `observe` answers about `processes` (their phases prefetched) hold
    by the clock alone, the data unchanged: the next UTC midnight (the current phase is found
    by UTC day, clock.py) or the next start or end of a time window of an `observe` rule in
    the modality in force, whichever comes first. A memo of those answers (the site search's,
    web/observable_memo.py) is kept no longer."""
    horizon = datetime.combine(now.astimezone(UTC).date() + timedelta(days=1), time.min, UTC)
    names = {situation(p, now=now, phases=list(p.phases.all())).modality for p in processes}
    for name in names:
        for rule in get_modality(name).compiled.get("observe", ()):
            for edge in (rule.after, rule.before):
                if edge is not None and now < edge < horizon:
                    horizon = edge
    return horizon


def may_see_personal_data(viewer: Any, venue: str | None) -> bool:
    """Whether `viewer` may see participants' email addresses at `venue` (right
    `see_personal_data` of the participation rules: the venue's secretariat)."""
    return decide(
        viewer, right="see_personal_data", modality=PARTICIPATION, context={"venue": venue}
    ).allowed
