"""Request and response shapes of the REST API (OpenAPI 3 is generated from these)."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema

from roundtable.inputs.bounds import (
    Body,
    Code,
    Email,
    FilledName,
    Input,
    Label,
    Slug,
)
from roundtable.outputs.errors import Error, ErrorBody

__all__ = [
    "Error",
    "ErrorBody",
]  # the error shape lives in roundtable.outputs; kept for old imports


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
