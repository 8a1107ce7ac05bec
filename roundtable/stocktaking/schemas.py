"""The balance API's shapes (names start with Balance: OpenAPI schema names are unique)."""

from __future__ import annotations

from ninja import Schema


class BalanceGroupOut(Schema):
    slug: str  # "" = people with no stakeholder group
    label: str


class BalanceCellOut(Schema):
    group: str
    count: int | None
    share: float | None


class BalanceMonthOut(Schema):
    month: str  # YYYY-MM
    group: str
    contributions: int


class BalanceRegionOut(Schema):
    region: str
    count: int | None  # null: below the minimum cell size
    share: float | None


class BalanceGenderOut(Schema):
    gender: str
    count: int | None
    share: float | None


class BalanceMeasuresOut(Schema):
    participants: list[BalanceCellOut]
    contributions: list[BalanceCellOut]
    voices: list[BalanceCellOut]
    words: list[BalanceCellOut]
    amendments_proposed: list[BalanceCellOut]
    amendments_accepted: list[BalanceCellOut]
    speaking_seconds: list[BalanceCellOut]
    positions: list[BalanceCellOut]
    list_posts: list[BalanceCellOut]


class BalancePhaseMeasuresOut(Schema):
    participants: list[BalanceCellOut]  # people who did anything dated in the phase, once each
    contributions: list[BalanceCellOut]
    words: list[BalanceCellOut]
    amendments_proposed: list[BalanceCellOut]  # dated by the proposal
    amendments_accepted: list[BalanceCellOut]  # dated by the decision
    speaking_seconds: list[BalanceCellOut]
    positions: list[BalanceCellOut]
    list_posts: list[BalanceCellOut]


class BalancePhaseOut(Schema):
    phase: int | None  # null: rows dated outside every phase
    title: str
    starts_on: str  # YYYY-MM-DD, "" outside the phases
    ends_on: str
    measures: BalancePhaseMeasuresOut


class BalanceOut(Schema):
    groups: list[BalanceGroupOut]
    measures: BalanceMeasuresOut
    months: list[BalanceMonthOut]
    regions: list[BalanceRegionOut]
    genders: list[BalanceGenderOut]
    phases: list[BalancePhaseOut]  # in order of the phases' start
