"""Rule files: YAML checked against `schema.json`, then against the modality's own vocabulary.

Every problem names the file, the line and the field (``rules[2].who.grups``): YAML nodes keep
their marks, so a JSON Schema error path is walked back to the node it came from. A modality
may ``extends:`` a preset (by name) or another file (by path, relative to the extending file),
add rules, replace an inherited rule by giving its full id (``itu-wtpf/members-speak``), or
drop inherited rules with ``remove_rules``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import jsonschema
import yaml

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
from roundtable.modalities.rules import Obligation, Rule, When, Who

PRESETS_DIR = Path(__file__).resolve().parent / "presets"

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One located error in a rule file."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field or '(top)'}: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "field": self.field, "message": self.message}


class ModalityError(Exception):
    """A rule file could not be loaded; ``problems`` says where and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as strings (the schema checks them) and refuses
    duplicate keys (a silent override in a rule file is a bug)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def schema() -> dict[str, Any]:
    text = resources.files("roundtable.modalities").joinpath("schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def field_name(path: Path_) -> str:
    """``("rules", 2, "who", "groups")`` -> ``rules[2].who.groups``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Doc:
    """A parsed file: its data, its node tree (for line numbers) and its name."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        try:
            loader = _Loader(text)
            try:
                self.root: yaml.Node | None = loader.get_single_node()
                self.data: Any = (
                    loader.construct_document(self.root) if self.root is not None else None
                )
            finally:
                loader.dispose()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else 1
            raise ModalityError(
                [Problem(file, line, "", f"not valid YAML: {exc.problem or exc}")]
            ) from None
        if self.root is not None:
            dupes = list(self._duplicates(self.root, ()))
            if dupes:
                raise ModalityError(dupes)

    def _duplicates(self, node: yaml.Node, path: Path_) -> Iterator[Problem]:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                name = str(key.value)
                if name in seen:
                    yield Problem(
                        self.file,
                        key.start_mark.line + 1,
                        field_name((*path, name)),
                        "duplicate key",
                    )
                seen.add(name)
                yield from self._duplicates(value, (*path, name))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                yield from self._duplicates(item, (*path, index))

    def node(self, path: Path_, *, key: bool = False) -> yaml.Node | None:
        """The node at ``path`` (its key node when ``key``), or the deepest ancestor found."""
        node = self.root
        for depth, part in enumerate(path):
            last = depth == len(path) - 1
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == part:
                        node = k if (key and last) else v
                        break
                else:
                    return node
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return node
                node = node.value[part]
            else:
                return node
        return node

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        node = self.node(path, key=key)
        line = node.start_mark.line + 1 if node is not None else 1
        return Problem(self.file, line, field_name(path), message)


def _schema_problems(doc: _Doc) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(schema())
    problems: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        path: Path_ = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            if isinstance(error.schema.get("additionalProperties"), dict):
                problems.append(doc.problem(path, error.message))
                continue
            for extra in sorted(set(error.instance) - allowed):
                known = ", ".join(sorted(allowed))
                problems.append(
                    doc.problem(
                        (*path, extra), f"unknown field {extra!r} (known: {known})", key=True
                    )
                )
        elif error.validator == "required":
            problems.append(doc.problem(path, error.message.replace("property", "field")))
        else:
            problems.append(doc.problem(path, error.message))
    return sorted(problems, key=lambda p: (p.line, p.field))


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESETS_DIR.glob("*.yaml"))


def is_preset(name: str) -> bool:
    return "/" not in name and not name.endswith((".yaml", ".yml")) and name in preset_names()


@cache
def _load_preset(name: str) -> Modality:
    return _load_path(PRESETS_DIR / f"{name}.yaml", label=f"presets/{name}.yaml", stack=())


def load_modality(name_or_path: str | Path) -> Modality:
    """A preset by name (cached: the same object each time) or a rule file by path."""
    text = str(name_or_path)
    if isinstance(name_or_path, str) and is_preset(text):
        return _load_preset(text)
    path = Path(name_or_path)
    if not path.is_file():
        known = ", ".join(preset_names())
        raise ModalityError([Problem(text, 0, "", f"no such preset or file (presets: {known})")])
    return _load_path(path, label=text, stack=())


