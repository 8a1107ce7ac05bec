"""Speaker order: FCFS, priority tiers, rotation across microphones with remote slots, chair."""

from __future__ import annotations

from roundtable.modalities import (
    Context,
    QueueState,
    SpeakRequest,
    enqueue,
    load_modality,
    next_speaker,
    order,
    queue_for_modality,
    speaker_order,
)
from roundtable.modalities.model import Microphone, SpeakerPolicy


def names(slots: object) -> list[str]:
    return [s.speaker for s in slots]  # type: ignore[attr-defined]


def test_fcfs_on_site_and_remote_alike_chair_first() -> None:
    policy = SpeakerPolicy(policy="fcfs")
    requests = [
        SpeakRequest("a", "civil-society"),
        SpeakRequest("b", "government", remote=True),
        SpeakRequest("chair", roles=frozenset({"chair"})),
        SpeakRequest("c", "academia", tier=2),  # tiers are ignored by fcfs
    ]
    assert names(speaker_order(policy, requests)) == ["chair", "a", "b", "c"]


def test_enqueue_is_pure_and_keeps_place() -> None:
    state = QueueState(SpeakerPolicy(policy="fcfs"))
    one = enqueue(state, SpeakRequest("a"))
    two = enqueue(one, SpeakRequest("b"))
    again = enqueue(two, SpeakRequest("a", "government"))
    assert state.pending == () and names(order(one)) == ["a"]
    assert again is two
    first, rest = next_speaker(two)
    assert first is not None and first.speaker == "a" and names(order(rest)) == ["b"]


def test_priority_tiers_mag_day() -> None:
    mag = load_modality("igf-mag")
    requests = [
        SpeakRequest("observer-1", "civil-society"),
        SpeakRequest("mag-1", "government", roles=frozenset({"mag-member"})),
        SpeakRequest("observer-2", "private-sector", remote=True),
        SpeakRequest("mag-2", "technical-community", roles=frozenset({"mag-member"})),
    ]
    result = queue_for_modality(mag, requests, Context(phase="exchange-of-views", day="mag-day"))
    assert result.order == ["mag-1", "mag-2", "observer-1", "observer-2"]


def test_open_consultation_day_non_mag_first_and_anonymous_refused() -> None:
    igf = load_modality("igf-open-consultation")
    requests = [
        SpeakRequest("mag-1", "government", roles=frozenset({"mag-member"})),
        SpeakRequest("ngo", "civil-society", remote=True),
        SpeakRequest("firm", "private-sector"),
    ]
    ctx = Context(phase="open-consultation", day="open-consultation-day")
    assert queue_for_modality(igf, requests, ctx).order == ["ngo", "firm", "mag-1"]
    # without a day kind, one queue in arrival order
    plain = queue_for_modality(igf, requests, Context(phase="open-consultation"))
    assert plain.order == ["mag-1", "ngo", "firm"]


def test_rotation_four_microphones_two_remote_slots() -> None:
    nm = load_modality("netmundial")
    requests = [
        SpeakRequest("cs1", "civil-society"),
        SpeakRequest("cs2", "civil-society"),
        SpeakRequest("gov1", "government"),
        SpeakRequest("r1", "private-sector", remote=True),
        SpeakRequest("tech1", "technical-community"),
        SpeakRequest("r2", "academia", remote=True),
        SpeakRequest("ps1", "private-sector"),
        SpeakRequest("r3", "government", remote=True),
        SpeakRequest("igo1", "intergovernmental"),
        SpeakRequest("chair", roles=frozenset({"chair"})),
    ]
    result = queue_for_modality(nm, requests, Context(phase="exchange-of-views"))
    assert result.order == [
        "chair",
        # round 1: academia/technical, private sector, civil society, governments, remote x2
        "tech1",
        "ps1",
        "cs1",
        "gov1",
        "r1",
        "r2",
        # round 2: the microphones still queued, then the remote slot
        "cs2",
        "igo1",
        "r3",
    ]
    rounds = {s.speaker: s.round for s in result.slots}
    assert rounds["r2"] == 1 and rounds["cs2"] == 2


def test_rotation_resumes_after_the_last_speaker() -> None:
    policy = SpeakerPolicy(
        policy="rotation",
        microphones=(Microphone("a", ("academia",)), Microphone("c", ("civil-society",))),
    )
    state = QueueState(policy)
    for request in (
        SpeakRequest("a1", "academia"),
        SpeakRequest("a2", "academia"),
        SpeakRequest("c1", "civil-society"),
    ):
        state = enqueue(state, request)
    first, state = next_speaker(state)
    assert first is not None and first.speaker == "a1"
    state = enqueue(state, SpeakRequest("a3", "academia"))
    # Civil society's microphone is next, even though academia queued again.
    assert names(order(state)) == ["c1", "a2", "a3"]


def test_redrafting_room_refuses_non_chairs() -> None:
    nm = load_modality("netmundial")
    result = queue_for_modality(
        nm,
        [SpeakRequest("cs1", "civil-society"), SpeakRequest("adv", roles=frozenset({"advisor"}))],
        Context(phase="drafting"),
    )
    assert result.order == ["adv"]
    assert [(r.speaker, r.rule) for r in result.refused] == [("cs1", "netmundial/default-deny")]
