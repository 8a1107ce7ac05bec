"""GNSO Council votes as the Council counts them: thresholds by House, the stakeholder-group
condition, quorum, absentee ballots and their window, proxies and temporary alternates.

Each test names its source (see also the preset's header and docs/sources/presets.md).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from roundtable.modalities import Ballot, BallotError, load_modality, tally
from roundtable.modalities.model import Procedure

GNSO = load_modality("icann-gnso-council")
CLOSED = datetime(2026, 11, 5, 14, 0, tzinfo=UTC)

# A full Council: 7 contracted (3 RySG, 3 RrSG, 1 NomCom), 13 non-contracted (6 CSG, 6 NCSG,
# 1 NomCom). Voter ids say where they sit.
SEATS = (
    [("contracted", "rysg")] * 3 + [("contracted", "rrsg")] * 3 + [("contracted", None)]
    + [("non-contracted", "csg")] * 6 + [("non-contracted", "ncsg")] * 6
    + [("non-contracted", None)]
)  # fmt: skip


def proc(name: str) -> Procedure:
    found = GNSO.procedure(name)
    assert found is not None
    return found


def council(yes: set[int], absent: frozenset[int] = frozenset(), **how: Ballot) -> list[Ballot]:
    """One ballot per seat index not absent: yes for those in `yes`, no for the others."""
    out = []
    for index, (house, group) in enumerate(SEATS):
        if index in absent:
            continue
        voter = f"{house}-{group or 'nomcom'}-{index}"
        out.append(Ballot(voter, "yes" if index in yes else "no", house, group=group))
    return out + list(how.values())


def houses(contracted_yes: int, non_yes: int) -> set[int]:
    return set(range(contracted_yes)) | set(range(7, 7 + non_yes))


@pytest.mark.parametrize("name", ["supermajority", "terminate-pdp", "pdp-initiation-out-of-scope"])
def test_supermajority_procedures_pass_by_three_quarters_of_one_house(name: str) -> None:
    # Bylaws Art. X 3.9(c), gnso-ppsc-pdp list 8 Apr 2010: "Initiate a PDP Not Within Scope:
    # ... more than 75% of one House and a majority of the other House ('GNSO Supermajority')";
    # terminate a PDP: "upon a motion that passes with a GNSO Supermajority Vote" (GNSO
    # improvements list, 20 Jun 2012).
    assert tally(proc(name), council(houses(6, 7)), closed_at=CLOSED).adopted
    assert not tally(proc(name), council(houses(4, 9)), closed_at=CLOSED).adopted


def test_pdp_approval_needs_three_of_the_four_stakeholder_groups() -> None:
    # Issue 12: "majority of each House plus one representative from three of the four
    # Stakeholder Groups". Source NOT FOUND (docs/sources/presets.md); modelled as stated.
    # 4/7 (RySG x3, RrSG x1) and 7/13 (CSG x6, NCSG x1): four groups say yes.
    result = tally(proc("pdp-approval"), council(houses(4, 7)), closed_at=CLOSED)
    assert result.adopted
    groups = {g["group"]: g["supporting"] for g in result.arithmetic["stakeholder_groups"]}  # type: ignore[union-attr]
    assert groups == {"rysg": True, "rrsg": True, "csg": True, "ncsg": True}
    # A majority of each House from two groups only (RySG + RrSG-less: 3 RySG + NomCom; CSG x6
    # + NomCom): no.
    two = {0, 1, 2, 6} | set(range(7, 13)) | {19}
    refused = tally(proc("pdp-approval"), council(two), closed_at=CLOSED)
    assert not refused.adopted
    alternative = refused.arithmetic["alternatives"][0]  # type: ignore[index]
    assert alternative["groups"] == 3 and alternative["groups_supporting"] == ["rysg", "csg"]


def test_a_stakeholder_group_sits_in_its_own_house() -> None:
    # ICANN Bylaws 11.3: RySG and RrSG make the Contracted Parties House.
    with pytest.raises(BallotError, match="sits in contracted"):
        tally(proc("pdp-approval"), [Ballot("x", "yes", "non-contracted", group="rysg")])


def test_a_vote_below_quorum_is_not_valid() -> None:
    # GNSO Secretariat quoting the Operating Procedures (council list, 29 Jul 2013): "A quorum
    # is a majority of voting members in each House".
    present = council(set(range(7, 17)), absent=frozenset({3, 4, 5, 6}))  # 3 of 7 contracted
    result = tally(proc("pdp-initiation"), present, closed_at=CLOSED)
    assert not result.adopted
    check = result.arithmetic["quorum_check"]
    assert check["rule"] == "pdp-initiation/quorum" and check["met"] is False  # type: ignore[index]
    assert [a["met"] for a in result.arithmetic["alternatives"]] == [False, True]  # type: ignore[union-attr]
    assert result.summary.startswith("No quorum (pdp-initiation/quorum)")


def test_quorum_needs_a_member_of_each_stakeholder_group() -> None:
    # Same source: "which must include at least one member of each Stakeholder Group".
    no_ncsg = council(houses(5, 7), absent=frozenset(range(13, 19)))
    result = tally(proc("pdp-approval"), no_ncsg, closed_at=CLOSED)
    assert result.arithmetic["quorum_check"]["groups_missing"] == ["ncsg"]  # type: ignore[index]
    assert not result.adopted


def test_absentee_ballot_counts_inside_72_hours_and_is_refused_after() -> None:
    # Operating Procedures as quoted 29 Jul 2013: "Absentee ballots ... shall be 72 hours from
    # the meeting's adjournment"; "absentee voting does not affect quorum requirements".
    inside = Ballot(
        "absent-rrsg", "yes", "contracted", group="rrsg", via="absentee",
        cast_at=CLOSED + timedelta(hours=71),
    )  # fmt: skip
    late = Ballot(
        "absent-rrsg", "yes", "contracted", group="rrsg", via="absentee",
        cast_at=CLOSED + timedelta(hours=72),
    )  # fmt: skip
    base = council(houses(3, 7), absent=frozenset({5}))  # 3/7 yes: one short
    counted = tally(proc("pdp-approval"), [*base, inside], closed_at=CLOSED)
    assert counted.adopted
    assert counted.arithmetic["absentee"]["counted"] == ["absent-rrsg"]  # type: ignore[index]
    refused = tally(proc("pdp-approval"), [*base, late], closed_at=CLOSED)
    assert not refused.adopted
    [why] = refused.arithmetic["refused"]  # type: ignore[misc]
    assert why["rule"] == "pdp-approval/absentee-window" and why["hours"] == 72
    # Absentee ballots do not make a quorum: 3 present of 7 plus 1 absentee is no quorum.
    thin = council(houses(3, 7), absent=frozenset({3, 4, 5, 6}))
    absentee = Ballot("a", "yes", "contracted", group="rrsg", via="absentee", cast_at=CLOSED)
    assert not tally(proc("pdp-approval"), [*thin, absentee], closed_at=CLOSED).arithmetic[
        "quorum_check"
    ]["met"]  # type: ignore[index]


def test_absentee_ballots_only_where_the_procedure_takes_them() -> None:
    # ICANN Bylaws (2008) Art. X 3.8(c): absentee ballots for initiating a PDP, forwarding a
    # recommendation to the Board, or an election; not for every motion.
    absentee = Ballot("a", "yes", "contracted", via="absentee", cast_at=CLOSED)
    result = tally(proc("majority"), [*council(houses(3, 7), frozenset({5})), absentee])
    assert result.arithmetic["refused"][0]["rule"] == "majority/absentee-not-permitted"  # type: ignore[index]


def test_a_proxy_vote_counts_once_for_the_absent_member_and_records_who_cast_it() -> None:
    # GNSO Voting Remedy Notification Form: "For proxy, the substitute must be a sitting GNSO
    # Councilor"; Operating Procedures (quoted 2013): an absent member "does not count toward
    # quorum even if a proxy has been established".
    base = council(houses(3, 7), absent=frozenset({5}))
    proxied = Ballot(
        "contracted-rrsg-5", "yes", "contracted", group="rrsg", via="proxy", cast_by="rrsg-4"
    )
    result = tally(proc("pdp-approval"), [*base, proxied], closed_at=CLOSED)
    assert result.adopted
    assert result.arithmetic["stand_ins"] == [  # type: ignore[comparison-overlap]
        {"voter": "contracted-rrsg-5", "via": "proxy", "cast_by": "rrsg-4"}
    ]
    present = result.arithmetic["quorum_check"]["present"]  # type: ignore[index]
    assert present[0] == {"chamber": "contracted", "present": 6, "seats": 7}
    # Once: the member's own ballot and the proxy's are one voter voting twice.
    own = Ballot("contracted-rrsg-5", "no", "contracted", group="rrsg")
    with pytest.raises(BallotError, match="voted twice"):
        tally(proc("pdp-approval"), [*base, own, proxied])


def test_a_temporary_alternate_counts_toward_quorum() -> None:
    # Operating Procedures (quoted 2013): "A Temporary Alternate ... if present, would count
    # toward quorum".
    thin = council(houses(3, 7), absent=frozenset({3, 4, 5, 6}))
    alternate = Ballot("contracted-rrsg-4", "yes", "contracted", group="rrsg", via="alternate",
                       cast_by="alt")  # fmt: skip
    result = tally(proc("pdp-approval"), [*thin, alternate], closed_at=CLOSED)
    assert result.arithmetic["quorum_check"]["met"] is True  # type: ignore[index]
