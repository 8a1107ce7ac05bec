"""What the door needs to know of a person in a coalition's process: whether they are one of
its members (`coalition-member`) or coordinators (`coalition-coordinator`), and the
stakeholder group they declared on joining (their group there: positions and minority
statements carry it).

The decisions and drafting apps ask the door about the coalition's process without knowing
coalitions; this provider, registered at start-up (`apps.py`), adds the two facts to their
context (and the group to their standing), so the rules `members-consensus` and `coordinators-call-consensus` of
igf-dynamic-coalition decide there as on the coalition's own page.
"""

from __future__ import annotations

from roundtable.drafting.authority import InProcess
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality
from roundtable.processes.models import Process

from .models import Member

MEMBER = "coalition-member"
COORDINATOR = "coalition-coordinator"


def member_facts(actor: Actor, process: Process, modality: str) -> InProcess:
    # No query for a process whose modality founds no coalition (every other process).
    if actor.user is None or get_modality(modality).coalitions is None:
        return InProcess()
    # One query per actor and process: a page asks the door about the process once per
    # control, and a request has one actor (joining and leaving drop it: actions.py).
    key = (MEMBER, process.pk)
    if key not in actor.memo:
        actor.memo[key] = _facts_of(actor, process)
    found: InProcess = actor.memo[key]
    return found


def _facts_of(actor: Actor, process: Process) -> InProcess:
    found = (
        Member.objects.filter(coalition__process=process, user=actor.user)
        .values_list("role", "group__slug")
        .first()
    )
    if found is None:
        return InProcess()
    role, group = found
    facts = {MEMBER, COORDINATOR} if role == Member.Role.COORDINATOR else {MEMBER}
    return InProcess(facts=frozenset(facts), groups=frozenset({group}))
