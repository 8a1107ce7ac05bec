"""A person's standing in a venue, built from what the database knows of them.

The builder itself lives with accounts and accreditations (`roundtable/stakeholders/standing.py`)
and is registered here at start-up, so the door never imports the stakeholders app.

Standing = the roles they hold (platform-wide and at the venue), and, from their approved
accreditation(s) at the venue: stakeholder groups, the venue's categories, their delegation
and whether they head it; and whether an organisation confirmed them at the venue.
A superuser is the operator (and secretariat) everywhere; `is_staff` alone gives nothing
(the Django admin flag is not a role at any venue: grant `secretariat` at a venue instead). Three queries per person and venue; the door caches the result on the
request per venue, so a page asks at most thrice per venue however many decisions it shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured

from roundtable.modalities import Standing

OPERATOR_ROLE = "operator"
# The rule file for venue administration (asking for and deciding on accreditation, moderating,
# managing processes): roundtable/permissions/modalities/participation.yaml, found by name.
PARTICIPATION = "participation"
STAFF_ROLES = frozenset({OPERATOR_ROLE, "secretariat"})


class StandingProvider(Protocol):
    """Builds a signed-in person's standing at a venue (or platform-wide, `venue=None`)."""

    def __call__(self, user: Any, venue: str | None) -> Standing: ...


class ManyStandingsProvider(Protocol):
    """Builds a signed-in person's standing at each of several venues at once."""

    def __call__(self, user: Any, venues: Iterable[str]) -> dict[str, Standing]: ...


# The door does not import the app that knows accounts and accreditations: that app registers
# its builder here when Django starts (roundtable/stakeholders/apps.py).
_providers: list[StandingProvider] = []
_many: list[ManyStandingsProvider] = []


def register_standing_provider(
    provider: StandingProvider, many: ManyStandingsProvider | None = None
) -> None:
    """Make `provider` the one that builds standing (the last registered wins); `many`, if
    given, builds it at several venues together and must agree with `provider` at each."""
    _providers[:] = [provider]
    _many[:] = [many] if many is not None else []


def build_standing(user: Any, venue: str | None = None) -> Standing:
    if user is None or not getattr(user, "is_authenticated", False):
        return Standing.nobody()
    if not _providers:
        raise ImproperlyConfigured(
            "No standing provider is registered: is roundtable.stakeholders installed?"
        )
    return _providers[0](user, venue)


def build_standings(user: Any, venues: Iterable[str]) -> dict[str, Standing]:
    """`build_standing` at each venue, together when the provider can (fewer queries)."""
    slugs = sorted(set(venues))
    if user is None or not getattr(user, "is_authenticated", False):
        return dict.fromkeys(slugs, Standing.nobody())
    if _many and slugs:
        return _many[0](user, slugs)
    return {slug: build_standing(user, slug) for slug in slugs}
