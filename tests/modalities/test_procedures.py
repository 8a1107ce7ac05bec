"""Adoption procedures, table-driven from the real rules (ICANN Bylaws 11.3(i), RFC 7282, IESG)."""

from __future__ import annotations

import pytest

from roundtable.modalities import Ballot, BallotError, Procedure, load_modality, tally
from roundtable.modalities.model import Threshold


def council(name: str) -> Procedure:
    procedure = load_modality("icann-gnso-council").procedure(name)
    assert procedure is not None
    return procedure


def house_votes(cph_yes: int, ncph_yes: int) -> list[Ballot]:
    return [Ballot(f"c{i}", "yes" if i < cph_yes else "no", "contracted") for i in range(7)] + [
        Ballot(f"n{i}", "yes" if i < ncph_yes else "no", "non-contracted") for i in range(13)
    ]


@pytest.mark.parametrize(
    ("cph", "ncph", "met"),
    [
        (5, 9, True),  # two thirds of each house
        (6, 7, True),  # three quarters of one, majority of the other
        (4, 10, True),  # majority of one, three quarters of the other
        (4, 9, False),  # neither: 4/7 < 2/3 and 9/13 < 3/4
        (7, 6, False),  # 6/13 is not a majority of the other house
        (5, 8, False),  # 8/13 < 2/3 and 5/7 < 3/4
        (7, 13, True),
        (0, 0, False),
    ],
)
def test_gnso_supermajority(cph: int, ncph: int, met: bool) -> None:
    result = tally(council("supermajority"), house_votes(cph, ncph))
    assert result.adopted is met
    assert result.outcome == ("adopted" if met else "not-adopted")
    shares = {c["chamber"]: c["yes_share"] for c in result.arithmetic["chambers"]}  # type: ignore[attr-defined]
    assert shares == {"contracted": f"{cph}/7", "non-contracted": f"{ncph}/13"}


@pytest.mark.parametrize(
    ("cph", "ncph", "met"),
    [(4, 7, True), (3, 13, False), (7, 6, False), (4, 6, False), (7, 13, True)],
)
def test_gnso_simple_majority_of_each_house(cph: int, ncph: int, met: bool) -> None:
    assert tally(council("majority"), house_votes(cph, ncph)).adopted is met


@pytest.mark.parametrize(
    ("cph", "ncph", "met"),
    [
        (3, 5, True),  # more than a third of each (3/7 > 1/3, 5/13 > 1/3)
        (3, 4, False),  # 4/13 is not more than a third, and neither house is over two thirds
        (5, 0, True),  # more than two thirds of one house (5/7)
        (0, 9, True),  # 9/13 > 2/3
        (2, 8, False),  # 2/7 < 1/3; 8/13 < 2/3
        (4, 4, False),
    ],
)
def test_gnso_pdp_initiation(cph: int, ncph: int, met: bool) -> None:
    assert tally(council("pdp-initiation"), house_votes(cph, ncph)).adopted is met


def test_chamber_vote_rejects_bad_ballots() -> None:
    with pytest.raises(BallotError, match="chamber"):
        tally(council("majority"), [Ballot("x", "yes", "third-house")])
    with pytest.raises(BallotError, match="twice"):
        tally(council("majority"), [Ballot("x", "yes", "contracted")] * 2)
    with pytest.raises(BallotError, match="8 ballots"):
        tally(council("majority"), [Ballot(f"c{i}", "yes", "contracted") for i in range(8)])
    with pytest.raises(BallotError, match="position"):
        tally(council("majority"), [Ballot("x", "maybe", "contracted")])


def _ietf(name: str) -> Procedure:
    procedure = load_modality("ietf-wg").procedure(name)
    assert procedure is not None
    return procedure


