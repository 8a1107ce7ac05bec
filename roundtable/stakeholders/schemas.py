"""Request and response shapes of the participants' API (roundtable/stakeholders/api.py and
delegation_api.py): accreditation, organisations, categories, delegations, belonging, roles."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema

from roundtable.inputs.bounds import Body, Code, Email, FilledName, Input, Label, Note, Slug

# --- accreditation ---------------------------------------------------------------------------


class AccreditationIn(Input):
    group: Slug | None = None
    category: Slug | None = None
    organisation: Slug | None = None
    delegation: Slug | None = None
    statement: Body = ""


class AccreditationOut(Schema):
    id: int
    venue: str
    user: str
    group: str
    category: str | None
    organisation: str | None
    delegation: str | None = None
    status: str
    basis: str
    reason: str
    requested_at: datetime
    decided_at: datetime | None


class DecisionIn(Input):
    approve: bool
    reason: Body = ""


# --- organisations and categories ------------------------------------------------------------


class OrganisationIn(Input):
    slug: Slug
    name: FilledName
    group: Slug | None = None
    country: Label = ""
    ecosoc_status: Code = ""
    itu_sector_member: bool = False


class OrganisationOut(Schema):
    slug: str
    name: str
    group: str | None
    country: str
    ecosoc_status: str
    itu_sector_member: bool


class CategoryIn(Input):
    slug: Slug
    name: FilledName
    group: Slug


class CategoryOut(Schema):
    venue: str
    slug: str
    name: str
    group: str


# --- delegations -----------------------------------------------------------------------------


class PersonOut(Schema):
    email: str
    name: str


class DelegationIn(Input):
    slug: Slug
    name: FilledName
    head: Email | None = None


class HeadIn(Input):
    head: Email | None = None


class MemberIn(Input):
    email: Email


class DelegationOut(Schema):
    venue: str
    slug: str
    name: str
    head: PersonOut | None
    members: list[PersonOut]


# --- belonging: statuses, focal points, claims -----------------------------------------------


class StatusIn(Input):
    basis: Slug = ""
    group: Slug
    category: Slug | None = None
    delegation: Slug | None = None


class StatusOut(Schema):
    organisation: str
    venue: str
    basis: str
    group: str
    category: str | None
    delegation: str | None


class FocalPointIn(Input):
    email: Email


class FocalPointOut(Schema):
    organisation: str
    venue: str
    name: str


class ClaimOut(Schema):
    id: int
    organisation: str
    venue: str
    name: str
    email: str
    email_domain_matches: bool
    status: str
    reason: str
    requested_at: datetime
    decided_at: datetime | None


class AnswerIn(Input):
    confirm: bool
    reason: Note = ""


# --- roles -----------------------------------------------------------------------------------


class RoleIn(Input):
    email: Email
    role: Code
    # For a seat (issue 12): the stakeholder group whose seat it is, and the term's year.
    group: Slug | None = None
    year: int | None = None


class RoleOut(Schema):
    venue: str
    email: str
    role: str


# --- seats (issue 12, richer standing) --------------------------------------------------------


class SeatOut(Schema):
    role: str
    kind: str
    holders: int
    term_years: int | None
    max_consecutive_terms: int | None


class GroupSeatsOut(Schema):
    group: str
    share: str
    taken: int
    allowed: int | None


class CompositionOut(Schema):
    seats: list[str]
    capacity: int | None
    taken: int
    groups: list[GroupSeatsOut]
    source: str


class ModalitySeatsOut(Schema):
    modality: str
    seats: list[SeatOut]
    composition: CompositionOut | None


class VenueSeatsOut(Schema):
    venue: str
    year: int
    modalities: list[ModalitySeatsOut]
