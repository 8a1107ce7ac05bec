"""Request and response shapes of the REST API (OpenAPI 3 is generated from these)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

from roundtable.inputs.bounds import (
    Body,
    Code,
    Email,
    Input,
    Label,
    Language,
    Name,
    Note,
    Slug,
    Title,
)


class ErrorBody(Schema):
    code: str
    message: str
    rule: str | None = None
    would_allow: list[str] | None = None
    details: list[dict] | None = None


class Error(Schema):
    error: ErrorBody


class VenueOut(Schema):
    slug: str
    name: str
    description: str
    default_modality: str
    automatic_accreditation: list[str]


class PhaseOut(Schema):
    id: int
    kind: str
    title: str
    starts_on: date
    ends_on: date
    tentative: bool
    modality: str
    day: str
    agenda: list[str]


class ProcessOut(Schema):
    venue: str
    slug: str
    title: str
    summary: str
    topics: list[str]
    modality: str
    alternative_modalities: list[str]
    current_phase: PhaseOut | None = None
    phases: list[PhaseOut]


class CallOut(Schema):
    id: int
    process: str
    title: str
    description: str
    opens_at: datetime
    closes_at: datetime


class ContributionOut(Schema):
    id: int
    call: int
    title: str
    author: str
    group: str | None
    organisation: str | None
    delegation: str | None
    language: str
    word_count: int
    status: str
    submitted_at: datetime
    body: str | None
    body_html: str | None
    moderation_reason: str
    attachments: list[str]
    comment_count: int


class CommentOut(Schema):
    id: int
    author: str
    body: str
    body_html: str
    posted_at: datetime


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


class ContributionIn(Input):
    title: Title
    body: Body
    language: Language = "en"
    organisation: Slug | None = None
    delegation: Slug | None = None


class CommentIn(Input):
    body: Body


class HideIn(Input):
    reason: Body


class PhaseIn(Input):
    kind: Code
    title: Title
    starts_on: date
    ends_on: date
    tentative: bool = False
    modality: Name = ""
    day: Slug = ""
    agenda: Annotated[list[Note], Field(max_length=200)] = []


class CallIn(Input):
    title: Title
    description: Body = ""
    opens_at: datetime
    closes_at: datetime


class DecisionOut(Schema):
    right: str
    modality: str
    allowed: bool
    rule: str
    reason: str
    obligations: list[dict]
    would_allow: list[str]
    standing: str
    explanation: dict
    language: str
    right_label: str
    verdict: str
    because_translated: str
    what_would_allow: list[str]
    standing_label: str


class OrganisationIn(Input):
    slug: Slug
    name: Name
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
    name: Name
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
    name: Name
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
