"""The audit chain covers the actor's account id and the rows events describe; a published
chain head detects a truncated tail (issue 10 point 8)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from roundtable.audit.actions import record_event
from roundtable.audit.chain import event_hash
from roundtable.audit.models import ChainHead, Event
from roundtable.audit.queries import verify_chain
from roundtable.contributions.actions import check_submit_contribution
from roundtable.contributions.models import Contribution
from roundtable.decisions import actions as decisions
from roundtable.decisions import positions
from roundtable.decisions.models import Position
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import member, published_document, world
from tests.processes.scenes import accredit, person, scene

pytestmark = pytest.mark.django_db


def _verify_fails() -> str:
    with pytest.raises(CommandError) as excinfo:
        call_command("audit", "verify")
    assert excinfo.value.returncode == 1
    return str(excinfo.value)


def test_a_flipped_vote_is_detected() -> None:
    w = world(modality="icann-gnso-council", process_slug="public")
    doc = published_document(w)
    voter = member(w, "voter@example.org", "councilor", "contracted")
    adoption = decisions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=timezone.now() + timedelta(days=2)
    )
    row = positions.check_take_position(
        actor=Actor.person(voter), adoption=adoption, position="yes"
    )
    event = Event.objects.filter(verb="position.taken").get()
    assert (event.row_type, event.row_id) == ("decisions.position", str(row.pk))
    assert event.target_id == str(adoption.pk)  # still in the adoption's history
    assert verify_chain().ok
    call_command("audit", "verify")  # intact before the tampering
    Position.objects.filter(pk=row.pk).update(position="no")  # below the ORM, as a forger would
    message = _verify_fails()
    assert f"Event #{event.seq} (decisions.position {row.pk})" in message
    assert "changed without an event" in message


def test_a_rewritten_contribution_is_detected() -> None:
    s = scene()
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    made = check_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="Input", body="Original", language="en"
    )
    assert verify_chain().ok
    Contribution.objects.filter(pk=made.pk).update(body="Rewritten")
    message = _verify_fails()
    assert f"contributions.contribution {made.pk}" in message


def test_a_deleted_row_is_detected() -> None:
    s = scene()
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    made = check_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="Input", body="Original", language="en"
    )
    Contribution.objects.filter(pk=made.pk)._raw_delete(Contribution.objects.db)
    assert "deleted without an event" in _verify_fails()


def test_a_changed_actor_is_detected() -> None:
    users = get_user_model().objects
    alice = users.create_user(username="alice", email="alice@example.org")
    mallory = users.create_user(username="mallory", email="mallory@example.org")
    record_event(actor=None, verb="test.before")
    event = record_event(actor=alice, verb="test.signed", summary={"n": 1})
    record_event(actor=None, verb="test.after")
    assert event.actor_id == alice.pk and verify_chain().ok
    Event.objects.filter(pk=event.pk).update(actor=mallory)  # the label still says alice
    message = _verify_fails()
    assert f"event #{event.seq} (id {event.pk})" in message
    assert "actor's account id" in message


def test_a_truncated_chain_with_its_head_rewound_fails_against_the_published_head(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = [record_event(actor=None, verb="test.thing", summary={"n": i}) for i in range(5)]
    capsys.readouterr()
    call_command("audit", "head")
    published = json.loads(capsys.readouterr().out)
    assert published["sequence"] == 5 and published["hash"] == events[-1].hash
    assert published["at"] == events[-1].at.isoformat(timespec="microseconds")
    head_file = tmp_path / "head.json"
    head_file.write_text(json.dumps(published))
    call_command("audit", "verify", "--head", str(head_file))
    assert "5 events verified" in capsys.readouterr().out
    # Remove the last two events and rewind the head: the chain alone looks intact.
    Event.objects.filter(seq__gt=3)._raw_delete(Event.objects.db)
    ChainHead.objects.filter(id=1).update(seq=3, hash=events[2].hash)
    assert verify_chain().ok
    with pytest.raises(CommandError) as excinfo:
        call_command("audit", "verify", "--head", str(head_file))
    assert excinfo.value.returncode == 1
    assert "truncated" in str(excinfo.value) and "#5" in str(excinfo.value)
    assert "ends at #3" in str(excinfo.value)


def test_a_rewritten_chain_fails_against_the_published_head(tmp_path: Path) -> None:
    events = [record_event(actor=None, verb="test.thing", summary={"n": i}) for i in range(3)]
    head_file = tmp_path / "head.json"
    head_file.write_text(json.dumps({"sequence": 3, "hash": "a" * 64, "at": ""}))
    with pytest.raises(CommandError) as excinfo:
        call_command("audit", "verify", "--head", str(head_file))
    assert f"event #{events[2].seq}" in str(excinfo.value)
    assert "published head" in str(excinfo.value)


@pytest.mark.parametrize(
    "content", ["not json", "{}", '{"sequence": -1, "hash": "x"}', '{"sequence": "a", "hash": 1}']
)
def test_a_bad_head_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    head_file = tmp_path / "head.json"
    head_file.write_text(content)
    with pytest.raises(CommandError) as excinfo:
        call_command("audit", "verify", "--head", str(head_file))
    assert excinfo.value.returncode == 2 and "published head" in str(excinfo.value)


def test_events_of_the_first_format_still_verify() -> None:
    """Events written before format 2 (no actor id, no row) keep their old hash."""
    at = timezone.now()
    old = Event(
        seq=1, at=at, actor_label="system", verb="old.event", summary={"n": 1}, prev_hash="0" * 64
    )
    old.format = 1
    old.hash = event_hash(
        seq=1,
        at=at,
        actor="system",
        verb="old.event",
        target_type="",
        target_id="",
        summary={"n": 1},
        prev_hash="0" * 64,
    )
    old.save()
    ChainHead.objects.update_or_create(id=1, defaults={"seq": 1, "hash": old.hash})
    new = record_event(actor=None, verb="new.event")
    assert new.format == 2 and new.prev_hash == old.hash
    result = verify_chain()
    assert result.ok and result.checked == 2
    # An unknown format is named, not guessed.
    Event.objects.filter(pk=new.pk).update(format=9)
    assert "unknown hash format 9" in _verify_fails()


def test_the_whole_demo_verifies_rows_included(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every action of the demo records its row after saving it: no false alarm."""
    call_command("demo")
    capsys.readouterr()
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "Audit chain intact" in out and "rows match their last events" in out
    assert verify_chain().rows_checked > 10