def load_text(
    text: str,
    *,
    file: str = "<string>",
    base: Path | None = None,
    extends: Callable[[str], Modality | None] | None = None,
) -> Modality:
    """Load a modality from YAML text (``extends`` paths resolve against ``base``).

    With ``extends`` (a function from a name to a registered modality, or None), ``extends:``
    names only what that function knows, never a path: for text uploaded by a person."""
    return _build(_Doc(text, file), base=base or Path.cwd(), stack=(), resolve=extends)


def check_file(path: str | Path) -> list[Problem]:
    """All the problems of a rule file; an empty list means it loads."""
    try:
        load_modality(path if not isinstance(path, str) or not is_preset(path) else path)
    except ModalityError as exc:
        return list(exc.problems)
    return []


def _load_path(path: Path, *, label: str, stack: tuple[Path, ...]) -> Modality:
    resolved = path.resolve()
    if resolved in stack:
        chain = " -> ".join(p.name for p in (*stack, resolved))
        raise ModalityError([Problem(label, 1, "extends", f"extends itself: {chain}")])
    try:
        text = resolved.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModalityError([Problem(label, 0, "", f"cannot read: {exc}")]) from None
    return _build(_Doc(text, label), base=resolved.parent, stack=(*stack, resolved))


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


def _datetime(doc: _Doc, path: Path_, text: str, problems: list[Problem]) -> datetime | None:
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


class _Builder:
    """Turns a schema-valid document plus an optional parent into a Modality."""

    def __init__(self, doc: _Doc, parent: Modality | None) -> None:
        self.doc = doc
        self.data: Mapping[str, Any] = doc.data
        self.parent = parent
        self.problems: list[Problem] = []
        self.name: str = self.data["modality"]
        base = parent
        self.rights = _merge_names(
            base.rights if base else CORE_RIGHTS, self.data.get("rights", [])
        )
        self.groups = _merge_names(base.groups if base else GROUPS, self.data.get("groups", []))
        self.categories = _merge_names(
            base.categories if base else (), self.data.get("categories", [])
        )
        self.roles = _merge_names(base.roles if base else (), self.data.get("roles", []))
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
            pass_if = tuple(
                Alternative(
                    each=_threshold(alt["each"]) if "each" in alt else None,
                    one=_threshold(alt["one"]) if "one" in alt else None,
                    other=_threshold(alt["other"]) if "other" in alt else None,
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
            elif pass_if or chambers:
                self.fail(path, f"chambers and pass_if belong to chamber-vote, not {kind}")
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
                consensus_support=(
                    _threshold(spec["consensus_support"]) if "consensus_support" in spec else None
                ),
                members=spec.get("members"),
                secret=secret,
                secret_statements=statements,
                description=spec.get("description", ""),
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
            labels={
                **(parent.labels if parent else {}),
                **{term: dict(texts) for term, texts in self.data.get("labels", {}).items()},
            },
        )


def _build(
    doc: _Doc,
    *,
    base: Path,
    stack: tuple[Path, ...],
    resolve: Callable[[str], Modality | None] | None = None,
) -> Modality:
    if not isinstance(doc.data, dict):
        raise ModalityError([Problem(doc.file, 1, "", "a rule file is a YAML mapping")])
    problems = _schema_problems(doc)
    if problems:
        raise ModalityError(problems)
    parent: Modality | None = None
    extends = doc.data.get("extends")
    if extends is not None and resolve is not None:
        parent = resolve(extends)
        if parent is None:
            raise ModalityError(
                [doc.problem(("extends",), "extends only a preset or a registered rule file")]
            )
    elif extends is not None:
        try:
            if is_preset(extends):
                target = (PRESETS_DIR / f"{extends}.yaml").resolve()
                label = f"presets/{extends}.yaml"
            else:
                target = (base / extends).resolve()
                label = str(target)
                if not target.is_file():
                    raise ModalityError(
                        [doc.problem(("extends",), f"no preset or file named {extends!r}")]
                    )
            parent = _load_path(target, label=label, stack=stack)
        except ModalityError as exc:
            if exc.problems and exc.problems[0].file == doc.file:
                raise
            located = doc.problem(("extends",), f"cannot load {extends!r}: {exc.problems[0]}")
            raise ModalityError([located, *exc.problems]) from None
    return _Builder(doc, parent).build()
