"""The API's shapes of statements and their results (names start with Agreement: OpenAPI's
schema names are one namespace for every app)."""

from __future__ import annotations

from typing import Literal

from ninja import Schema

from roundtable.inputs.bounds import Input

from .queries import Results

MARK_WORDS = {1: "agree", -1: "disagree", 0: "pass"}


class AgreementGroupShare(Schema):
    # A stakeholder group's slug, or "(other)": groups each under the minimum, summed; groups
    # under the minimum whose sum is too are left out (docs/agreement.md).
    group: str
    agreed: int
    disagreed: int
    passed: int
    seen: int


class AgreementApart(Schema):
    group: str
    side: str


class AgreementStatementOut(Schema):
    id: int
    text: str
    # agree or disagree (common ground), divided, or open (too few marks to say)
    verdict: str
    groups: list[AgreementGroupShare]
    apart: list[AgreementApart]
    # Marks by people without a stakeholder group: counted here, not in the groups.
    ungrouped: int
    # The caller's own mark, or null; nobody else's is ever given.
    your_mark: str | None


class AgreementOpinionGroupCount(Schema):
    # A stakeholder group's slug, "" for no group given, or "(other)" (small groups, summed).
    group: str
    people: int


class AgreementOpinionGroupOut(Schema):
    number: int
    people: int
    by_group: list[AgreementOpinionGroupCount]


class AgreementOut(Schema):
    voters: int
    statements: list[AgreementStatementOut]
    opinion_groups: list[AgreementOpinionGroupOut]


class AgreementMarkIn(Input):
    mark: Literal["agree", "disagree", "pass"]


class AgreementMarkOut(Schema):
    statement: int
    mark: str


def agreement_out(found: Results, mine: dict[int, int]) -> AgreementOut:
    return AgreementOut(
        voters=found.voters,
        statements=[
            AgreementStatementOut(
                id=r.statement.pk,
                text=r.statement.text,
                verdict=r.verdict,
                groups=[
                    AgreementGroupShare(
                        group=s.group,
                        agreed=s.agreed,
                        disagreed=s.disagreed,
                        passed=s.passed,
                        seen=s.seen,
                    )
                    for s in r.shares
                ],
                apart=[AgreementApart(group=g, side=side) for g, side in r.apart],
                ungrouped=r.ungrouped,
                your_mark=MARK_WORDS.get(mine[r.statement.pk]) if r.statement.pk in mine else None,
            )
            for r in found.statements
        ],
        opinion_groups=[
            AgreementOpinionGroupOut(
                number=o.number,
                people=len(o.members),
                by_group=[AgreementOpinionGroupCount(group=g, people=n) for g, n in o.by_group],
            )
            for o in found.opinion_groups
        ],
    )