def test_rough_consensus_every_objection_addressed() -> None:
    rough = _ietf("rough-consensus")
    unaddressed = [
        Ballot("a", "support"),
        Ballot("b", "support"),
        Ballot("c", "object", addressed=True),
        Ballot("d", "object", addressed=False),
    ]
    result = tally(rough, unaddressed)
    assert not result.adopted
    assert result.arithmetic["unaddressed"] == ["d"]
    # The chair cannot call rough consensus over an unaddressed objection.
    assert not tally(rough, unaddressed, designation="rough-consensus").adopted
    # Not a majority count: more objectors than supporters, all addressed, is rough consensus.
    addressed = [Ballot("a", "support")] + [
        Ballot(f"o{i}", "object", addressed=True) for i in range(3)
    ]
    result = tally(rough, addressed)
    assert result.adopted and result.arithmetic["addressed"] == ["o0", "o1", "o2"]
    # The chair's judgement is recorded, and may find no consensus.
    judged = tally(rough, addressed, designation="no-rough-consensus")
    assert not judged.adopted and judged.arithmetic["chair_judgement"] == "no-rough-consensus"


@pytest.mark.parametrize(
    ("positions", "adopted", "blocking"),
    [
        (["yes"] + ["no-objection"] * 9, True, []),  # 10 of 15: two thirds
        (["yes"] + ["no-objection"] * 8, False, []),  # 9 < 10
        (["yes"] + ["no-objection"] * 11 + ["discuss"], False, ["ad12"]),
        (["no-objection"] * 12, False, []),  # no Yes at all
        (["yes"] + ["no-objection"] * 8 + ["recuse"] * 2, True, []),  # 9 of 13 needed 9
    ],
)
def test_iesg_ballot(positions: list[str], adopted: bool, blocking: list[str]) -> None:
    ballots = [Ballot(f"ad{i}", p) for i, p in enumerate(positions)]
    result = tally(_ietf("iesg-approval"), ballots)
    assert result.adopted is adopted
    assert result.arithmetic["discuss_unresolved"] == blocking


def test_iesg_resolved_discuss_no_longer_blocks() -> None:
    ballots = [Ballot("ad0", "yes")] + [Ballot(f"ad{i}", "no-objection") for i in range(1, 9)]
    ballots.append(Ballot("ad9", "discuss", resolved=True))
    result = tally(_ietf("iesg-approval"), ballots)
    assert result.adopted
    assert result.arithmetic["discuss_resolved"] == ["ad9"]


def test_omov_quorum_and_threshold() -> None:
    omov = Procedure(
        name="assembly",
        kind="omov",
        electorate=10,
        quorum=Threshold(1, 2, strict=False),
        threshold=Threshold(1, 2, strict=True),
    )

    def vote(yes: int, no: int, abstain: int) -> bool:
        ballots = (
            [Ballot(f"y{i}", "yes") for i in range(yes)]
            + [Ballot(f"n{i}", "no") for i in range(no)]
            + [Ballot(f"a{i}", "abstain") for i in range(abstain)]
        )
        return tally(omov, ballots).adopted

    assert vote(3, 1, 1)  # 5 of 10 meets a quorum of half; 3 of 4 for or against
    assert not vote(3, 1, 0)  # 4 of 10: no quorum
    assert not vote(3, 3, 2)  # a tie is not more than half
    assert vote(3, 2, 5)  # abstentions count for the quorum only
    with pytest.raises(BallotError):
        vote(6, 5, 0)  # 11 ballots from 10 members


# GNSO Working Group Guidelines (GNSO Operating Procedures, Annex 1), section 3.6 "Standard
# Methodology for Making Decisions", text of 1 Sep 2016 quoted in full by ICANN staff,
# http://mm.icann.org/pipermail/gnso-bylaws-dt/2016-September/000040.html : "The Chair will be
# responsible for designating each position as having one of the following designations: Full
# consensus ... Consensus ... Strong support but significant opposition ... Divergence ...
# Minority View". The levels are defined in words; no numeric threshold appears
# (docs/sources/presets.md, icann-gnso-pdp-wg, first row). The chair's designation is the level.


