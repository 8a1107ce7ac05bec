"""Decisions from the presets: the rules of real fora, with the rule that decided each."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from roundtable.modalities import (
    GROUPS,
    Context,
    Standing,
    UnknownRightError,
    decide,
    load_modality,
    load_text,
    preset_names,
)
from roundtable.modalities.seats import seat_rules

CS = Standing(groups={"civil-society"})
CS_ACCREDITED = Standing(groups={"civil-society"}, accredited=True)


def test_wtpf_denies_civil_society_the_floor_and_says_what_would_allow_it() -> None:
    wtpf = load_modality("itu-wtpf")
    d = decide(wtpf, right="speak", standing=CS, context=Context(phase="exchange-of-views"))
    assert not d.allowed
    assert d.rule == "itu-wtpf/default-deny"
    assert "no rule of itu-wtpf permits speak" in d.reason
    hints = {w.rule: w.standing for w in d.would_allow}
    assert hints["itu-wtpf/members-speak"] == "category member-state or sector-member"
    # Heads of delegation are members too: that stricter hint is folded into the broader one.
    assert "itu-wtpf/heads-of-delegation-speak" not in hints


def test_multistakeholder_wtpf_gives_accredited_civil_society_the_floor() -> None:
    ms = load_modality("itu-wtpf-multistakeholder")
    ctx = Context(phase="exchange-of-views")
    d = decide(ms, right="speak", standing=CS_ACCREDITED, context=ctx)
    assert d.allowed
    assert d.rule == "itu-wtpf-multistakeholder/stakeholders-participate"
    assert "accredited" in d.reason
    # Without accreditation: denied, and the hint names accreditation and the rule.
    d = decide(ms, right="speak", standing=CS, context=ctx)
    assert not d.allowed
    assert any(
        w.rule == "itu-wtpf-multistakeholder/stakeholders-participate"
        and "if accredited" in w.standing
        for w in d.would_allow
    )


def test_delegation_member_speaks_only_through_head_the_seed_case() -> None:
    """ "I had to join the US delegation ... and sit quietly as [the head] spoke for all of us"."""
    wtpf = load_modality("itu-wtpf")
    ctx = Context(phase="exchange-of-views")
    bill = Standing(groups={"civil-society"}, categories={"member-state"}, delegation="US")
    head = Standing(
        groups={"government"}, categories={"member-state"}, delegation="US", head_of_delegation=True
    )
    d = decide(wtpf, right="speak", standing=bill, context=ctx)
    assert d.allowed and d.rule == "itu-wtpf/members-speak"
    assert [(o.kind, o.value) for o in d.obligations] == [("through_head_of_delegation", True)]
    d = decide(wtpf, right="speak", standing=head, context=ctx)
    assert d.allowed and d.rule == "itu-wtpf/heads-of-delegation-speak"
    assert d.obligations == ()


def test_wtpf_amendments_only_to_existing_drafts_after_preparatory_period() -> None:
    wtpf = load_modality("itu-wtpf")
    member = Standing(categories={"sector-member"})
    drafting = decide(
        wtpf, right="propose_amendment", standing=member, context=Context(phase="drafting")
    )
    adoption = decide(
        wtpf, right="propose_amendment", standing=member, context=Context(phase="adoption")
    )
    assert drafting.allowed and drafting.obligations == ()
    assert adoption.allowed
    assert [o.kind for o in adoption.obligations] == ["existing_drafts_only"]
    # At the forum members still contribute, but on the Secretary-General's report
    # (Resolution 2 (Rev. Dubai, 2018): "contributions from participants based on that report").
    forum = decide(wtpf, right="submit_input", standing=member, context=Context(phase="adoption"))
    assert forum.allowed and forum.rule == "itu-wtpf/members-contribute-on-the-report"


# Tunis Agenda para 77: the IGF's outcomes are not decided. The MAG's programme is (MAG Terms
# of Reference, tasks 1 and 4; issue 12): only a MAG member, only in the programme phase.
PROGRAMME_DECISION = ("igf-mag", "programme", "mag-member")
# A dynamic coalition's members state positions on its own output, which binds nobody (the
# IGF decides nothing): only with the fact `coalition-member`, only in the adoption phase.
COALITION_CALL = ("igf-dynamic-coalition", "adoption")


@pytest.mark.parametrize("name", [n for n in preset_names() if n.startswith("igf-")])
def test_igf_presets_give_nobody_decide(name: str) -> None:
    m = load_modality(name)
    everyone = [
        Standing.nobody(),
        Standing(),
        *(Standing(groups={g}, accredited=True) for g in GROUPS),
        *(Standing(roles={r}, accredited=True) for r in m.roles),
        Standing(groups=set(GROUPS), roles=set(m.roles), accredited=True),
    ]
    for phase in [p.name for p in m.phases]:
        for standing in everyone:
            for right in ("decide", "vote"):
                d = decide(m, right=right, standing=standing, context=Context(phase=phase))
                if (name, phase, right) == PROGRAMME_DECISION[:2] + ("decide",) and (
                    PROGRAMME_DECISION[2] in standing.roles
                ):
                    assert d.allowed and d.rule == "igf-mag/mag-members-decide-programme"
                    continue
                assert not d.allowed, (phase, standing, right)
                # or the prohibition a seat kind brings (an observer does not decide)
                seat_rule = d.rule in {r.id for r in seat_rules(m.name, m.seats)}
                # a coalition member's position needs the fact no standing alone gives
                no_fact = name == COALITION_CALL[0] and right == "decide"
                expected = f"{name}/default-deny" if no_fact else f"{name}/no-decision-making"
                assert d.rule == expected or seat_rule, d.rule
    calls = {PROGRAMME_DECISION[:2], COALITION_CALL}
    assert all(p.adoption == "none" for p in m.phases if (name, p.name) not in calls)


def test_a_coalition_member_takes_a_position_but_nobody_votes() -> None:
    m = load_modality("igf-dynamic-coalition")
    member = Standing(groups={"academia"})
    call = Context(phase="adoption", facts=frozenset({"coalition-member"}))
    d = decide(m, right="decide", standing=member, context=call)
    assert d.allowed and d.rule == "igf-dynamic-coalition/members-consensus"
    vote = decide(m, right="vote", standing=member, context=call)
    assert not vote.allowed and vote.rule == "igf-dynamic-coalition/no-decision-making"
    drafting = Context(phase="drafting", facts=frozenset({"coalition-member"}))
    assert not decide(m, right="decide", standing=member, context=drafting).allowed
    assert m.phase("adoption").min_days == 14  # type: ignore[union-attr]


def test_a_category_the_modality_does_not_name_is_a_fact_no_rule_mentions() -> None:
    # Issue 12: "--category member-state asked of an IGF modality is answered, not an error:
    # the IGF takes no vote from anyone" (Tunis Agenda para 77, docs/sources/presets.md).
    igf = load_modality("igf-mag")
    assert "member-state" not in igf.categories
    member_state = Standing(categories={"member-state"})
    d = decide(igf, right="vote", standing=member_state, context=Context(phase="drafting"))
    assert not d.allowed and d.rule == "igf-mag/no-decision-making"
    # Where no rule speaks, the ordinary default deny answers, with the same reason as without it.
    wtpf = load_modality("itu-wtpf")
    odd = Standing(categories={"no-such-category"})
    here = Context(phase="exchange-of-views")
    got = decide(wtpf, right="speak", standing=odd, context=here)
    plain = decide(wtpf, right="speak", standing=Standing(), context=here)
    assert (
        (got.allowed, got.rule) == (plain.allowed, plain.rule) == (False, "itu-wtpf/default-deny")
    )
    # A right is the modality's vocabulary: a typo in it is still refused.
    with pytest.raises(UnknownRightError):
        decide(igf, right="vot", standing=member_state, context=Context(phase="drafting"))


def test_igf_open_consultation_queue_tiers_by_day() -> None:
    m = load_modality("igf-open-consultation")
    mag = Standing(roles={"mag-member"})
    other = Standing(groups={"civil-society"})
    day = Context(phase="open-consultation", day="open-consultation-day")

    def tier(standing: Standing, ctx: Context) -> object:
        d = decide(m, right="speak", standing=standing, context=ctx)
        return next(o.value for o in d.obligations if o.kind == "priority_tier")

    assert tier(other, day) == 1
    assert tier(mag, day) == 2
    assert tier(mag, Context(phase="open-consultation")) == 1


def test_anonymous_standing_observes_open_list_but_cannot_post() -> None:
    lst = load_modality("open-mailing-list")
    nobody = Standing.nobody()
    assert decide(lst, right="observe", standing=nobody, context=Context()).allowed
    d = decide(lst, right="submit_input", standing=nobody, context=Context())
    assert not d.allowed and d.rule == "open-mailing-list/default-deny"
    assert decide(
        lst, right="submit_input", standing=Standing(roles={"subscriber"}), context=Context()
    ).allowed
    assert decide(
        lst, right="submit_input", standing=Standing(accredited=True), context=Context()
    ).allowed


def test_cwg_internet_others_only_take_part_in_open_consultation() -> None:
    # Resolution 1344 (Mod. 2015): open online consultation and physical open consultation
    # meetings with remote participation; ToR item 7 "with all stakeholders" (issue 12).
    cwg = load_modality("itu-cwg-internet")
    cs = Standing(groups={"civil-society"}, accredited=True)
    consult = Context(phase="open-consultation")
    allowed = {r for r in cwg.rights if decide(cwg, right=r, standing=cs, context=consult).allowed}
    assert allowed == {"submit_input", "attend", "speak"}
    assert not decide(
        cwg, right="submit_input", standing=cs, context=Context(phase="drafting")
    ).allowed


def test_gnso_non_voting_appointee_prohibition_beats_councilor_permit() -> None:
    council = load_modality("icann-gnso-council")
    both = Standing(roles={"councilor", "non-voting-councilor"})
    d = decide(council, right="vote", standing=both, context=Context(phase="adoption"))
    assert not d.allowed
    assert d.rule == "icann-gnso-council/non-voting-appointee"


def test_netmundial_redrafting_rooms_only_chairs_and_advisors_speak() -> None:
    nm = load_modality("netmundial")
    room = Context(phase="drafting")
    participant = Standing(groups={"civil-society"}, accredited=True)
    assert decide(nm, right="attend", standing=participant, context=room).allowed
    assert not decide(nm, right="speak", standing=participant, context=room).allowed
    assert decide(nm, right="speak", standing=Standing(roles={"advisor"}), context=room).allowed
    session = decide(
        nm, right="speak", standing=participant, context=Context(phase="exchange-of-views")
    )
    assert {(o.kind, o.value) for o in session.obligations} == {
        ("speaking_slot_seconds", 120),
        ("paragraph_reference", True),
    }


def test_time_window_and_extra_rights() -> None:
    m = load_text(
        """
