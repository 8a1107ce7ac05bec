"""Reads for statements and their results. Only counts leave here: a person's own mark is read
for that person alone, and nobody's marks are listed."""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from roundtable.analysis.agreement import OTHER, StatementAgreement, Vote, assess
from roundtable.analysis.agreement_clusters import OpinionGroup, opinion_groups
from roundtable.analysis.balance import shares
from roundtable.contributions.models import CallForInput
from roundtable.decisions.models import Outcome
from roundtable.processes.reading import require_observe
from roundtable.stakeholders.models import StakeholderGroup

from .models import Mark, Statement


@dataclass(frozen=True)
class Share:
    group: str  # a stakeholder group's slug, or OTHER: small groups summed (analysis.balance)
    agreed: int
    disagreed: int
    passed: int
    seen: int

    @property
    def folded(self) -> bool:
        return self.group == OTHER

    def _pct(self, part: str) -> int:
        # The balance's shares (largest remainder): the three always add up to 100.
        counts = {"agreed": self.agreed, "disagreed": self.disagreed, "passed": self.passed}
        return int(shares(counts, decimals=0)[part])

    @property
    def agreed_pct(self) -> int:
        return self._pct("agreed")

    @property
    def disagreed_pct(self) -> int:
        return self._pct("disagreed")

    @property
    def passed_pct(self) -> int:
        return self._pct("passed")


@dataclass(frozen=True)
class StatementResult:
    statement: Statement
    verdict: str  # agree, disagree, divided, open (analysis.agreement)
    shares: tuple[Share, ...]
    apart: tuple[tuple[str, str], ...]  # (group, "agree" | "disagree"): groups standing apart
    consensus_agree: float
    ungrouped: int  # marks by people without a stakeholder group: shown, not in the verdict


@dataclass(frozen=True)
class Results:
    statements: tuple[StatementResult, ...]
    opinion_groups: tuple[OpinionGroup, ...]
    voters: int

    def _with(self, *verdicts: str) -> list[StatementResult]:
        return [r for r in self.statements if r.verdict in verdicts]

    @property
    def common_ground(self) -> list[StatementResult]:
        return self._with("agree", "disagree")

    @property
    def divided(self) -> list[StatementResult]:
        return self._with("divided")

    @property
    def still_open(self) -> list[StatementResult]:
        return self._with("open")


def list_statements(
    *, viewer: Any, call: CallForInput | None = None, outcome: Outcome | None = None
) -> QuerySet[Statement]:
    """The statements still standing (withdrawn ones leave the page and the counts)."""
    process = call.process if call is not None else outcome.process  # type: ignore[union-attr]
    require_observe(viewer, process)
    where = {"call": call} if call is not None else {"outcome": outcome}
    return Statement.objects.filter(withdrawn_at__isnull=True, **where).order_by("added_at", "id")


def my_marks(*, viewer: Any, statements: list[Statement]) -> dict[int, int]:
    """The viewer's own marks, statement id -> value; nobody else's."""
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return {}
    return dict(
        Mark.objects.filter(statement__in=statements, participant=viewer).values_list(
            "statement_id", "value"
        )
    )


def results(*, viewer: Any, statements: list[Statement]) -> Results:
    """Counts per stakeholder group, verdicts and opinion groups of the statements (already
    read through `list_statements`, which asked the door)."""
    rows = list(
        Mark.objects.filter(statement__in=statements)
        .order_by("marked_at", "id")
        .values_list("participant_id", "statement_id", "value", "group__slug")
    )
    votes = [Vote(p, s, v) for p, s, v, _g in rows]
    # A person's group is that of their latest mark (an accreditation may change meanwhile).
    groups: dict[Hashable, str] = {p: g for p, _s, _v, g in rows if g}
    ungrouped: dict[int, int] = {}
    for p, s, _v, _g in rows:
        if p not in groups:
            ungrouped[s] = ungrouped.get(s, 0) + 1
    order = list(StakeholderGroup.objects.values_list("slug", flat=True))
    assessed = assess([s.pk for s in statements], votes, groups, group_order=order)
    found = tuple(
        _result(statement, a, ungrouped.get(statement.pk, 0))
        for statement, a in zip(statements, assessed, strict=True)
    )
    return Results(found, _opinion_groups(votes, groups), len({p for p, *_rest in rows}))


def _opinion_groups(votes: list[Vote], groups: Mapping[Hashable, str]) -> tuple[OpinionGroup, ...]:
    """The clustering, kept by the digest of exactly what it reads: PCA and k-means for
    k = 2..5 took 0.05-0.2 s at 200 voters and 0.5-2 s at 2,000 on the shared machine (the
    digest about 40 ms there). The same marks and groups always give the same groups (seeded),
    so a kept answer is never stale; a new mark makes a new digest."""
    text = repr((sorted((repr(v.participant), repr(v.statement), v.value) for v in votes),
                 sorted((repr(p), g) for p, g in groups.items())))  # fmt: skip
    # ":2": since the small-group rule; a group kept before it must not be read back.
    key = "agreement-opinion-groups:2:" + hashlib.sha256(text.encode()).hexdigest()
    cache = caches["default"]
    found: tuple[OpinionGroup, ...] | None = cache.get(key)
    if found is None:
        found = opinion_groups(votes, groups)
        cache.set(key, found, timeout=None)
    return found


def _result(statement: Statement, a: StatementAgreement, ungrouped: int) -> StatementResult:
    return StatementResult(
        statement=statement,
        verdict=a.verdict,
        shares=tuple(Share(t.group, t.agreed, t.disagreed, t.passed, t.seen) for t in a.tallies),
        apart=tuple((g, side) for g, side, _z in a.distinct),
        consensus_agree=a.consensus_agree,
        ungrouped=ungrouped,
    )


def get_statement(*, viewer: Any, pk: int) -> Statement:
    """A standing statement (a withdrawn one is not found), to whoever may observe its process."""
    if not 0 < pk < 2**63:
        raise Http404  # beyond any id the database can hold
    found = get_object_or_404(
        Statement.objects.select_related("process__venue"), pk=pk, withdrawn_at__isnull=True
    )
    require_observe(viewer, found.process)
    return found
