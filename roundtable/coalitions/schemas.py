"""Request and response shapes of the coalitions' API (roundtable/coalitions/api.py)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from roundtable.inputs.bounds import Body, Email, FilledBody, FilledTitle, Input, Note, Slug


class CoalitionFounderIn(Input):
    email: Email
    group: Slug


class CoalitionFoundingIn(Input):
    name: FilledTitle
    statement_of_need: FilledBody
    action_plan: FilledBody
    contacts: FilledBody
    founders: list[CoalitionFounderIn] = Field(max_length=200)


class CoalitionReviewIn(Input):
    approve: bool
    reason: Body = ""


class CoalitionJoinIn(Input):
    group: Slug


class CoalitionReportIn(Input):
    text: FilledBody


class CoalitionRevivalIn(Input):
    reason: Note


class CoalitionReportDateIn(Input):
    due_on: date


class CoalitionReportDateOut(Schema):
    venue: str
    due_on: date


class CoalitionMemberOut(Schema):
    name: str
    group: str
    role: str
    founding: bool


class CoalitionReportOut(Schema):
    filed_on: date
    text: str


class CoalitionDormancyOut(Schema):
    rule: str
    report_overdue: bool
    list_quiet: bool
    due_on: date | None
    quiet_since: date


class CoalitionMinorityStatementOut(Schema):
    group: str
    group_label: str | None
    author: str
    text: str


class CoalitionOutcomeOut(Schema):
    id: int
    title: str
    binding: bool
    adoption: int | None
    procedure: str | None
    #: The level the coordinator concluded with (`rough-consensus`), and its label.
    consensus_level: str | None
    consensus_level_label: str | None
    adopted: bool | None
    #: When objections and minority views were invited (the adoption's window).
    invited_from: datetime | None
    invited_until: datetime | None
    minority_statements: list[CoalitionMinorityStatementOut]


class CoalitionOutputOut(Schema):
    document: int
    title: str
    #: `published` once a version is, else `draft`.
    status: str
    version: int | None
    outcomes: list[CoalitionOutcomeOut]


class CoalitionOut(Schema):
    slug: str
    venue: str
    name: str
    state: str
    modality: str
    process: str | None
    mailing_list: str | None
    requested_at: datetime
    decided_at: datetime | None
    reason: str
    dormancy: CoalitionDormancyOut | None


class CoalitionDetailOut(CoalitionOut):
    statement_of_need: str
    action_plan: str
    contacts: str
    members: list[CoalitionMemberOut]
    reports: list[CoalitionReportOut]
    outputs: list[CoalitionOutputOut]
    due_dates: list[date]


class CoalitionListOut(Schema):
    active: list[CoalitionOut]
    review: list[CoalitionOut]
    inactive: list[CoalitionOut]
    declined: list[CoalitionOut]
