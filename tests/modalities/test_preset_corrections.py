"""Issue 12's corrections to the presets, each with the source it rests on (the sources were
read through the reference search; quotations and addresses in docs/sources/presets.md).

The situations themselves are in tests/modalities/scenarios/<preset>.yaml; this file holds what
a situation cannot say: citations, phase settings, and the rule that an office (chair,
secretariat, staff, secretary) never gets a decision right through its role by accident.
"""

from __future__ import annotations

import pytest

from roundtable.modalities import Context, Standing, decide, load_modality, preset_names

# Offices that chair, summarise, designate or keep records. The sources give them the floor,
# the drafting, the summary or the designation of a consensus level (`judge_consensus`, where
# a rule names it), never the decision itself: MAG Chair Terms of Reference ("Facilitate and
# support the MAG Evaluation Process of Workshops"); GNSO WG Guidelines 3.6 (the chair
# designates); ICANN Public Comment (staff summary reports); ITU Resolution 2 (the forum, not
# its chair, adopts Opinions by consensus); RFC 2418 3.3 (the chair determines consensus).
OFFICES = ("chair", "secretariat", "staff", "secretary")
DECISIONS = ("decide", "vote")


@pytest.mark.parametrize("name", preset_names())
def test_no_rule_grants_an_office_a_decision(name: str) -> None:
    m = load_modality(name)
    offending = [
        rule.id
        for rule in m.rules
        if rule.effect == "permit"
        and set(rule.rights) & set(DECISIONS)
        and rule.who.roles is not None
        and set(rule.who.roles) & set(OFFICES)
    ]
    assert offending == []


@pytest.mark.parametrize("name", preset_names())
def test_an_office_alone_decides_only_as_any_participant_would(name: str) -> None:
    """A person holding only an office may decide where everyone signed in may (an IETF chair
    is a participant too, RFC 2418), never by a rule that names a role."""
    m = load_modality(name)
    for office in set(OFFICES) & set(m.roles):
        for phase in [p.name for p in m.phases]:
            for right in DECISIONS:
                d = decide(
                    m, right=right, standing=Standing(roles={office}), context=Context(phase=phase)
                )
                rule = m.rule(d.rule)
                if d.allowed:
                    assert rule is not None and rule.who.roles is None, (office, phase, d.rule)


def test_wtpf_head_of_delegation_obligation_is_labelled_as_the_founding_document() -> None:
    # Issue 12: the obligation is from the founding document (shared/seed), not an ITU rule.
    rule = load_modality("itu-wtpf").rule("itu-wtpf/members-speak")
    assert rule is not None
    assert "not an ITU rule" in rule.source and "seed" in rule.source
    assert "ITU General Rules" not in rule.source


def test_wtpf_cites_resolution_2_dubai_and_the_council_decisions() -> None:
    # Resolution 2 (Rev. Dubai, 2018): a single Secretary-General's report, no new Opinions;
    # Council Decisions 562 (WTPF-13) and 611 (Rev. Council 2020, WTPF-21).
    m = load_modality("itu-wtpf")
    sources = " ".join(m.sources)
    assert "Resolution 2 (Rev. Dubai, 2018)" in sources
    assert "Decision 562" in sources and "Decision 611" in sources
    no_new = m.rule("itu-wtpf/members-amend-existing-drafts")
    assert no_new is not None and "Rev. Dubai, 2018" in no_new.source


def test_ietf_last_calls_are_two_phases() -> None:
    # RFC 2026 (BCP 9) 6.1.2: the IESG's IETF Last Call, at least two weeks for a WG document;
    # the WG Last Call is the chairs' (RFC 2418 (BCP 25) 3.3 as the normative rule).
    m = load_modality("ietf-wg")
    phases = {p.name: p for p in m.phases}
    assert phases["last-call"].adoption == "none" and phases["last-call"].min_days == 14
    assert phases["wg-last-call"].adoption == "rough-consensus"
    judge = m.rule("ietf-wg/chairs-judge-consensus")
    assert judge is not None and "RFC 2418" in judge.source
    assert any("RFC 7282" in s and "Informational" in s for s in m.sources)


def test_cwg_internet_cites_1336_of_2011_and_1344_as_modified_in_2015() -> None:
    m = load_modality("itu-cwg-internet")
    cited = [r.source for r in m.rules if r.source]
    assert "ITU Council Resolution 1336 (2011)" in cited
    assert all("1344 (2012)" not in s for s in cited)
    assert any("1344 (Mod. 2015)" in s for s in cited)


def test_public_comment_dates() -> None:
    # ICANN, Public Comments - Open (from 1 January 2012: 21 + 21 days); ICANN announcement of
    # 16 January 2015 (40 days, no reply, from 26 January 2015); internal guidelines October
    # 2019 (ICANN blog; Domain Incite, 11 Oct 2019).
    current = load_modality("icann-public-comment")
    sources = " ".join(current.sources)
    assert "1 January 2012" in sources and "26 January 2015" in sources
    assert "October 2019" in sources
    assert {p.name: p.min_days for p in current.phases}["open-consultation"] == 40
    older = load_modality("icann-public-comment-2012")
    assert {p.name: p.min_days for p in older.phases}["open-consultation"] == 21


def test_netmundial_cites_the_methodology_post() -> None:
    # NETmundial, "NETmundial announces dynamics for working sessions", 20 April 2014.
    m = load_modality("netmundial")
    speak = m.rule("netmundial/sessions-speak")
    assert speak is not None and "20 April 2014" in speak.source
    review = m.rule("netmundial/high-level-committee-reviews")
    assert review is not None and "21 March 2014" in review.source
    closing = m.rule("netmundial/closing-plenary-statements")
    assert closing is not None and "not verified" in closing.source
