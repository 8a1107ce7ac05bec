"""Adoption procedures: pure tallies that return the outcome *and* the arithmetic behind it.

Kinds (``Procedure.kind``):

- ``none``: the process cannot adopt anything (IGF: Tunis Agenda paras 72 and 77).
- ``consensus``: ``levels: plain`` (consensus unless someone objects; ITU WTPF) or
  ``levels: gnso`` (Full consensus / Consensus / Strong support but significant opposition /
  Divergence; GNSO Working Group Guidelines 3.6). For ``gnso`` the chair's designation is the
  level: the Guidelines define the levels in words, with no numeric threshold, so the
  positions are recorded but suggest no level, and without a designation nothing is adopted.
  Objectors are listed so their minority views can be attached.
- ``rough-consensus``: every objection recorded as addressed or not; any unaddressed
  objection means no rough consensus; it is not a majority count (RFC 7282).
- ``chamber-vote``: yes votes as a share of each chamber's seats, against alternatives
  (``each`` chamber meets a threshold, or ``one`` chamber meets one threshold and the
  ``other`` chambers another): GNSO Council houses (ICANN Bylaws 11.3(i)), with stakeholder
  groups, quorum, absentee ballots and stand-ins (`chambers.py`).
- ``omov``: one member one vote, with a quorum of the electorate and a threshold of the
  votes cast for or against (abstentions count for quorum only).
- ``iesg-ballot``: Yes, No Objection, Discuss, Abstain, Recuse; an unresolved Discuss blocks;
  otherwise Yes + No Objection must reach the threshold (default two thirds) of the members
  not recused, with at least one Yes.

All arithmetic is exact (``fractions.Fraction``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import datetime
from fractions import Fraction

from roundtable.modalities.ballots import POSITIONS, Ballot, BallotError, Tally, normalise_ballots
from roundtable.modalities.chambers import chamber_vote as chamber_vote
from roundtable.modalities.chambers import meets as meets
from roundtable.modalities.model import Procedure, Threshold

GNSO_LEVELS = ("full-consensus", "consensus", "strong-support", "divergence")
PLAIN_LEVELS = ("consensus", "no-consensus")
ROUGH_LEVELS = ("rough-consensus", "no-rough-consensus")


def _frac(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def _count(ballots: Sequence[Ballot], position: str) -> int:
    return sum(1 for b in ballots if b.position == position)


def tally(
    procedure: Procedure,
    ballots: Iterable[Ballot],
    *,
    designation: str | None = None,
    closed_at: datetime | None = None,
) -> Tally:
    """Apply ``procedure`` to ``ballots``. ``designation`` is the chair's call of the level
    (consensus kinds only); it is recorded beside the level the positions suggest.
    ``closed_at``: when the vote closed (chamber votes: the absentee window runs from it)."""
    kind = procedure.kind
    if kind not in POSITIONS:
        raise BallotError(f"unknown procedure kind {kind!r}")
    normalised = normalise_ballots(ballots, kind)
    if designation is not None and kind not in ("consensus", "rough-consensus"):
        raise BallotError(f"a chair's designation applies to consensus, not {kind}")
    if kind == "none":
        return Tally(
            procedure.name,
            kind,
            False,
            "This process has no adoption procedure: nothing can be adopted here.",
            {"ballots": len(normalised)},
        )
    if kind == "consensus":
        return consensus(procedure, normalised, designation=designation)
    if kind == "rough-consensus":
        return rough_consensus(procedure, normalised, designation=designation)
    if kind == "chamber-vote":
        return chamber_vote(procedure, normalised, closed_at=closed_at)
    if kind == "omov":
        return omov(procedure, normalised)
    return iesg_ballot(procedure, normalised)


def consensus(
    procedure: Procedure, ballots: Sequence[Ballot], *, designation: str | None = None
) -> Tally:
    if procedure.levels == "gnso":
        return gnso_consensus(procedure, ballots, designation=designation)
    support, objections, abstain = (_count(ballots, p) for p in ("support", "object", "abstain"))
    objectors = [b.voter for b in ballots if b.position == "object"]
    expressed = support + objections
    share = Fraction(support, expressed) if expressed else Fraction(0)
    levels = PLAIN_LEVELS
    derived = "consensus" if support and not objections else "no-consensus"
    if designation is not None and designation not in levels:
        raise BallotError(f"designation {designation!r} is not one of {', '.join(levels)}")
    level = designation or derived
    adopted = level in procedure.adopt_levels
    who = "designated by the chair" if designation else "suggested by the positions"
    summary = f"Level {level} ({who}); {support} support, {objections} object, {abstain} abstain."
    if objectors:
        summary += f" Minority views to attach: {', '.join(objectors)}."
    return Tally(
        procedure.name,
        "consensus",
        adopted,
        summary,
        {
            "levels": list(levels),
            "support": support,
            "object": objections,
            "abstain": abstain,
            "support_share": _frac(share),
            "derived_level": derived,
            "designated_level": designation,
            "level": level,
            "adopt_levels": list(procedure.adopt_levels),
            "minority": objectors,
        },
    )


def gnso_consensus(
    procedure: Procedure, ballots: Sequence[Ballot], *, designation: str | None = None
) -> Tally:
    """GNSO levels: the chair's designation is the level (Working Group Guidelines 3.6 define
    the levels in words, with no numeric threshold). The positions are recorded, with the
    objectors for minority views, but suggest no level: counting support against abstentions
    would make one support and twenty abstentions look like full consensus. Without a
    designation the level is None and nothing is adopted."""
    support, objections, abstain = (_count(ballots, p) for p in ("support", "object", "abstain"))
    objectors = [b.voter for b in ballots if b.position == "object"]
    if designation is not None and designation not in GNSO_LEVELS:
        raise BallotError(f"designation {designation!r} is not one of {', '.join(GNSO_LEVELS)}")
    adopted = designation is not None and designation in procedure.adopt_levels
    counts = f"{support} support, {objections} object, {abstain} abstain."
    if designation is None:
        summary = (
            "No level designated: the chair designates the level (GNSO Working Group "
            f"Guidelines 3.6) and nothing is adopted without it; {counts}"
        )
    else:
        summary = f"Level {designation} (designated by the chair); {counts}"
    if objectors:
        summary += f" Minority views to attach: {', '.join(objectors)}."
    return Tally(
        procedure.name,
        "consensus",
        adopted,
        summary,
        {
            "levels": list(GNSO_LEVELS),
            "support": support,
            "object": objections,
            "abstain": abstain,
            "designated_level": designation,
            "level": designation,
            "adopt_levels": list(procedure.adopt_levels),
            "minority": objectors,
        },
    )


def rough_consensus(
    procedure: Procedure, ballots: Sequence[Ballot], *, designation: str | None = None
) -> Tally:
    support, abstain = _count(ballots, "support"), _count(ballots, "abstain")
    objections = [b for b in ballots if b.position == "object"]
    unaddressed = [b.voter for b in objections if not b.addressed]
    addressed = [b.voter for b in objections if b.addressed]
    derived = "rough-consensus" if support and not unaddressed else "no-rough-consensus"
    if designation is not None and designation not in ROUGH_LEVELS:
        raise BallotError(f"designation {designation!r} is not one of {', '.join(ROUGH_LEVELS)}")
    # The chair judges; but a call of rough consensus cannot stand over an unaddressed objection.
    level = derived if designation is None or derived == "no-rough-consensus" else designation
    adopted = level == "rough-consensus"
    summary = (
        f"{'Rough consensus' if adopted else 'No rough consensus'}: {len(objections)} "
        f"objection(s), {len(addressed)} addressed, {len(unaddressed)} not addressed; "
        f"{support} support (not a vote count: RFC 7282)."
    )
    if unaddressed:
        summary += f" Unaddressed: {', '.join(unaddressed)}."
    return Tally(
        procedure.name,
        "rough-consensus",
        adopted,
        summary,
        {
            "support": support,
            "abstain": abstain,
            "objections": len(objections),
            "addressed": addressed,
            "unaddressed": unaddressed,
            "derived_level": derived,
            "chair_judgement": designation,
            "level": level,
        },
    )


def omov(procedure: Procedure, ballots: Sequence[Ballot]) -> Tally:
    yes, no, abstain = (_count(ballots, p) for p in ("yes", "no", "abstain"))
    cast = yes + no + abstain
    electorate = procedure.electorate
    if electorate is not None and cast > electorate:
        raise BallotError(f"{cast} ballots from an electorate of {electorate}")
    quorum_ok = True
    quorum_text = "no quorum rule"
    if procedure.quorum is not None and electorate is not None:
        turnout = Fraction(cast, electorate)
        quorum_ok = meets(turnout, procedure.quorum)
        quorum_text = f"turnout {cast}/{electorate} {'meets' if quorum_ok else 'misses'} quorum {procedure.quorum}"
    threshold = procedure.threshold or Threshold(1, 2, strict=True)
    share = Fraction(yes, yes + no) if yes + no else Fraction(0)
    threshold_ok = bool(yes + no) and meets(share, threshold)
    adopted = quorum_ok and threshold_ok
    summary = (
        f"{quorum_text}; yes {yes} of {yes + no} votes for or against "
        f"{'meets' if threshold_ok else 'misses'} {threshold} ({abstain} abstain)."
    )
    return Tally(
        procedure.name,
        "omov",
        adopted,
        summary,
        {
            "electorate": electorate,
            "cast": cast,
            "yes": yes,
            "no": no,
            "abstain": abstain,
            "quorum": str(procedure.quorum) if procedure.quorum else None,
            "quorum_met": quorum_ok,
            "threshold": str(threshold),
            "yes_share": _frac(share),
            "threshold_met": threshold_ok,
        },
    )


def iesg_ballot(procedure: Procedure, ballots: Sequence[Ballot]) -> Tally:
    discusses = [b for b in ballots if b.position == "discuss"]
    blocking = [b.voter for b in discusses if not b.resolved]
    resolved = [b.voter for b in discusses if b.resolved]
    yes = _count(ballots, "yes")
    no_objection = _count(ballots, "no-objection") + len(resolved)
    abstain, recuse = _count(ballots, "abstain"), _count(ballots, "recuse")
    members = procedure.members or len(ballots)
    if len(ballots) > members:
        raise BallotError(f"{len(ballots)} ballots for {members} members")
    eligible = members - recuse
    threshold = procedure.threshold or Threshold(2, 3, strict=False)
    bar = Fraction(threshold.numerator, threshold.denominator) * eligible
    needed = math.floor(bar) + 1 if threshold.strict else math.ceil(bar)
    support = yes + no_objection
    adopted = not blocking and yes >= 1 and support >= needed
    if blocking:
        summary = f"Blocked by unresolved Discuss from {', '.join(blocking)}."
    else:
        summary = (
            f"{support} Yes or No Objection of {needed} needed "
            f"({threshold} of {eligible} not recused); {yes} Yes."
        )
    return Tally(
        procedure.name,
        "iesg-ballot",
        adopted,
        summary,
        {
            "members": members,
            "yes": yes,
            "no_objection": no_objection,
            "discuss_unresolved": blocking,
            "discuss_resolved": resolved,
            "abstain": abstain,
            "recuse": recuse,
            "eligible": eligible,
            "threshold": str(threshold),
            "needed": needed,
            "support": support,
        },
    )
