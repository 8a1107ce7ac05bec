"""Richer standing (issue 12, procedure 4): seat kinds, composition and term limits.

Each test cites the source of the rule it checks in a comment.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from roundtable.modalities import Context, ModalityError, Standing, decide, load_modality, load_text
from roundtable.modalities.composition import (
    Composition,
    admit,
    admit_term,
    consecutive_terms,
)
from roundtable.modalities.seats import Seat

MAG = "igf-mag"
IEG = "itu-wtpf-multistakeholder"


def _file(extra: str) -> str:
    return "modality: seats-test\nroles: [chair]\n" + extra


# --- seat kinds --------------------------------------------------------------------------------


def test_an_observer_attends_speaks_when_invited_and_does_not_decide() -> None:
    # IGF MAG Renewal 2022/2023 General guidance: treaty-based IGOs "can also hold observer
    # seats on the MAG"; an observer seat follows the work and takes no part in decisions.
    m = load_modality(MAG)
    igo = Standing(groups={"intergovernmental"}, roles={"igo-observer"})
    here = Context(phase="exchange-of-views")
    assert decide(m, right="attend", standing=igo, context=here).allowed
    refused = decide(m, right="speak", standing=igo, context=here)
    assert (refused.allowed, refused.rule) == (False, "igf-mag/igo-observer-waits-for-invitation")
    invited = Context(phase="exchange-of-views", facts={"invited-to-speak"})
    assert decide(m, right="speak", standing=igo, context=invited).allowed
    for right in ("decide", "vote"):
        d = decide(m, right=right, standing=igo, context=invited)
        assert (d.allowed, d.rule) == (False, "igf-mag/igo-observer-does-not-decide")


def test_a_liaison_speaks_and_does_not_vote() -> None:
    # ICANN Bylaws (GNSO Council liaisons, as quoted by the GNSO Secretariat, 20 Mar 2005):
    # liaisons "shall not be members of or entitled to vote on the GNSO Council, but otherwise
    # shall be entitled to participate on equal footing".
    m = load_text(
        _file(
            "seats: {liaison: {kind: liaison}}\n"
            "rules:\n  - id: chair-votes\n    permit: [vote]\n    who: {roles: [chair]}\n"
        )
    )
    liaison = Standing(roles={"liaison"})
    assert decide(m, right="speak", standing=liaison, context=Context()).allowed
    d = decide(m, right="vote", standing=liaison, context=Context())
    assert (d.allowed, d.rule) == (False, "seats-test/liaison-does-not-vote")


def test_a_file_may_not_give_an_observer_or_a_liaison_a_vote() -> None:
    # Same source: a liaison is not "entitled to vote"; the builder refuses the contradiction.
    with pytest.raises(ModalityError, match="does not vote or decide"):
        load_text(
            _file(
                "seats: {liaison: {kind: liaison}}\n"
                "rules:\n  - id: liaison-votes\n    permit: [vote]\n    who: {roles: [liaison]}\n"
            )
        )


def test_ex_officio_sits_without_a_vote_unless_the_seat_says_so() -> None:
    # IGF MAG & WG meetings page: agenda items by the Chair and the Host Country Co-Chair (the
    # co-chair sits by virtue of hosting; no vote: Tunis Agenda para 77, the IGF decides
    # nothing). A voting ex officio seat is the file's choice (`votes: true`).
    m = load_modality(MAG)
    co_chair = Standing(groups={"government"}, roles={"host-country-co-chair"})
    assert decide(m, right="attend", standing=co_chair, context=Context()).allowed
    d = decide(m, right="vote", standing=co_chair, context=Context())
    assert (d.allowed, d.rule) == (False, "igf-mag/host-country-co-chair-ex-officio-no-vote")
    voting = load_text(_file("seats: {treasurer: {kind: ex-officio, votes: true}}\n"))
    assert [r.id for r in voting.rules] == ["seats-test/treasurer-sits-ex-officio"]


def test_an_ex_officio_seat_has_no_term_limit_of_its_own() -> None:
    # An ex officio seat follows its office (seat kind ex-officio, seats.py).
    with pytest.raises(ModalityError, match="follows its office"):
        load_text(_file("seats: {co-chair: {kind: ex-officio, max_consecutive_terms: 2}}\n"))


def test_seats_declare_their_roles_and_are_inherited() -> None:
    # The WTPF-13 IEG seat is declared in its own block of itu-wtpf-multistakeholder.
    m = load_modality(IEG)
    assert "ieg-expert" in m.roles
    seat = m.seat("ieg-expert")
    assert seat is not None and seat.kind == "member"
    child = load_text("modality: child\nextends: itu-wtpf-multistakeholder\n")
    assert child.composition == m.composition and child.seat("ieg-expert") == seat


# --- composition -------------------------------------------------------------------------------


def test_mag_governments_hold_at_most_40_percent_of_40_seats() -> None:
    # IGF MAG Renewal 2022/2023 General guidance: "Members coming from the Government
    # stakeholder group may hold up to 40% of the total number of seats on the MAG";
    # About the MAG: "The MAG is comprised of 40 Members".
    limits = load_modality(MAG).composition
    assert limits is not None and limits.seats_for("government") == 16
    assert admit({"government": 15}, "government", limits).admitted
    refused = admit({"government": 16, "civil-society": 2}, "government", limits)
    assert (refused.admitted, refused.rule, refused.limit) == (
        False,
        "igf-mag/share-government",
        "share",
    )
    assert "40%" in refused.reason


def test_mag_other_groups_share_the_rest_equally() -> None:
    # Same guidance: "the remaining percentage shared equally across the three other
    # stakeholder groups, i.e. civil society, private sector and the technical community".
    limits = load_modality(MAG).composition
    assert limits is not None
    assert {g: limits.seats_for(g) for g in ("civil-society", "private-sector")} == {
        "civil-society": 8,
        "private-sector": 8,
    }
    assert not admit({"technical-community": 8}, "technical-community", limits).admitted


def test_a_full_room_refuses_with_the_capacity_rule() -> None:
    # ITU WTPF-13 Informal Experts Group: participation open "taking into account ... the need
    # to maintain a balanced group of experts, and also room and seating capacity".
    limits = load_modality(IEG).composition
    assert limits is not None and limits.capacity == 40
    full = {"government": 13, "private-sector": 13, "civil-society": 14}
    refused = admit(full, "academia", limits)
    assert (refused.admitted, refused.rule, refused.limit) == (
        False,
        "itu-wtpf-multistakeholder/capacity",
        "capacity",
    )


def test_balance_refuses_a_group_over_its_share_with_room_left() -> None:
    # Same source ("a balanced group of experts"); the third is an illustrative number.
    limits = load_modality(IEG).composition
    assert limits is not None
    refused = admit({"private-sector": 13}, "private-sector", limits)
    assert (refused.admitted, refused.rule) == (
        False,
        "itu-wtpf-multistakeholder/share-private-sector",
    )
    assert admit({"private-sector": 13}, "civil-society", limits).admitted


def test_admit_without_limits_and_groups_without_a_share() -> None:
    # A composition that names no share limits a group by the capacity alone (composition.py).
    open_room = Composition(modality="m", roles=("x",), capacity=3)
    assert admit({"a": 2}, "b", open_room).rule == "m/capacity"
    assert not admit({"a": 2, "b": 1}, "c", open_room).admitted
    assert admit({}, "a", Composition(modality="m")).limit == "none"


def test_shares_need_a_capacity_and_count_member_seats_only() -> None:
    # A share is a share of a number of seats (the MAG's 40 members).
    with pytest.raises(ModalityError, match="capacity"):
        load_text(
            _file(
                "seats: {member-seat: {kind: member}}\n"
                'composition: {seats: [member-seat], shares: {government: "40%"}}\n'
            )
        )
    with pytest.raises(ModalityError, match="only member seats"):
        load_text(
            _file("seats: {obs: {kind: observer}}\ncomposition: {seats: [obs], capacity: 5}\n")
        )


def test_share_fractions_and_percentages() -> None:
    m = load_text(
        _file(
            "seats: {s: {kind: member}}\n"
            'composition: {seats: [s], capacity: 10, shares: {government: "1/3", academia: "25%"}}\n'
        )
    )
    assert m.composition is not None
    assert dict(m.composition.shares) == {"government": Fraction(1, 3), "academia": Fraction(1, 4)}
    assert m.composition.seats_for("government") == 3


# --- term limits -------------------------------------------------------------------------------


def test_mag_members_serve_at_most_three_one_year_terms_in_a_row() -> None:
    # IGF MAG Renewal 2022/2023 General guidance: "Individual appointments are for a one
    # (1)-year term, with a maximum of three (3) consecutive terms".
    seat = load_modality(MAG).seat("mag-member")
    assert seat is not None and (seat.term_years, seat.max_consecutive_terms) == (1, 3)
    assert admit_term(MAG, seat, [2023, 2024], 2025).admitted
    refused = admit_term(MAG, seat, [2022, 2023, 2024], 2025)
    assert (refused.admitted, refused.rule, refused.limit) == (
        False,
        "igf-mag/mag-member-term-limit",
        "term",
    )
    # A year out breaks the run: 2021-2023, then 2025 again.
    assert admit_term(MAG, seat, [2021, 2022, 2023], 2025).admitted


def test_consecutive_terms_and_seats_without_limits() -> None:
    assert consecutive_terms([2020, 2022, 2023], 2024) == 2
    assert consecutive_terms([], 2024) == 0
    free = Seat(role="host-country", kind="member")
    assert admit_term(MAG, free, [2020, 2021, 2022, 2023], 2024).limit == "none"


def test_admission_as_json_names_the_rule() -> None:
    limits = Composition(modality="m", roles=("x",), capacity=1)
    data = admit({"a": 1}, "a", limits).to_json()
    assert data["rule"] == "m/capacity" and data["admitted"] is False


def test_gnso_council_liaisons_are_liaison_seats() -> None:
    # ICANN Bylaws Art. X 3.1, as quoted by the GNSO Secretariat (council list, 20 Mar 2005):
    # the GAC and ALAC liaisons "shall not be members of or entitled to vote on the GNSO
    # Council, but otherwise shall be entitled to participate on equal footing". The ccNSO
    # liaison (Bylaws 11.3(a)) is modelled the same way; its text was not found (preset header).
    m = load_modality("icann-gnso-council")
    seat = next(s for s in m.seats if s.role == "liaison")
    assert seat.kind == "liaison" and not seat.may_vote
    liaison = Standing(roles={"liaison"})
    talk = decide(m, right="speak", standing=liaison, context=Context(phase="exchange-of-views"))
    assert (talk.allowed, talk.rule) == (True, "icann-gnso-council/liaison-speaks")
    for right in ("vote", "decide"):
        d = decide(m, right=right, standing=liaison, context=Context(phase="adoption"))
        assert (d.allowed, d.rule) == (False, "icann-gnso-council/liaison-does-not-vote")
