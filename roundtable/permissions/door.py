"""The one door. Every view, API endpoint, email handler and command asks here, and here asks
the modalities engine: deny by default, and a denial carries the rule and what would allow it.

A person's standing is built once per request (cached on the request object) from what the
database knows of them; commands run with the operator's standing on the server.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.management.base import CommandError
from django.http import HttpRequest

from roundtable.modalities.engine import Decision
from roundtable.modalities.engine import decide as decide_right
from roundtable.modalities.model import Modality
from roundtable.modalities.standing import Context, Standing
from roundtable.permissions.actor import Actor
from roundtable.permissions.registry import resolve
from roundtable.permissions.standing import build_standing, build_standings

# Platform-level modalities (who may use the site and its commands at all) live in PLATFORM_DIR;
# venue and process modalities are the engine's presets or uploaded rule files. Names resolve
# through the registry (roundtable/permissions/registry.py) only: never a path.


class Denied(Exception):
    """Raised by `require`; the middleware turns it into a 403 page or a JSON error."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.reason)
        self.decision = decision


def get_modality(name: str) -> Modality:
    """A registered modality by name (platform file, preset or uploaded rule file)."""
    return resolve(name)


def standing_for_user(user: Any, venue: str | None = None) -> Standing:
    """Standing from accreditation and roles at `venue` (see permissions/standing.py); the
    request's own user gets the request actor's, built once per venue (`Actor.of_user`)."""
    actor = Actor.of_user(user)
    if actor is not None:
        return actor.standing(venue)
    return build_standing(user, venue)


def standings_for_user(user: Any, venues: Iterable[str]) -> dict[str, Standing]:
    """`standing_for_user` at each of `venues`, built together (a page about every venue)."""
    actor = Actor.of_user(user)
    if actor is not None:
        return actor.standings(venues)
    return build_standings(user, venues)


def _standing(who: Any, venue: str | None = None) -> Standing:
    if isinstance(who, Standing):
        return who
    if isinstance(who, Actor):
        return who.standing(venue)
    if isinstance(who, HttpRequest):
        return Actor.of_request(who).standing(venue)
    return standing_for_user(who, venue)


def decide(
    who: Any, *, right: str, modality: str, context: Mapping[str, Any] | None = None
) -> Decision:
    """Ask the engine. `who` is an Actor, a request (its actor), a user, None (anonymous) or a
    Standing."""
    return decide_right(
        get_modality(modality),
        right=right,
        standing=_standing(who, (context or {}).get("venue")),
        context=Context(**dict(context or {})),
    )


def require(
    who: Any, *, right: str, modality: str, context: Mapping[str, Any] | None = None
) -> Decision:
    decision = decide(who, right=right, modality=modality, context=context)
    if not decision.allowed:
        raise Denied(decision)
    return decision


def command_standing() -> Standing:
    """Commands are run by whoever operates the server: the operator's standing."""
    return Actor.operator().standing()


def require_command(
    *, right: str, modality: str, context: Mapping[str, Any] | None = None
) -> Decision:
    decision = decide(command_standing(), right=right, modality=modality, context=context)
    if not decision.allowed:
        raise CommandError(f"Not allowed: {decision.reason} (rule: {decision.rule or 'none'})")
    return decision
