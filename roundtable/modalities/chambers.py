"""Chamber votes (GNSO Council houses): yes votes as a share of each chamber's seats, tested
against alternatives, with the rules that make a vote valid and say which ballots count.

Beside the thresholds (``each`` chamber, or ``one`` chamber and the ``other``), a procedure
may declare (ICANN Bylaws 11.3(i); GNSO Operating Procedures chapter 4, see the preset):

- ``stakeholder_groups``: an alternative may need at least ``groups`` of them with a member
  voting yes ("one representative from three of the four Stakeholder Groups");
- ``quorum``: the share of each chamber's seats present at the meeting, and at least one member
  of each stakeholder group. Absentee ballots and proxies do not make their member present; a
  temporary alternate does. A vote without quorum is not valid: nothing is adopted;
- ``absentee_hours``: an absentee ballot counts when cast before the vote's close plus these
  hours, and is refused (listed, with the rule) after;
- ``stand_ins``: ``proxy`` and/or ``alternate`` may cast an absent member's vote. The vote is
  counted once, for the member, and records who cast it.

Every such check is reported as data, ``{"rule": "<procedure>/<check>", "met": ...}``, so a
reader can say in any language which rule decided and why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from fractions import Fraction

from roundtable.modalities.ballots import Ballot, BallotError, Tally
from roundtable.modalities.model import Alternative, Procedure, Threshold

#: Ballots that do not make their member present for quorum (Operating Procedures: "An absent
#: Council member does not count toward quorum even if a proxy has been established").
NOT_PRESENT = ("absentee", "proxy")


def meets(value: Fraction, threshold: Threshold) -> bool:
    bar = Fraction(threshold.numerator, threshold.denominator)
    return value > bar if threshold.strict else value >= bar


def absentee_deadline(procedure: Procedure, closed_at: datetime | None) -> datetime | None:
    """When absentee ballots stop counting (None: the procedure takes none, or no close yet)."""
    if procedure.absentee_hours is None or closed_at is None:
        return None
    return closed_at + timedelta(hours=procedure.absentee_hours)


def refusal(
    procedure: Procedure, ballot: Ballot, closed_at: datetime | None
) -> dict[str, object] | None:
    """Why this ballot is not counted (its rule and words), or None when it counts."""
    base = {"voter": ballot.voter, "via": ballot.via, "cast_by": ballot.cast_by}
    if ballot.via == "absentee":
        if procedure.absentee_hours is None:
            return {
                **base,
                "rule": f"{procedure.name}/absentee-not-permitted",
                "reason": f"{procedure.name} takes no absentee ballots",
            }
        deadline = absentee_deadline(procedure, closed_at)
        if deadline is not None and (ballot.cast_at is None or ballot.cast_at >= deadline):
            return {
                **base,
                "rule": f"{procedure.name}/absentee-window",
                "reason": f"absentee ballots count until {deadline.isoformat()}",
                "deadline": deadline.isoformat(),
                "hours": procedure.absentee_hours,
            }
    elif ballot.via in ("proxy", "alternate") and ballot.via not in procedure.stand_ins:
        return {
            **base,
            "rule": f"{procedure.name}/{ballot.via}-not-permitted",
            "reason": f"{procedure.name} takes no vote cast by a {ballot.via}",
        }
    return None


def _alternative_met(
    alt: Alternative, shares: Mapping[str, Fraction], supporting: Sequence[str]
) -> dict[str, object]:
    """Whether one alternative is met: its test as text, and as data (``each``/``one``/
    ``other`` thresholds, ``groups`` needed, ``by`` the chamber that met ``one``)."""
    names = list(shares)
    data: dict[str, object] = {
        key: str(value)
        for key, value in (("each", alt.each), ("one", alt.one), ("other", alt.other))
        if value is not None
    }
    groups_ok = True
    suffix = ""
    if alt.groups is not None:
        data["groups"] = alt.groups
        data["groups_supporting"] = list(supporting)
        groups_ok = len(supporting) >= alt.groups
        suffix = f" and a yes from {alt.groups} stakeholder groups"
    if alt.each is not None:
        ok = all(meets(shares[c], alt.each) for c in names)
        return {"test": f"each chamber {alt.each}{suffix}", "met": ok and groups_ok, **data}
    if alt.one is None:
        return {"test": "no test", "met": False}
    text = f"one chamber {alt.one}" + (f" and the other(s) {alt.other}" if alt.other else "")
    text += suffix
    for chamber in names:
        if meets(shares[chamber], alt.one) and (
            alt.other is None or all(meets(shares[c], alt.other) for c in names if c != chamber)
        ):
            met = groups_ok
            return {"test": f"{text} (one = {chamber})", "met": met, **data, "by": chamber}
    return {"test": text, "met": False, **data}


def _check_groups(procedure: Procedure, ballots: Sequence[Ballot]) -> dict[str, str]:
    houses = dict(procedure.stakeholder_groups)
    for ballot in ballots:
        # Groups matter only to a procedure that declares them.
        if ballot.group is None or not houses:
            continue
        if ballot.group not in houses:
            raise BallotError(
                f"{ballot.voter}: stakeholder group {ballot.group!r} is not one of "
                f"{', '.join(houses) or 'none declared'}"
            )
        if houses[ballot.group] != ballot.chamber:
            raise BallotError(
                f"{ballot.voter}: stakeholder group {ballot.group} sits in "
                f"{houses[ballot.group]}, not {ballot.chamber}"
            )
    return houses


def _quorum(
    procedure: Procedure, counted: Sequence[Ballot], seats: Mapping[str, int]
) -> dict[str, object] | None:
    if procedure.quorum is None:
        return None
    present = [b for b in counted if b.via not in NOT_PRESENT]
    per_chamber = {c: sum(1 for b in present if b.chamber == c) for c in seats}
    houses_ok = all(meets(Fraction(per_chamber[c], seats[c]), procedure.quorum) for c in seats)
    groups = [g for g, _house in procedure.stakeholder_groups]
    groups_present = sorted({b.group for b in present if b.group in groups})
    missing = [g for g in groups if g not in groups_present]
    met = houses_ok and not missing
    return {
        "rule": f"{procedure.name}/quorum",
        "met": met,
        "threshold": str(procedure.quorum),
        "present": [{"chamber": c, "present": per_chamber[c], "seats": seats[c]} for c in seats],
        "groups_present": groups_present,
        "groups_missing": missing,
    }


def chamber_vote(
    procedure: Procedure, ballots: Sequence[Ballot], *, closed_at: datetime | None = None
) -> Tally:
    seats = dict(procedure.chambers)
    for ballot in ballots:
        if ballot.chamber not in seats:
            raise BallotError(
                f"{ballot.voter}: chamber {ballot.chamber!r} is not one of {', '.join(seats)}"
            )
    houses = _check_groups(procedure, ballots)
    refused: list[dict[str, object]] = []
    counted: list[Ballot] = []
    for ballot in ballots:
        why = refusal(procedure, ballot, closed_at)
        if why is None:
            counted.append(ballot)
        else:
            refused.append(why)
    counts = {c: {"yes": 0, "no": 0, "abstain": 0} for c in seats}
    for ballot in counted:
        counts[str(ballot.chamber)][ballot.position] += 1
    for chamber, seat_count in seats.items():
        cast = sum(counts[chamber].values())
        if cast > seat_count:
            raise BallotError(f"{cast} ballots in chamber {chamber} of {seat_count} seats")
    shares = {c: Fraction(counts[c]["yes"], seats[c]) for c in seats}
    supporting = [g for g in houses if any(b.group == g and b.position == "yes" for b in counted)]
    alternatives = [_alternative_met(alt, shares, supporting) for alt in procedure.pass_if]
    quorum = _quorum(procedure, counted, seats)
    valid = quorum is None or bool(quorum["met"])
    adopted = valid and any(bool(a["met"]) for a in alternatives)
    per_chamber = [
        {
            "chamber": c,
            "seats": seats[c],
            **counts[c],
            "yes_share": f"{counts[c]['yes']}/{seats[c]}",
            "yes_share_decimal": round(float(shares[c]), 4),
        }
        for c in seats
    ]
    summary = "; ".join(f"{c} {counts[c]['yes']}/{seats[c]}" for c in seats)
    verdict = "met" if adopted else "not met"
    summary = f"{summary}: {procedure.name} {verdict} (yes votes of each chamber's seats)."
    if not valid:
        summary = f"No quorum ({quorum and quorum['rule']}): the vote is not valid. " + summary
    arithmetic: dict[str, object] = {
        "chambers": per_chamber,
        "alternatives": alternatives,
        "basis": "yes / seats",
    }
    if houses:
        arithmetic["stakeholder_groups"] = [
            {
                "group": g,
                "chamber": house,
                "yes": sum(1 for b in counted if b.group == g and b.position == "yes"),
                "supporting": g in supporting,
            }
            for g, house in houses.items()
        ]
    if quorum is not None:
        arithmetic["quorum_check"] = quorum
    if procedure.absentee_hours is not None or refused:
        deadline = absentee_deadline(procedure, closed_at)
        arithmetic["absentee"] = {
            "hours": procedure.absentee_hours,
            "deadline": deadline.isoformat() if deadline else None,
            "counted": [b.voter for b in counted if b.via == "absentee"],
        }
    stand_ins = [
        {"voter": b.voter, "via": b.via, "cast_by": b.cast_by}
        for b in counted
        if b.via in ("proxy", "alternate")
    ]
    if stand_ins:
        arithmetic["stand_ins"] = stand_ins
    if refused:
        arithmetic["refused"] = refused
    return Tally(procedure.name, "chamber-vote", adopted, summary, arithmetic)
