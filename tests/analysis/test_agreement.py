"""Group-aware agreement: the counts, Polis's tests, and the verdicts they lead to. The tests of
the arithmetic pass ``minimum=1`` (every group shown); the small-group rule has its own below."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from roundtable.analysis.agreement import (
    AGREE,
    DISAGREE,
    OTHER,
    PASS,
    Z_90,
    GroupTally,
    Vote,
    assess,
    prop_test,
    tally,
    two_prop_test,
)
from roundtable.analysis.agreement_clusters import opinion_groups
from roundtable.analysis.balance import MIN_CELL

GROUPS = {f"{g}{i}": g for g in ("gov", "cs", "biz") for i in range(5)}


def votes_for(statement: str, by_group: dict[str, list[int]]) -> list[Vote]:
    return [
        Vote(f"{group}{i}", statement, value)
        for group, values in by_group.items()
        for i, value in enumerate(values)
    ]


def test_polis_tests_match_their_formulas():
    # stats.clj: prop-test adds one to both counts; 3 of 3 -> 2*sqrt(4)*(4/4 - 1/2) = 2
    assert prop_test(3, 3) == 2.0
    assert prop_test(0, 0) == 2 * math.sqrt(1) * (1 / 1 - 0.5)
    assert prop_test(1, 4) < 0
    # two-prop-test: 4 of 4 inside against 0 of 4 outside
    z = two_prop_test(4, 0, 4, 4)
    p1, p2, pooled = 5 / 5, 1 / 5, 6 / 10
    assert math.isclose(z, (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / 5 + 1 / 5)))
    assert two_prop_test(4, 4, 4, 4) == 0.0  # everyone agrees: pooled share 1


def test_tally_counts_passes_as_seen_and_skips_the_undeclared():
    votes = [Vote("gov0", "s", AGREE), Vote("gov1", "s", PASS), Vote("nobody", "s", AGREE)]
    found = tally(votes, GROUPS)["s"]
    assert found == {"gov": GroupTally("gov", agreed=1, disagreed=0, seen=2)}
    assert found["gov"].passed == 1
    assert found["gov"].p_agree == 2 / 4


def test_every_group_agreeing_is_common_ground():
    votes = votes_for(
        "s", {"gov": [AGREE] * 4, "cs": [AGREE] * 5, "biz": [AGREE, AGREE, AGREE, PASS]}
    )
    (found,) = assess(["s"], votes, GROUPS, group_order=["gov", "biz", "cs"], minimum=1)
    assert found.verdict == "agree"
    assert [t.group for t in found.tallies] == ["gov", "biz", "cs"]
    assert math.isclose(found.consensus_agree, (5 / 6) * (4 / 6) * (6 / 7))
    assert found.distinct == ()


def test_one_group_against_divides_and_stands_apart():
    votes = votes_for("s", {"gov": [DISAGREE] * 5, "cs": [AGREE] * 5, "biz": [AGREE] * 4 + [PASS]})
    (found,) = assess(["s"], votes, GROUPS)
    assert found.verdict == "divided"
    assert ("gov", "disagree") in {(g, side) for g, side, _ in found.distinct}
    assert all(z > Z_90 for _, _, z in found.distinct)
    # The product falls when one group disagrees, however many others agree.
    assert found.consensus_agree < 1 / 6


def test_too_few_votes_stay_open():
    votes = votes_for("s", {"gov": [AGREE], "cs": [PASS]})
    found, _ = assess(["s", "unseen"], votes, GROUPS, minimum=1)
    assert found.verdict == "open"
    unseen = assess(["unseen"], votes, GROUPS, minimum=1)[0]
    assert unseen.verdict == "open" and unseen.tallies == () and unseen.seen == 0


def test_one_group_alone_is_not_agreement_across_groups():
    (found,) = assess(["s"], votes_for("s", {"gov": [AGREE] * 5}), GROUPS)
    assert found.verdict == "open"


@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(GROUPS)), st.sampled_from("abc"), st.sampled_from([1, -1, 0])
        ),
        max_size=60,
    )
)
def test_counts_add_up_and_verdicts_follow_the_stances(raw):
    # One vote per participant and statement, the last one counting, as the app keeps them.
    latest = {(p, s): v for p, s, v in raw}
    votes = [Vote(p, s, v) for (p, s), v in latest.items()]
    for found in assess("abc", votes, GROUPS, minimum=1):
        mine = [v for v in votes if v.statement == found.statement]
        assert found.seen == len(mine)
        assert sum(t.agreed for t in found.tallies) == sum(v.value == AGREE for v in mine)
        stances = {t.stance for t in found.tallies}
        if found.verdict == "divided":
            assert {"agree", "disagree"} <= stances
        if found.verdict in ("agree", "disagree"):
            assert stances == {found.verdict} and len(found.tallies) > 1
        assert 0 <= found.consensus_agree <= 1


def test_opinion_groups_find_the_two_camps_and_count_them_by_group():
    votes = []
    for i, p in enumerate(sorted(GROUPS)):
        side = AGREE if GROUPS[p] == "cs" or (GROUPS[p] == "gov" and i % 5 < 2) else DISAGREE
        votes += [Vote(p, s, side) for s in "abcd"]
    found = opinion_groups(votes, GROUPS, minimum=1)
    assert [len(g.members) for g in found] == [8, 7]
    assert dict(found[0].by_group) == {"biz": 5, "gov": 3}
    assert dict(found[1].by_group) == {"cs": 5, "gov": 2}
    # Order does not matter.
    assert opinion_groups(list(reversed(votes)), GROUPS, minimum=1) == found
    # With the small-group rule, 3 and 2 government members are too few to show: each is summed
    # with the other group of its opinion group (the total is shown, so hiding them alone would
    # not hide them).
    private = opinion_groups(votes, GROUPS)
    assert [g.by_group for g in private] == [((OTHER, 8),), ((OTHER, 7),)]


def test_opinion_groups_need_enough_people_and_some_disagreement():
    assert opinion_groups(votes_for("a", {"gov": [AGREE] * 3}), GROUPS) == ()
    alike = [Vote(p, s, AGREE) for p in GROUPS for s in "ab"]
    assert opinion_groups(alike, GROUPS) == ()


def test_a_one_voter_group_is_not_shown_and_not_in_the_verdict():
    votes = votes_for("s", {"gov": [AGREE] * 5, "cs": [AGREE] * 5, "biz": [DISAGREE]})
    (found,) = assess(["s"], votes, GROUPS)
    assert [t.group for t in found.tallies] == ["cs", "gov"]
    # Over the groups shown: common ground; the lone dissent neither shows nor divides.
    assert found.verdict == "agree" and found.distinct == ()
    assert math.isclose(found.consensus_agree, (6 / 7) ** 2)


def test_small_groups_are_summed_when_the_sum_reaches_the_minimum():
    votes = votes_for(
        "s", {"gov": [AGREE] * 5, "cs": [DISAGREE, DISAGREE, AGREE], "biz": [DISAGREE] * 2}
    )
    (found,) = assess(["s"], votes, GROUPS)
    assert [(t.group, t.agreed, t.disagreed, t.seen) for t in found.tallies] == [
        ("gov", 5, 0, 5),
        (OTHER, 1, 4, 5),
    ]
    assert found.verdict == "divided"  # the fold is one of the tallies the verdict reads


@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(GROUPS)), st.sampled_from("ab"), st.sampled_from([1, -1, 0])
        ),
        max_size=40,
    )
)
def test_no_group_under_the_minimum_is_ever_shown_or_judged(raw):
    latest = {(p, s): v for p, s, v in raw}
    votes = [Vote(p, s, v) for (p, s), v in latest.items()]
    for found in assess("ab", votes, GROUPS):
        per_group = tally(votes, GROUPS).get(found.statement, {})
        small = {g for g, t in per_group.items() if t.seen < MIN_CELL}
        shown = list(found.tallies)
        assert all(t.seen >= MIN_CELL for t in shown)
        assert not small & {t.group for t in shown}
        assert not small & {g for g, _side, _z in found.distinct}
        big = {g for g in per_group if g not in small}
        folded = [t for t in shown if t.group == OTHER]
        # Everything shown is accounted for: the big groups as counted, the fold as the small sum.
        assert {t.group for t in shown} - {OTHER} == big
        if folded:
            assert folded[0].seen == sum(per_group[g].seen for g in small)
        stances = {t.stance for t in shown}
        if found.verdict == "divided":
            assert {"agree", "disagree"} <= stances
        if found.verdict in ("agree", "disagree"):
            assert stances == {found.verdict}
