"""Which rule file decides a drafting or adoption right for a process, asked through the door.

The process's modality decides every right it declares (a modality may name its own drafting
group with a `draft` rule, or its chairs with `judge_consensus`); the rights it does not
declare (`draft`, `run_adoption`, and `judge_consensus` in itu-wtpf) fall to
`permissions/modalities/drafting.yaml`. Either way the same context is used: the process's situation now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.http import HttpRequest

from roundtable.modalities import Decision, Modality
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, get_modality, require
from roundtable.processes.models import Process
from roundtable.processes.situation import Situation, situation

# roundtable/permissions/modalities/drafting.yaml, found by name like every platform rule file.
DRAFTING = "drafting"
HOUSE_RIGHTS = ("draft", "run_adoption", "judge_consensus")


@dataclass(frozen=True)
class InProcess:
    """What an app above knows of a person in one process: context facts, and the stakeholder
    groups they declared there (a coalition member's group, said on joining)."""

    facts: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()


#: (actor, process, modality in force) -> what that app knows of the person there.
InProcessProvider = Callable[[Actor, Process, str], InProcess]

# Registered at start-up, as the door's standing provider is, so that the decisions and
# drafting pages and actions ask the door the same question as the app above does (a dynamic
# coalition's members and coordinators: roundtable/coalitions/facts.py).
_providers: list[InProcessProvider] = []


def register_in_process_provider(provider: InProcessProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def _asked(
    who: Actor | HttpRequest, process: Process, here: Situation
) -> tuple[Any, dict[str, Any]]:
    """Who asks the door (their standing widened by the groups declared in the process) and
    the context (with the facts about them there)."""
    actor = Actor.of_request(who) if isinstance(who, HttpRequest) else who
    if not _providers or not isinstance(actor, Actor):
        return who, here.context
    found = [provider(actor, process, here.modality) for provider in _providers]
    facts = frozenset().union(*(f.facts for f in found))
    groups = frozenset().union(*(f.groups for f in found))
    if not facts and not groups:  # every process but a coalition's: the question unchanged
        return who, here.context
    context = {**here.context, "facts": frozenset(here.context.get("facts", ())) | facts}
    if not groups:
        return who, context
    standing = actor.standing(process.venue.slug)
    return replace(standing, groups=standing.groups | groups), context


def rule_file(right: str, modality: str) -> str:
    if right in HOUSE_RIGHTS and right not in get_modality(modality).rights:
        return DRAFTING
    return modality


def where(process: Process, now: datetime | None = None) -> Situation:
    return situation(process, now=now)


def decide_for(
    who: Actor | HttpRequest, *, right: str, process: Process, now: datetime | None = None
) -> Decision:
    """Whether `who` may use `right` in `process` now (allowed or not, with the reason): for
    showing a control. A page may pass its request (the door uses the request's actor)."""
    here = situation(process, now=now)
    asking, context = _asked(who, process, here)
    return decide(asking, right=right, modality=rule_file(right, here.modality), context=context)


def require_for(
    actor: Actor, *, right: str, process: Process, now: datetime | None = None
) -> Decision:
    """The allowing decision for `actor`; `Denied` (with the rule) otherwise."""
    here = situation(process, now=now)
    asking, context = _asked(actor, process, here)
    return require(asking, right=right, modality=rule_file(right, here.modality), context=context)


def has_obligation(decision: Decision, kind: str) -> bool:
    return any(o.kind == kind and o.value for o in decision.obligations)


def new_drafts_closed(modality: Modality, phase: str | None) -> str | None:
    """The id of a rule that lets amendments in `phase` only to existing drafts (so no new
    draft text may be introduced then), or None. Read from the modality's own rules."""
    for rule in modality.rules:
        if rule.effect != "permit" or "propose_amendment" not in rule.rights:
            continue
        if rule.when.phases is not None and phase not in rule.when.phases:
            continue
        if any(o.kind == "existing_drafts_only" and o.value for o in rule.obligations):
            return rule.id
    return None
