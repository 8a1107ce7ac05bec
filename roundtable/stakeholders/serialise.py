"""Rows of the participants' models as the API answers them (see schemas.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from roundtable.venues.people import public_name

from .belonging import email_domain_matches
from .models import Accreditation, Affiliation, Delegation, Organisation, VenueCategory
from .schemas import ClaimOut


def accreditation_out(a: Accreditation) -> dict[str, Any]:
    return {
        "id": a.pk,
        "venue": a.venue.slug,
        "user": public_name(a.user),
        "group": a.group.slug,
        "category": a.category.slug if a.category else None,
        "organisation": a.organisation.slug if a.organisation else None,
        "delegation": a.delegation.slug if a.delegation else None,
        "status": a.status,
        "basis": a.basis,
        "reason": a.reason,
        "requested_at": a.requested_at,
        "decided_at": a.decided_at,
    }


def organisation_out(o: Organisation) -> dict[str, Any]:
    return {
        "slug": o.slug,
        "name": o.name,
        "group": o.group.slug if o.group else None,
        "country": o.country,
        "ecosoc_status": o.ecosoc_status,
        "itu_sector_member": o.itu_sector_member,
    }


def category_out(c: VenueCategory) -> dict[str, Any]:
    return {"venue": c.venue.slug, "slug": c.slug, "name": c.name, "group": c.group.slug}


def person_out(user: User) -> dict[str, Any]:
    return {"email": user.email, "name": public_name(user)}


def delegation_out(d: Delegation) -> dict[str, Any]:
    """A delegation with its head and members (`member_accreditations`, prefetched by
    `queries.list_delegations_with_members` and `queries.get_delegation`)."""
    members = d.member_accreditations  # type: ignore[attr-defined]  # Prefetch(to_attr=...)
    return {
        "venue": d.venue.slug,
        "slug": d.slug,
        "name": d.name,
        "head": person_out(d.head) if d.head else None,
        "members": [person_out(a.user) for a in members],
    }


def claim_out(claim: Affiliation) -> ClaimOut:
    user = claim.user
    return ClaimOut(
        id=claim.pk,
        organisation=claim.organisation.slug,
        venue=claim.venue.slug,
        name=public_name(user),
        email=user.email,
        email_domain_matches=email_domain_matches(user, claim.organisation),
        status=claim.status,
        reason=claim.reason,
        requested_at=claim.requested_at,
        decided_at=claim.decided_at,
    )