modality: windowed
rights: [judge_consensus]
phases: {open-consultation: {}}
rules:
  - id: comment-period
    permit: [comment]
    who: {anonymous: false}
    when: {after: "2026-01-01T00:00:00Z", before: "2026-02-10T00:00:00+00:00"}
  - id: chair
    permit: [judge_consensus]
    who: {roles: [chair]}
roles: [chair]
"""
    )
    someone = Standing()

    def at(moment: datetime | None) -> bool:
        return decide(m, right="comment", standing=someone, context=Context(time=moment)).allowed

    assert at(datetime(2026, 1, 15, tzinfo=UTC))
    assert not at(datetime(2025, 12, 31, 23, 59, tzinfo=UTC))
    assert not at(datetime(2026, 2, 10, tzinfo=UTC))  # half-open window
    assert not at(None)  # an unknown time never satisfies a window
    assert decide(
        m, right="judge_consensus", standing=Standing(roles={"chair"}), context=Context()
    ).allowed
    with pytest.raises(UnknownRightError):
        decide(m, right="veto", standing=someone, context=Context())


def test_context_time_must_be_aware() -> None:
    with pytest.raises(ValueError, match="timezone"):
        Context(time=datetime(2026, 1, 1))  # noqa: DTZ001


def test_decision_json_has_the_documented_keys() -> None:
    d = decide(
        load_modality("itu-wtpf"), right="speak", standing=CS, context=Context(phase="adoption")
    )
    payload = d.to_json()
    assert {"allowed", "rule", "reason", "obligations", "would_allow"} <= set(payload)
    assert payload["allowed"] is False
