from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from roundtable.audit.actions import record_event
from roundtable.audit.models import AppendOnlyError, Event
from roundtable.audit.queries import verify_chain

pytestmark = pytest.mark.django_db


def _events(n: int) -> list[Event]:
    return [
        record_event(actor=None, verb="test.thing", summary={"n": i, "text": "é∂"})
        for i in range(n)
    ]


def test_events_chain_each_to_the_one_before() -> None:
    events = _events(4)
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert events[0].prev_hash == "0" * 64
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    result = verify_chain()
    assert result.ok and result.checked == 4


def test_verify_command_reports_intact_chain(capsys: pytest.CaptureFixture[str]) -> None:
    _events(3)
    call_command("audit", "verify")
    assert "3 events verified" in capsys.readouterr().out


def test_tampered_event_is_named_by_verify() -> None:
    events = _events(5)
    # Tamper below the ORM guard, as someone with database access would.
    Event.objects.filter(pk=events[2].pk).update(summary={"n": 999})
    with pytest.raises(CommandError) as excinfo:
        call_command("audit", "verify")
    message = str(excinfo.value)
    assert f"event #{events[2].seq} (id {events[2].pk})" in message
    assert "no longer matches its hash" in message
    assert excinfo.value.returncode == 1


def test_rehashed_tampering_breaks_the_next_link() -> None:
    events = _events(4)
    # A forger who also recomputes the tampered event's hash still breaks the next link.
    Event.objects.filter(pk=events[1].pk).update(hash="f" * 64)
    result = verify_chain()
    assert result.first_break is not None
    assert result.first_break.seq == events[1].seq


def test_deleted_event_is_reported_as_missing() -> None:
    events = _events(4)
    Event.objects.filter(pk=events[1].pk)._raw_delete(Event.objects.db)  # bypass the guard
    result = verify_chain()
    assert result.first_break is not None
    assert result.first_break.seq == 2
    assert "missing" in result.first_break.problem


def test_truncated_tail_is_reported() -> None:
    events = _events(3)
    Event.objects.filter(pk=events[2].pk)._raw_delete(Event.objects.db)
    result = verify_chain()
    assert not result.ok and result.first_break is not None and result.first_break.seq == 3


def test_orm_cannot_change_or_delete_an_event() -> None:
    event = _events(1)[0]
    event.verb = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_verify_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    events = _events(2)
    Event.objects.filter(pk=events[0].pk).update(verb="x")
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--json")
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False and payload["broken_seq"] == 1
