"""Speaker order: a pure function from queue state (+ a request) to the order of the floor.

Every policy gives the floor to chair interventions first (requests by a role in
``SpeakerPolicy.chair_roles``), in arrival order. Then:

- ``fcfs``: one queue in arrival order, on-site and remote alike (IGF open consultations).
- ``priority-tiers``: by priority tier (1 first), arrival order within a tier (IGF: MAG
  members first on MAG days, non-MAG speakers first on open-consultation days).
- ``rotation``: within a tier, a cycle of microphones (one per set of stakeholder groups)
  followed by ``remote_slots`` remote slots; each position gives the floor to the next person
  waiting there, empty positions are skipped (NETmundial: four sector microphones plus two
  remote slots, rounds of six two-minute slots).

`queue_for_modality` asks the engine whether each requester may ``speak`` in the context; a
denied request is refused with the rule that refused it, and a permitted one takes its tier
from the decision's ``priority_tier`` obligation.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from roundtable.modalities.engine import decide
from roundtable.modalities.model import Modality, SpeakerPolicy
from roundtable.modalities.standing import Context, Standing

CHAIR = "chair"
QUEUE = "queue"
REMOTE = "remote"
OTHER = "other"


@dataclass(frozen=True, slots=True)
class SpeakRequest:
    """A request for the floor. ``tier`` is 1 unless a modality or caller sets it."""

    speaker: str
    group: str | None = None
    remote: bool = False
    roles: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    accredited: bool = True
    tier: int = 1

    @classmethod
    def from_json(cls, item: Mapping[str, object]) -> SpeakRequest:
        known = {"speaker", "group", "remote", "roles", "categories", "accredited", "tier"}
        unknown = set(item) - known
        if unknown:
            raise ValueError(f"unknown request field(s): {', '.join(sorted(unknown))}")
        speaker, group = item.get("speaker"), item.get("group")
        if not isinstance(speaker, str):
            raise ValueError(f"a request needs a string 'speaker': {dict(item)!r}")
        if group is not None and not isinstance(group, str):
            raise ValueError(f"{speaker}: 'group' must be a string")
        lists: dict[str, frozenset[str]] = {}
        for key in ("roles", "categories"):
            value = item.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{speaker}: {key!r} must be a list of strings")
            lists[key] = frozenset(value)
        remote, accredited, tier = (
            item.get("remote", False),
            item.get("accredited", True),
            item.get("tier", 1),
        )
        if not isinstance(remote, bool) or not isinstance(accredited, bool):
            raise ValueError(f"{speaker}: 'remote' and 'accredited' must be true or false")
        if not isinstance(tier, int) or isinstance(tier, bool) or tier < 1:
            raise ValueError(f"{speaker}: 'tier' must be a positive integer")
        return cls(speaker, group, remote, lists["roles"], lists["categories"], accredited, tier)

    def standing(self) -> Standing:
        return Standing(
            groups=frozenset({self.group}) if self.group else frozenset(),
            categories=self.categories,
            roles=self.roles,
            accredited=self.accredited,
        )


@dataclass(frozen=True, slots=True)
class Slot:
    """One turn at the floor: who, through which microphone/queue, in which round."""

    speaker: str
    group: str | None
    remote: bool
    tier: int
    via: str
    round: int
    position: int = -1

    def to_json(self) -> dict[str, object]:
        return {
            "speaker": self.speaker,
            "group": self.group,
            "remote": self.remote,
            "tier": self.tier,
            "via": self.via,
            "round": self.round,
        }


@dataclass(frozen=True, slots=True)
class QueueState:
    """Pending requests in arrival order, and where the rotation resumes."""

    policy: SpeakerPolicy
    pending: tuple[SpeakRequest, ...] = ()
    cursor: int = 0


def enqueue(state: QueueState, request: SpeakRequest) -> QueueState:
    """The state with ``request`` at the back (a speaker already waiting keeps their place)."""
    if any(r.speaker == request.speaker for r in state.pending):
        return state
    return replace(state, pending=(*state.pending, request))


def _cycle(policy: SpeakerPolicy, requests: Sequence[SpeakRequest]) -> list[str]:
    cycle = [mic.name for mic in policy.microphones] + [REMOTE] * policy.remote_slots
    mapped = {g for mic in policy.microphones for g in mic.groups}
    if any(r.group not in mapped and not (r.remote and policy.remote_slots) for r in requests):
        cycle.append(OTHER)
    return cycle


def _mic_for(policy: SpeakerPolicy, request: SpeakRequest) -> str:
    if request.remote and policy.remote_slots:
        return REMOTE
    for mic in policy.microphones:
        if request.group in mic.groups:
            return mic.name
    return OTHER


def _rotate(
    policy: SpeakerPolicy, requests: Sequence[SpeakRequest], tier: int, cursor: int
) -> list[Slot]:
    cycle = _cycle(policy, requests)
    queues: dict[str, deque[SpeakRequest]] = {name: deque() for name in cycle}
    for request in requests:
        queues[_mic_for(policy, request)].append(request)
    slots: list[Slot] = []
    start = cursor % len(cycle)
    round_no = 1
    step = 0
    while any(queues.values()):
        position = (start + step) % len(cycle)
        queue = queues[cycle[position]]
        if queue:
            r = queue.popleft()
            slots.append(
                Slot(r.speaker, r.group, r.remote, tier, cycle[position], round_no, position)
            )
        step += 1
        if step % len(cycle) == 0:
            round_no += 1
    return slots


def order(state: QueueState) -> tuple[Slot, ...]:
    """The order in which the pending requests get the floor."""
    policy = state.policy
    chair_roles = set(policy.chair_roles)
    slots = [
        Slot(r.speaker, r.group, r.remote, 0, CHAIR, 0)
        for r in state.pending
        if r.roles & chair_roles
    ]
    rest = [r for r in state.pending if not r.roles & chair_roles]
    if policy.policy == "fcfs":
        slots.extend(Slot(r.speaker, r.group, r.remote, 1, QUEUE, 1) for r in rest)
        return tuple(slots)
    for tier in sorted({r.tier for r in rest}):
        in_tier = [r for r in rest if r.tier == tier]
        if policy.policy == "rotation":
            slots.extend(_rotate(policy, in_tier, tier, state.cursor))
        else:
            slots.extend(Slot(r.speaker, r.group, r.remote, tier, QUEUE, 1) for r in in_tier)
    return tuple(slots)


def next_speaker(state: QueueState) -> tuple[Slot | None, QueueState]:
    """Give the floor to the first in order: that slot, and the state without them."""
    slots = order(state)
    if not slots:
        return None, state
    first = slots[0]
    pending = tuple(r for r in state.pending if r.speaker != first.speaker)
    cursor = first.position + 1 if first.position >= 0 else state.cursor
    return first, replace(state, pending=pending, cursor=cursor)


def speaker_order(policy: SpeakerPolicy, requests: Iterable[SpeakRequest]) -> tuple[Slot, ...]:
    """Order a list of requests given in arrival order."""
    state = QueueState(policy)
    for request in requests:
        state = enqueue(state, request)
    return order(state)


@dataclass(frozen=True, slots=True)
class Refusal:
    speaker: str
    rule: str
    reason: str


@dataclass(frozen=True, slots=True)
class QueueResult:
    slots: tuple[Slot, ...]
    refused: tuple[Refusal, ...]

    @property
    def order(self) -> list[str]:
        return [s.speaker for s in self.slots]

    def to_json(self) -> dict[str, object]:
        return {
            "order": self.order,
            "slots": [s.to_json() for s in self.slots],
            "refused": [
                {"speaker": r.speaker, "rule": r.rule, "reason": r.reason} for r in self.refused
            ],
        }


def queue_for_modality(
    modality: Modality, requests: Iterable[SpeakRequest], context: Context
) -> QueueResult:
    """Order requests under the modality's speaker policy, refusing those who may not speak."""
    state = QueueState(modality.speaker_order)
    refused: list[Refusal] = []
    for request in requests:
        decision = decide(modality, right="speak", standing=request.standing(), context=context)
        if not decision.allowed:
            refused.append(Refusal(request.speaker, decision.rule, decision.reason))
            continue
        tier = next((int(o.value) for o in decision.obligations if o.kind == "priority_tier"), 1)
        state = enqueue(state, replace(request, tier=tier))
    return QueueResult(order(state), tuple(refused))
