"""Group-aware agreement: on which statements every stakeholder group agrees, and where they divide.

Participants mark statements agree, disagree or pass. Counting is done per *declared* stakeholder
group (government, civil society...), the way Polis counts per opinion group
(compdemocracy/polis, math/src/polismath/math/repness.clj and stats.clj):

- per group and statement: agreed ``na``, disagreed ``nd``, seen ``ns`` (passes count as seen);
- probabilities with a +1/+2 prior, so that one vote is not certainty: ``pa = (na+1)/(ns+2)``;
- significance by Polis's one-proportion test ``2·sqrt(ns+1)·((na+1)/(ns+1) − ½)`` and its
  two-proportion test (a group against all the others), both read at 90% (z > 1.2816);
- group-aware consensus (conversation.clj, ``:group-aware-consensus``): the product over the groups
  of ``pa``. One group that disagrees pulls it down, however large the others are.

A statement is **common ground** when every group that has seen it agrees (or every group disagrees),
each significantly; it **divides** the groups when one group significantly agrees and another
significantly disagrees. Everything else is left open: too few votes to say.

Small groups would show their members' marks (one government voter's "agreed 1" is that person's
mark), so per statement the groups are passed through `analysis.balance.fold_small`, the
balance's rule: a group with fewer than ``MIN_CELL`` people who saw the statement is summed into
one "other groups" tally (``OTHER``) when that sum reaches the minimum, else left out. The
verdict, the consensus and the groups standing apart are computed over exactly the tallies
shown (the fold counts as one of them): a verdict over a hidden group would tell its stance. No
total over the groups is published, so nothing hidden can be worked out by subtraction.

The opinion groups (`opinion_groups`, Polis's clustering: the vote matrix's two principal components,
k-means with k chosen by silhouette) live beside this in `agreement_clusters.py`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from .balance import MIN_CELL, fold_small

AGREE, DISAGREE, PASS = 1, -1, 0
Z_90 = 1.2816
OTHER = "(other)"  # the fold of small groups; not a slug, so no stakeholder group can be named so

Verdict = Literal["agree", "disagree", "divided", "open"]


@dataclass(frozen=True)
class Vote:
    participant: Hashable
    statement: Hashable
    value: int  # AGREE, DISAGREE or PASS


@dataclass(frozen=True)
class GroupTally:
    group: str
    agreed: int
    disagreed: int
    seen: int

    @property
    def passed(self) -> int:
        return self.seen - self.agreed - self.disagreed

    @property
    def p_agree(self) -> float:
        return (self.agreed + 1) / (self.seen + 2)

    @property
    def p_disagree(self) -> float:
        return (self.disagreed + 1) / (self.seen + 2)

    @property
    def z_agree(self) -> float:
        return prop_test(self.agreed, self.seen)

    @property
    def z_disagree(self) -> float:
        return prop_test(self.disagreed, self.seen)

    @property
    def stance(self) -> Literal["agree", "disagree", "open"]:
        if self.p_agree > 0.5 and self.z_agree > Z_90:
            return "agree"
        if self.p_disagree > 0.5 and self.z_disagree > Z_90:
            return "disagree"
        return "open"


@dataclass(frozen=True)
class StatementAgreement:
    statement: Hashable
    tallies: tuple[GroupTally, ...]  # one per group that has seen the statement, in group order
    consensus_agree: float
    consensus_disagree: float
    verdict: Verdict
    # Groups that stand apart from all the others (two-proportion test), with the side they take.
    distinct: tuple[tuple[str, Literal["agree", "disagree"], float], ...]

    @property
    def seen(self) -> int:
        return sum(t.seen for t in self.tallies)


def prop_test(successes: int, trials: int) -> float:
    """Polis's one-proportion z (stats.clj ``prop-test``): is the share above one half?"""
    s, n = successes + 1, trials + 1
    return 2 * math.sqrt(n) * (s / n - 0.5)


def two_prop_test(succ_in: int, succ_out: int, pop_in: int, pop_out: int) -> float:
    """Polis's two-proportion z (stats.clj ``two-prop-test``): does a group differ from the rest?"""
    s1, s2, n1, n2 = succ_in + 1, succ_out + 1, pop_in + 1, pop_out + 1
    p1, p2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    if pooled >= 1:
        return 0.0
    return (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))


