"""Which rule file decides a drafting or adoption right for a process, asked through the door.

The process's modality decides every right it declares (a modality may name its own drafting
group with a `draft` rule, or its chairs with `judge_consensus`); the rights it does not
declare (`draft`, `run_adoption`, and `judge_consensus` in itu-wtpf) fall to
`permissions/modalities/drafting.yaml`. Either way the same context is used: the process's situation now.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest

from roundtable.modalities import Decision, Modality
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, get_modality, require
from roundtable.processes.models import Process
from roundtable.processes.situation import Situation, situation

# roundtable/permissions/modalities/drafting.yaml, found by name like every platform rule file.
DRAFTING = "drafting"
HOUSE_RIGHTS = ("draft", "run_adoption", "judge_consensus")


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
    return decide(who, right=right, modality=rule_file(right, here.modality), context=here.context)


def require_for(
    actor: Actor, *, right: str, process: Process, now: datetime | None = None
) -> Decision:
    """The allowing decision for `actor`; `Denied` (with the rule) otherwise."""
    here = situation(process, now=now)
    return require(
        actor, right=right, modality=rule_file(right, here.modality), context=here.context
    )


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
