"""Property tests: default deny, the conflict policy, and the independence of unrelated rules.

The engine (precompiled, first match in precedence order) is checked against a direct
reading of the policy: collect every matching rule, keep the most specific, and if any of
those prohibits, deny.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from roundtable.modalities import Context, Modality, Rule, Standing, When, Who, decide

RIGHTS = ("observe", "speak", "decide")
GROUPS = ("government", "civil-society", "academia")
CATEGORIES = ("member-state", "sector-member")
ROLES = ("chair", "member")
PHASES = ("drafting", "adoption")


def _subset(values: tuple[str, ...]) -> st.SearchStrategy[frozenset[str] | None]:
    return st.none() | st.frozensets(st.sampled_from(values), min_size=1)


whos = st.builds(
    Who,
    groups=_subset(GROUPS),
    categories=_subset(CATEGORIES),
    roles=_subset(ROLES),
    accredited=st.none() | st.booleans(),
    anonymous=st.none() | st.booleans(),
)
whens = st.builds(When, phases=_subset(PHASES))


@st.composite
def rules(draw: st.DrawFn, effect: str | None = None) -> Rule:
    return Rule(
        id=f"r{draw(st.integers(0, 10**9))}",
        effect=effect or draw(st.sampled_from(("permit", "prohibit"))),  # type: ignore[arg-type]
        rights=draw(st.frozensets(st.sampled_from(RIGHTS), min_size=1)),
        who=draw(whos),
        when=draw(whens),
    )


@st.composite
def rule_lists(draw: st.DrawFn, effect: str | None = None) -> list[Rule]:
    found = draw(st.lists(rules(effect), max_size=8))
    return [
        Rule(f"m/{i}", r.effect, r.rights, r.who, r.when, r.obligations)
        for i, r in enumerate(found)
    ]


standings = st.builds(
    Standing,
    groups=st.frozensets(st.sampled_from(GROUPS)),
    categories=st.frozensets(st.sampled_from(CATEGORIES)),
    roles=st.frozensets(st.sampled_from(ROLES)),
    accredited=st.booleans(),
    anonymous=st.booleans(),
)
contexts = st.builds(Context, phase=st.none() | st.sampled_from(PHASES))


def matches(rule: Rule, standing: Standing, context: Context) -> bool:
    """The rule language read literally, independent of the engine's compiled form."""
    who, when = rule.who, rule.when
    checks = [
        who.groups is None or bool(who.groups & standing.groups),
        who.categories is None or bool(who.categories & standing.categories),
        who.roles is None or bool(who.roles & standing.roles),
        who.accredited is None or who.accredited == standing.accredited,
        who.anonymous is None or who.anonymous == standing.anonymous,
        when.phases is None or context.phase in when.phases,
    ]
    return all(checks)


def reference(rules: list[Rule], right: str, standing: Standing, context: Context) -> bool:
    hits = [r for r in rules if right in r.rights and matches(r, standing, context)]
    if not hits:
        return False
    top = max(r.specificity for r in hits)
    return not any(r.effect == "prohibit" for r in hits if r.specificity == top)


@settings(max_examples=300, deadline=None)
@given(rule_lists("prohibit"), st.sampled_from(RIGHTS), standings, contexts)
def test_default_deny_without_permits(
    found: list[Rule], right: str, standing: Standing, context: Context
) -> None:
    modality = Modality(name="m", rules=tuple(found))
    d = decide(modality, right=right, standing=standing, context=context)
    assert not d.allowed
    assert d.obligations == ()


@settings(max_examples=300, deadline=None)
@given(rule_lists(), st.sampled_from(RIGHTS), standings, contexts)
def test_denied_unless_a_matching_permit(
    found: list[Rule], right: str, standing: Standing, context: Context
) -> None:
    modality = Modality(name="m", rules=tuple(found))
    d = decide(modality, right=right, standing=standing, context=context)
    permits = [
        r
        for r in found
        if r.effect == "permit" and right in r.rights and matches(r, standing, context)
    ]
    if not permits:
        assert not d.allowed
    if d.allowed:
        assert d.rule in {r.id for r in permits}


@settings(max_examples=500, deadline=None)
@given(rule_lists(), st.sampled_from(RIGHTS), standings, contexts)
def test_conflict_policy_matches_the_reference(
    found: list[Rule], right: str, standing: Standing, context: Context
) -> None:
    modality = Modality(name="m", rules=tuple(found))
    d = decide(modality, right=right, standing=standing, context=context)
    assert d.allowed == reference(found, right, standing, context)
    if d.rule != "m/default-deny":
        winner = modality.rule(d.rule)
        assert winner is not None and matches(winner, standing, context)
        hits = [r for r in found if right in r.rights and matches(r, standing, context)]
        assert winner.specificity == max(r.specificity for r in hits)


@settings(max_examples=300, deadline=None)
@given(rules("permit"), standings, contexts, st.sampled_from(RIGHTS))
def test_equal_specificity_prohibit_wins(
    permit: Rule, standing: Standing, context: Context, right: str
) -> None:
    permit = Rule("m/p", "permit", {right}, permit.who, permit.when)
    prohibit = Rule("m/q", "prohibit", {right}, permit.who, permit.when)
    for order in ((permit, prohibit), (prohibit, permit)):
        d = decide(Modality(name="m", rules=order), right=right, standing=standing, context=context)
        assert not d.allowed
        if matches(permit, standing, context):
            assert d.rule == "m/q"


@settings(max_examples=300, deadline=None)
@given(standings, st.sampled_from(RIGHTS))
def test_more_specific_rule_wins_either_way(standing: Standing, right: str) -> None:
    ctx = Context(phase="adoption")
    general = Who()
    specific = Who(groups=standing.groups or None, accredited=standing.accredited)
    for broad_effect, narrow_effect in (("prohibit", "permit"), ("permit", "prohibit")):
        m = Modality(
            name="m",
            rules=(
                Rule("m/broad", broad_effect, {right}, general),  # type: ignore[arg-type]
                Rule("m/narrow", narrow_effect, {right}, specific),  # type: ignore[arg-type]
            ),
        )
        d = decide(m, right=right, standing=standing, context=ctx)
        assert d.rule == "m/narrow"
        assert d.allowed == (narrow_effect == "permit")


@settings(max_examples=300, deadline=None)
@given(rule_lists(), rules(), st.sampled_from(RIGHTS), standings, contexts)
def test_adding_an_unrelated_rule_changes_nothing(
    found: list[Rule], extra: Rule, right: str, standing: Standing, context: Context
) -> None:
    """A rule that is about other rights, or whose conditions do not hold, is irrelevant."""
    before = decide(
        Modality(name="m", rules=tuple(found)), right=right, standing=standing, context=context
    )
    other_rights = frozenset(RIGHTS) - {right}
    unrelated = [Rule("m/other-right", extra.effect, other_rights, extra.who, extra.when)]
    if not matches(extra, standing, context):
        unrelated.append(Rule("m/not-matching", extra.effect, {right}, extra.who, extra.when))
    for rule in unrelated:
        for rules_after in ((*found, rule), (rule, *found)):
            after = decide(
                Modality(name="m", rules=tuple(rules_after)),
                right=right,
                standing=standing,
                context=context,
            )
            assert (after.allowed, after.rule, after.obligations) == (
                before.allowed,
                before.rule,
                before.obligations,
            )