def tally(
    votes: Iterable[Vote], groups: Mapping[Hashable, str]
) -> dict[Hashable, dict[str, GroupTally]]:
    """Counts per statement and group. A participant without a declared group is not counted:
    agreement *across groups* is about groups, and an undeclared voter belongs to none."""
    counts: dict[Hashable, dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0, 0])
    )
    for vote in votes:
        group = groups.get(vote.participant)
        if group is None:
            continue
        cell = counts[vote.statement][group]
        cell[0] += vote.value == AGREE
        cell[1] += vote.value == DISAGREE
        cell[2] += 1
    return {
        statement: {g: GroupTally(g, a, d, s) for g, (a, d, s) in per_group.items()}
        for statement, per_group in counts.items()
    }


def assess(
    statements: Iterable[Hashable],
    votes: Iterable[Vote],
    groups: Mapping[Hashable, str],
    group_order: Iterable[str] = (),
    *,
    minimum: int = MIN_CELL,
) -> list[StatementAgreement]:
    """Each statement's agreement across the groups shown, in the order the statements were
    given (groups under `minimum` folded or left out, see the module's note)."""
    order = {g: i for i, g in enumerate(group_order)}
    tallies = tally(votes, groups)
    found = []
    for statement in statements:
        per_group = sorted(
            private_tallies(tallies.get(statement, {}), minimum=minimum),
            key=lambda t: (t.group == OTHER, order.get(t.group, len(order)), t.group),
        )
        found.append(_assess_one(statement, tuple(per_group)))
    return found


def private_tallies(
    per_group: Mapping[str, GroupTally], *, minimum: int = MIN_CELL
) -> list[GroupTally]:
    """The tallies that may be shown: groups at the minimum on their own, the small ones summed
    as ``OTHER`` if that sum reaches it; the rest left out."""
    fold = fold_small({g: t.seen for g, t in per_group.items()}, minimum=minimum)
    kept = [per_group[g] for g in fold.shown]
    if fold.folded:
        parts = [per_group[g] for g in fold.folded]
        kept.append(
            GroupTally(
                OTHER,
                sum(t.agreed for t in parts),
                sum(t.disagreed for t in parts),
                sum(t.seen for t in parts),
            )
        )
    return kept


def _assess_one(statement: Hashable, tallies: tuple[GroupTally, ...]) -> StatementAgreement:
    stances = {t.stance for t in tallies}
    verdict: Verdict
    if not tallies or "open" in stances and len(stances) == 1:
        verdict = "open"
    elif {"agree", "disagree"} <= stances:
        verdict = "divided"
    elif stances == {"agree"} and len(tallies) > 1:
        verdict = "agree"
    elif stances == {"disagree"} and len(tallies) > 1:
        verdict = "disagree"
    else:
        verdict = "open"
    return StatementAgreement(
        statement=statement,
        tallies=tallies,
        consensus_agree=math.prod(t.p_agree for t in tallies) if tallies else 0.0,
        consensus_disagree=math.prod(t.p_disagree for t in tallies) if tallies else 0.0,
        verdict=verdict,
        distinct=_distinct(tallies),
    )


def _distinct(
    tallies: tuple[GroupTally, ...],
) -> tuple[tuple[str, Literal["agree", "disagree"], float], ...]:
    if len(tallies) < 2:
        return ()
    agreed = sum(t.agreed for t in tallies)
    disagreed = sum(t.disagreed for t in tallies)
    seen = sum(t.seen for t in tallies)
    apart: list[tuple[str, Literal["agree", "disagree"], float]] = []
    for t in tallies:
        z_a = two_prop_test(t.agreed, agreed - t.agreed, t.seen, seen - t.seen)
        z_d = two_prop_test(t.disagreed, disagreed - t.disagreed, t.seen, seen - t.seen)
        if z_a > Z_90 and t.stance == "agree":
            apart.append((t.group, "agree", round(z_a, 3)))
        elif z_d > Z_90 and t.stance == "disagree":
            apart.append((t.group, "disagree", round(z_d, 3)))
    return tuple(apart)
