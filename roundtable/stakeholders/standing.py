"""How the door learns a person's standing: registered with `roundtable.permissions.standing`
by `StakeholdersConfig.ready()`, so the door never imports this app (see docs/architecture.md).

Every signed-in page asks for a standing (platform-wide, then at the page's venue), so these
are plain SQL over the four tables: the ORM spent more time compiling the three joined queries
than the database spent answering them (bench/profile_pages.py --as participant). Only table
names and placeholders are formatted into the SQL; every value is a parameter.
"""

# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from roundtable.modalities import Standing
from roundtable.permissions.standing import STAFF_ROLES
from roundtable.stakeholders.models import (
    Accreditation,
    Affiliation,
    Delegation,
    StakeholderGroup,
    VenueCategory,
)
from roundtable.venues.models import Venue, VenueRole


def _table(model: type[Any]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _roles_sql(slugs: int) -> str:
    """(venue slug or NULL, role) of the user's roles held everywhere or at one of the venues."""
    marks = ", ".join(["%s"] * slugs)
    at = f" OR v.slug IN ({marks})" if slugs else ""
    return (
        f"SELECT v.slug, r.role FROM {_table(VenueRole)} r"
        f" LEFT OUTER JOIN {_table(Venue)} v ON v.id = r.venue_id"
        f" WHERE r.user_id = %s AND (r.venue_id IS NULL{at})"
    )


def _accreditations_sql(slugs: int) -> str:
    """(venue, group, category, delegation, delegation's head) of approved accreditations."""
    marks = ", ".join(["%s"] * slugs)
    return (
        f"SELECT v.slug, g.slug, c.slug, d.slug, d.head_id FROM {_table(Accreditation)} a"
        f" INNER JOIN {_table(Venue)} v ON v.id = a.venue_id"
        f" INNER JOIN {_table(StakeholderGroup)} g ON g.id = a.group_id"
        f" LEFT OUTER JOIN {_table(VenueCategory)} c ON c.id = a.category_id"
        f" LEFT OUTER JOIN {_table(Delegation)} d ON d.id = a.delegation_id"
        f" WHERE a.user_id = %s AND a.status = %s AND v.slug IN ({marks})"
    )


def _affiliations_sql(slugs: int) -> str:
    marks = ", ".join(["%s"] * slugs)
    return (
        f"SELECT DISTINCT v.slug FROM {_table(Affiliation)} f"
        f" INNER JOIN {_table(Venue)} v ON v.id = f.venue_id"
        f" WHERE f.user_id = %s AND f.status = %s AND v.slug IN ({marks})"
    )


def standing_of(user: Any, venue: str | None) -> Standing:
    """The standing of a signed-in `user` (the door has already answered for anonymous ones)."""
    if venue is None:
        roles = {"member"} | (set(STAFF_ROLES) if user.is_superuser else set())
        roles.update(role for _, role in _rows(_roles_sql(0), [user.pk]))
        return Standing(roles=frozenset(roles))
    return standings_of(user, [venue])[venue]


def standings_of(user: Any, venues: Iterable[str]) -> dict[str, Standing]:
    """`standing_of` at each of `venues` in three queries, however many venues (a page that
    asks the door about processes of every venue, the home page, builds them together)."""
    slugs = sorted(set(venues))
    if not slugs:
        return {}
    base = {"member"} | (set(STAFF_ROLES) if user.is_superuser else set())
    roles: dict[str, set[str]] = {slug: set(base) for slug in slugs}
    for where, role in _rows(_roles_sql(len(slugs)), [user.pk, *slugs]):
        for slug in slugs if where is None else [where]:
            roles[slug].add(role)
    groups: dict[str, set[str]] = {slug: set() for slug in slugs}
    categories: dict[str, set[str]] = {slug: set() for slug in slugs}
    delegation: dict[str, str | None] = dict.fromkeys(slugs)
    head = dict.fromkeys(slugs, False)
    accredited = dict.fromkeys(slugs, False)
    approved = [user.pk, Accreditation.Status.APPROVED.value, *slugs]
    for slug, group, category, delegated, head_id in _rows(
        _accreditations_sql(len(slugs)), approved
    ):
        accredited[slug] = True
        groups[slug].add(group)
        if category is not None:
            categories[slug].add(category)
        if delegated is not None:
            delegation[slug] = delegated
            head[slug] = head[slug] or head_id == user.pk
    confirmed = {
        slug
        for (slug,) in _rows(
            _affiliations_sql(len(slugs)),
            [user.pk, Affiliation.Status.CONFIRMED.value, *slugs],
        )
    }
    return {
        slug: Standing(
            groups=frozenset(groups[slug]),
            categories=frozenset(categories[slug]),
            roles=frozenset(roles[slug] | ({"head-of-delegation"} if head[slug] else set())),
            delegation=delegation[slug],
            head_of_delegation=head[slug],
            accredited=accredited[slug],
            organisation_confirmed=slug in confirmed,
        )
        for slug in slugs
    }
