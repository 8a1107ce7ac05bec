"""From a schema-valid rule file (and the modality it extends) to a `Modality`.

The checks the schema cannot make: names against the modality's own vocabulary (its rights,
groups, categories, roles, phases, day kinds), procedures and phases that fit together, rule
ids that are new or replace an inherited rule (``itu-wtpf/members-speak``), ``remove_rules``.
Each problem is located in the file like the schema's (`rulefile.Document.problem`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import astuple
from datetime import datetime
from fractions import Fraction
from typing import Any, Literal

from roundtable.modalities.appeals import (
    APPEAL_RIGHTS,
    DISCLOSURE_RIGHTS,
    build_appeals,
    build_disclosures,
)
from roundtable.modalities.coalitions import build_coalition_rules
from roundtable.modalities.meeting_quorum import build_meeting_quorum
from roundtable.modalities.model import (
    CORE_RIGHTS,
    GROUPS,
    STATEMENTS_REFUSED,
    VOTE_KINDS,
    Alternative,
    Microphone,
    Modality,
    Outcome,
    Phase,
    Procedure,
    SpeakerPolicy,
    Threshold,
)
from roundtable.modalities.rulefile import Document, ModalityError, Path_, Problem
from roundtable.modalities.rules import Obligation, Rule, When, Who
from roundtable.modalities.standing_rules import build_composition, build_seats, check_seat_rules


def _merge_names(base: Sequence[str], extra: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*base, *extra]))


def _threshold(text: str) -> Threshold:
    """``"> 1/2"`` -> Threshold(1, 2, strict=True); ``">= 2/3"`` -> Threshold(2, 3, False)."""
    compact = text.replace(" ", "")
    strict = not compact.startswith(">=")
    num, den = compact.lstrip(">=").split("/")
    if int(den) == 0:
        raise ValueError(f"{text!r}: the denominator must not be 0")
    value = Fraction(int(num), int(den))
    return Threshold(value.numerator, value.denominator, strict)


def _datetime(doc: Document, path: Path_, text: str, problems: list[Problem]) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        problems.append(doc.problem(path, f"not a date-time: {exc}"))
        return None
    return moment


_SINGULAR = {
    "groups": "group",
    "categories": "category",
    "roles": "role",
    "rights": "right",
    "phases": "phase",
    "days": "day kind",
}


class Builder:
    """Turns a schema-valid document plus an optional parent into a Modality."""

    def __init__(self, doc: Document, parent: Modality | None) -> None:
        self.doc = doc
        self.data: Mapping[str, Any] = doc.data
        self.parent = parent
        self.problems: list[Problem] = []
        self.name: str = self.data["modality"]
        base = parent
        self.rights = _merge_names(
            base.rights if base else CORE_RIGHTS, self.data.get("rights", [])
        )
        if "appeals" in self.data:
            self.rights = _merge_names(self.rights, APPEAL_RIGHTS)
        if "disclosures" in self.data:
            self.rights = _merge_names(self.rights, DISCLOSURE_RIGHTS)
        self.groups = _merge_names(base.groups if base else GROUPS, self.data.get("groups", []))
        self.categories = _merge_names(
            base.categories if base else (), self.data.get("categories", [])
        )
        # A seat (``seats:``) declares its role too, so a file's seats can sit in a block of
        # their own.
        self.roles = _merge_names(
            base.roles if base else (),
            [*self.data.get("roles", []), *self.data.get("seats", {})],
        )
        self.days = _merge_names(base.days if base else (), self.data.get("days", []))

    def fail(self, path: Path_, message: str, *, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, key=key))

    def check_names(
        self, path: Path_, values: Sequence[str], known: Sequence[str], what: str
    ) -> None:
        singular = _SINGULAR.get(what, what)
        for index, value in enumerate(values):
            if value not in known:
                hint = ", ".join(known) if known else f"none declared; declare it under {what}:"
                self.fail((*path, index), f"unknown {singular} {value!r} (known: {hint})")

    def procedures(self) -> tuple[Procedure, ...]:
        merged: dict[str, Procedure] = {
            p.name: p for p in (self.parent.procedures if self.parent else ())
        }
        for name, spec in self.data.get("procedures", {}).items():
            path: Path_ = ("procedures", name)
            kind = spec["kind"]
            chambers = tuple((str(k), int(v)) for k, v in spec.get("chambers", {}).items())
            groups = tuple((str(k), str(v)) for k, v in spec.get("stakeholder_groups", {}).items())
            pass_if = tuple(
                Alternative(
                    each=_threshold(alt["each"]) if "each" in alt else None,
                    one=_threshold(alt["one"]) if "one" in alt else None,
                    other=_threshold(alt["other"]) if "other" in alt else None,
                    groups=alt.get("groups"),
                )
                for alt in spec.get("pass_if", [])
            )
            if kind == "chamber-vote":
                if not chambers:
                    self.fail(path, "a chamber-vote needs chambers: {name: seats}")
                if not pass_if:
                    self.fail(path, "a chamber-vote needs pass_if: [...]")
                for index, alt in enumerate(pass_if):
                    if alt.other is not None and alt.one is None:
                        self.fail((*path, "pass_if", index), "'other' needs 'one'")
                    if alt.groups is not None and len(groups) < alt.groups:
                        self.fail(
                            (*path, "pass_if", index, "groups"),
                            f"needs {alt.groups} stakeholder groups; stakeholder_groups "
                            f"declares {len(groups)}",
                        )
                for group, house in groups:
                    if house not in dict(chambers):
                        self.fail(
                            (*path, "stakeholder_groups", group),
                            f"unknown chamber {house!r} (known: {', '.join(dict(chambers))})",
                        )
            elif pass_if or chambers or groups:
                self.fail(
                    path,
                    f"chambers, pass_if and stakeholder_groups belong to chamber-vote, not {kind}",
                )
            if kind != "chamber-vote" and ("absentee_hours" in spec or "stand_ins" in spec):
                self.fail(path, f"absentee_hours and stand_ins belong to chamber-vote, not {kind}")
            if kind == "omov" and spec.get("quorum") and not spec.get("electorate"):
                self.fail(path, "a quorum needs the electorate (number of members)")
            secret = bool(spec.get("secret", False))
            if secret and kind not in VOTE_KINDS:
                self.fail(
                    (*path, "secret"),
                    f"a secret ballot is for votes ({', '.join(VOTE_KINDS)}), not {kind}: "
                    "a consensus call records each objection with its text and group",
                )
            statements = spec.get("secret_statements", STATEMENTS_REFUSED)
            if "secret_statements" in spec and not secret:
                self.fail(
                    (*path, "secret_statements"),
                    "secret_statements belongs to a secret ballot (secret: true): a public "
                    "vote shows each statement beside its voter",
                )
            merged[name] = Procedure(
                name=name,
                kind=kind,
                chambers=chambers,
                pass_if=pass_if,
                electorate=spec.get("electorate"),
                quorum=_threshold(spec["quorum"]) if "quorum" in spec else None,
                threshold=_threshold(spec["threshold"]) if "threshold" in spec else None,
                levels=spec.get("levels", "plain"),
                adopt_levels=tuple(spec.get("adopt_levels", ("full-consensus", "consensus"))),
                members=spec.get("members"),
                secret=secret,
                secret_statements=statements,
                description=spec.get("description", ""),
                stakeholder_groups=groups,
                absentee_hours=spec.get("absentee_hours"),
                stand_ins=tuple(spec.get("stand_ins", ())),
            )
        return tuple(merged.values())

    def phases(self, procedures: Sequence[Procedure]) -> tuple[Phase, ...]:
        merged: dict[str, Phase] = {p.name: p for p in (self.parent.phases if self.parent else ())}
        known = {p.name for p in procedures}
        for name, spec in self.data.get("phases", {}).items():
            adoption = spec.get("adoption", "none")
            if adoption != "none" and adoption not in known:
                self.fail(
                    ("phases", name, "adoption"),
                    f"unknown procedure {adoption!r} (known: none, {', '.join(sorted(known))})",
                )
            merged[name] = Phase(
                name=name,
                adoption=adoption,
                min_days=spec.get("min_days"),
                max_days=spec.get("max_days"),
                description=spec.get("description", ""),
            )
        return tuple(merged.values())

    def speaker_order(self) -> SpeakerPolicy:
        spec = self.data.get("speaker_order")
        if spec is None:
            return self.parent.speaker_order if self.parent else SpeakerPolicy()
        mics = []
        for index, mic in enumerate(spec.get("microphones", [])):
            self.check_names(
                ("speaker_order", "microphones", index, "groups"),
                mic["groups"],
                self.groups,
                "groups",
            )
            mics.append(Microphone(name=mic["name"], groups=tuple(mic["groups"])))
        if spec["policy"] == "rotation" and not mics:
            self.fail(("speaker_order",), "rotation needs microphones: [{name, groups}]")
        if "chair_roles" in spec:
            self.check_names(
                ("speaker_order", "chair_roles"), spec["chair_roles"], self.roles, "roles"
            )
        return SpeakerPolicy(
            policy=spec["policy"],
            chair_roles=tuple(spec.get("chair_roles", ("chair",))),
            microphones=tuple(mics),
            remote_slots=spec.get("remote_slots", 0),
            slot_seconds=spec.get("slot_seconds"),
            description=spec.get("description", ""),
        )

    def rule(self, index: int, spec: Mapping[str, Any], phases: Sequence[str]) -> Rule | None:
        path: Path_ = ("rules", index)
        before = len(self.problems)
        effects = [e for e in ("permit", "prohibit") if e in spec]
        if len(effects) != 1:
            self.fail(path, "a rule needs exactly one of permit: [...] or prohibit: [...]")
            return None
        effect: Literal["permit", "prohibit"] = "permit" if effects[0] == "permit" else "prohibit"
        self.check_names((*path, effect), spec[effect], self.rights, "rights")
        who_spec: Mapping[str, Any] = spec.get("who", {})
        if who_spec.get("anyone") and len(who_spec) > 1:
            self.fail((*path, "who", "anyone"), "'anyone: true' cannot be combined with conditions")
        for key, known in (
            ("groups", self.groups),
            ("categories", self.categories),
            ("roles", self.roles),
        ):
            if key in who_spec:
                self.check_names((*path, "who", key), who_spec[key], known, key)
        when_spec: Mapping[str, Any] = spec.get("when", {})
        if "phases" in when_spec:
            self.check_names((*path, "when", "phases"), when_spec["phases"], phases, "phases")
        if "days" in when_spec:
            self.check_names((*path, "when", "days"), when_spec["days"], self.days, "days")
        after = before_t = None
        if "after" in when_spec:
            after = _datetime(self.doc, (*path, "when", "after"), when_spec["after"], self.problems)
        if "before" in when_spec:
            before_t = _datetime(
                self.doc, (*path, "when", "before"), when_spec["before"], self.problems
            )
        if after is not None and before_t is not None and after >= before_t:
            self.fail((*path, "when", "before"), "'before' must be later than 'after'")
        if len(self.problems) > before:
            return None
        return Rule(
            id=str(spec["id"]),
            effect=effect,
            rights=frozenset(spec[effect]),
            who=Who(
                groups=who_spec.get("groups"),
                categories=who_spec.get("categories"),
                roles=who_spec.get("roles"),
                delegations=who_spec.get("delegations"),
                coalitions=who_spec.get("coalitions"),
                accredited=who_spec.get("accredited"),
                head_of_delegation=who_spec.get("head_of_delegation"),
                anonymous=who_spec.get("anonymous"),
                organisation_confirmed=who_spec.get("organisation_confirmed"),
            ),
            when=When(
                phases=when_spec.get("phases"),
                venues=when_spec.get("venues"),
                issues=when_spec.get("issues"),
                days=when_spec.get("days"),
                facts=when_spec.get("facts"),
                after=after,
                before=before_t,
            ),
            obligations=tuple(
                Obligation(kind, value) for kind, value in spec.get("obligations", {}).items()
            ),
            because=spec.get("because", ""),
            source=spec.get("source", ""),
            because_in=tuple(sorted(spec.get("because_in", {}).items())),
            label=tuple(sorted(spec.get("label", {}).items())),
        )

    def rules(self, phases: Sequence[str]) -> tuple[Rule, ...]:
        inherited: dict[str, Rule] = {r.id: r for r in (self.parent.rules if self.parent else ())}
        for index, rule_id in enumerate(self.data.get("remove_rules", [])):
            if rule_id not in inherited:
                self.fail(("remove_rules", index), f"no inherited rule {rule_id!r} to remove")
            else:
                del inherited[rule_id]
        added: dict[str, Rule] = {}
        seen: set[str] = set()
        for index, spec in enumerate(self.data.get("rules", [])):
            raw_id = str(spec["id"])
            if "/" in raw_id:
                if raw_id not in inherited:
                    self.fail(
                        ("rules", index, "id"),
                        f"{raw_id!r} overrides no inherited rule "
                        "(ids with '/' replace a rule of the modality this one extends)",
                    )
                    continue
                full_id = raw_id
            else:
                full_id = f"{self.name}/{raw_id}"
                if full_id in seen or full_id in inherited:
                    self.fail(("rules", index, "id"), f"duplicate rule id {full_id!r}")
                    continue
                seen.add(full_id)
            rule = self.rule(index, {**spec, "id": full_id}, phases)
            if rule is None:
                continue
            if full_id in inherited:
                inherited[full_id] = rule
            else:
                added[full_id] = rule
        return (*inherited.values(), *added.values())

    def build(self) -> Modality:
        parent = self.parent
        procedures = self.procedures()
        phases = self.phases(procedures)
        phase_names = [p.name for p in phases]
        speaker_order = self.speaker_order()
        rules = self.rules(phase_names)
        # Issue 12, richer standing: seats of a kind bring their rules; limits on seats.
        seats, seat_rules = build_seats(self, rules)
        composition = build_composition(self, seats)
        check_seat_rules(self, seats)
        rules = (*rules, *seat_rules)
        outcome_spec = self.data.get("outcome")
        outcome = (
            Outcome(
                kind=outcome_spec.get("kind", "none"),
                binding=outcome_spec.get("binding", False),
                minority_views=outcome_spec.get("minority_views", False),
            )
            if outcome_spec is not None
            else (parent.outcome if parent else Outcome())
        )
        appeals = build_appeals(
            self.data.get("appeals"),
            roles=self.roles,
            fail=lambda path, message: self.fail(path, message),
            inherited=parent.appeals if parent else None,
        )
        disclosures = build_disclosures(
            self.data.get("disclosures"), inherited=parent.disclosures if parent else ()
        )
        quorum = build_meeting_quorum(
            self.data.get("quorum"),
            modality=self.name,
            roles=self.roles,
            threshold=lambda text: astuple(_threshold(text)),
            fail=lambda path, message: self.fail(path, message),
            inherited=parent.quorum if parent else None,
        )
        coalitions = build_coalition_rules(self.data.get("coalitions"), self, parent)
        if self.problems:
            raise ModalityError(sorted(self.problems, key=lambda p: (p.line, p.field)))
        return Modality(
            name=self.name,
            title=self.data.get("title", parent.title if parent else self.name),
            venue=self.data.get("venue", parent.venue if parent else None),
            extends=parent.name if parent else None,
            rules=rules,
            rights=self.rights,
            groups=self.groups,
            categories=self.categories,
            roles=self.roles,
            days=self.days,
            phases=phases,
            procedures=procedures,
            speaker_order=speaker_order,
            outcome=outcome,
            sources=(*(parent.sources if parent else ()), *self.data.get("sources", [])),
            description=self.data.get("description", parent.description if parent else ""),
            origin=self.doc.file,
            appeals=appeals,
            disclosures=disclosures,
            labels={
                **(parent.labels if parent else {}),
                **{term: dict(texts) for term, texts in self.data.get("labels", {}).items()},
            },
            seats=seats,
            composition=composition,
            quorum=quorum,
            coalitions=coalitions,
        )