def _positions(support: int, objections: int, abstentions: int = 0) -> list[Ballot]:
    return (
        [Ballot(f"s{i}", "support") for i in range(support)]
        + [Ballot(f"o{i}", "object") for i in range(objections)]
        + [Ballot(f"a{i}", "abstain") for i in range(abstentions)]
    )


def _wg() -> Procedure:
    wg = load_modality("icann-gnso-pdp-wg").procedure("wg-consensus")
    assert wg is not None and wg.levels == "gnso"
    return wg


@pytest.mark.parametrize(
    ("support", "objections", "abstentions"),
    [(10, 0, 0), (9, 1, 0), (6, 4, 0), (5, 5, 0), (1, 0, 20), (0, 0, 0)],
)
def test_gnso_levels_are_not_derived_from_shares(
    support: int, objections: int, abstentions: int
) -> None:
    # GNSO WG Guidelines 3.6 (source above): no percentage defines a level, so the positions
    # suggest none; without the chair's designation the level is not designated and nothing is
    # adopted. One support and twenty abstentions never reads as "full consensus".
    result = tally(_wg(), _positions(support, objections, abstentions))
    a = result.arithmetic
    assert not result.adopted
    assert a["level"] is None and a["designated_level"] is None
    assert "derived_level" not in a and "support_share" not in a
    assert (a["support"], a["object"], a["abstain"]) == (support, objections, abstentions)
    assert a["minority"] == [f"o{i}" for i in range(objections)]
    assert "full-consensus" not in result.summary
    assert result.summary.startswith("No level designated: the chair designates the level")


@pytest.mark.parametrize(
    ("designation", "adopted"),
    [
        ("full-consensus", True),
        ("consensus", True),
        ("strong-support", False),
        ("divergence", False),
    ],
)
def test_gnso_the_chairs_designation_is_the_level(designation: str, adopted: bool) -> None:
    # GNSO WG Guidelines 3.6 (source above): "The Chair will be responsible for designating each
    # position"; the preset adopts at Full consensus or Consensus. Objectors are kept for the
    # Minority View whatever the level.
    ballots = _positions(1, 2, 3)
    result = tally(_wg(), ballots, designation=designation)
    assert (result.arithmetic["level"], result.adopted) == (designation, adopted)
    assert result.arithmetic["designated_level"] == designation
    assert result.arithmetic["minority"] == ["o0", "o1"]
    assert "designated by the chair" in result.summary


def test_gnso_designation_must_be_a_gnso_level() -> None:
    with pytest.raises(BallotError, match="not one of full-consensus, consensus"):
        tally(_wg(), _positions(3, 0), designation="unanimity")
    with pytest.raises(BallotError):
        tally(_wg(), _positions(3, 0), designation="no-consensus")  # a plain level, not GNSO's


def test_plain_consensus_levels_unchanged() -> None:
    # levels: plain (ITU WTPF, CWG): consensus unless an objection is maintained.
    wtpf = load_modality("itu-wtpf").adoption_procedure("adoption")
    assert wtpf is not None and wtpf.levels == "plain"
    clear = tally(wtpf, _positions(2, 0, 5))
    assert clear.adopted and clear.arithmetic["derived_level"] == "consensus"
    blocked = tally(wtpf, _positions(20, 1))
    assert not blocked.adopted and blocked.arithmetic["level"] == "no-consensus"


def test_itu_consensus_blocked_by_one_objection() -> None:
    wtpf = load_modality("itu-wtpf").adoption_procedure("adoption")
    assert wtpf is not None
    assert tally(wtpf, [Ballot("a", "support"), Ballot("b", "support")]).adopted
    assert not tally(wtpf, [Ballot("a", "support"), Ballot("b", "object")]).adopted


def test_no_procedure_adopts_nothing() -> None:
    none = Procedure(name="none", kind="none")
    assert not tally(none, [Ballot("a", "yes")]).adopted
