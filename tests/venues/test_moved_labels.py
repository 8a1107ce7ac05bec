"""Venue and VenueRole moved to the venues app (issue 9 point 6): events recorded before the move
name them "processes.venue" and "stakeholders.venuerole", and still resolve to them."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils import timezone

from roundtable.audit.actions import append, record_event
from roundtable.audit.chain import CURRENT_FORMAT, GENESIS
from roundtable.audit.models import ChainHead, Event
from roundtable.audit.queries import list_events_for, verify_chain
from roundtable.audit.rows import MOVED_MODELS, digest_of, model_for
from roundtable.venues.models import Venue, VenueRole

pytestmark = pytest.mark.django_db


def _old_event(venue: Venue, verb: str) -> Event:
    """An event as the trail wrote it before the move: under the old label."""
    head, _created = ChainHead.objects.get_or_create(id=1, defaults={"seq": 0, "hash": GENESIS})
    event = Event(
        seq=head.seq + 1,
        at=timezone.now(),
        actor=None,
        actor_label="system",
        verb=verb,
        target_type="processes.venue",
        target_id=str(venue.pk),
        summary={},
        prev_hash=head.hash,
        format=CURRENT_FORMAT,
        row_type="processes.venue",
        row_id=str(venue.pk),
        row_digest=digest_of(venue),
    )
    append(event)
    return event


def test_old_labels_resolve_to_the_moved_models() -> None:
    assert model_for("processes.venue") is Venue
    assert model_for("stakeholders.venuerole") is VenueRole
    assert model_for("venues.venue") is Venue and model_for("venues.venuerole") is VenueRole
    assert Venue._meta.db_table == "processes_venue"
    assert VenueRole._meta.db_table == "stakeholders_venuerole"
    for old, new in MOVED_MODELS.items():
        with pytest.raises(LookupError):  # the old label is no installed model any more
            apps.get_model(old)
        assert apps.get_model(new)._meta.label_lower == new


def test_an_old_event_still_checks_its_row() -> None:
    venue = Venue.objects.create(slug="igf", name="IGF", default_modality="igf-open")
    _old_event(venue, "venue.created")
    result = verify_chain()
    assert result.ok and result.rows_checked == 1
    Venue.objects.filter(pk=venue.pk).update(name="Forged")  # below the ORM, as a forger would
    result = verify_chain()
    assert not result.ok
    assert [m.target_id for m in result.row_mismatches] == [str(venue.pk)]


def test_a_later_event_under_the_new_label_supersedes_the_old_one() -> None:
    venue = Venue.objects.create(slug="igf", name="IGF", default_modality="igf-open")
    old = _old_event(venue, "venue.created")
    Venue.objects.filter(pk=venue.pk).update(name="Internet Governance Forum")
    venue.refresh_from_db()
    new = record_event(actor="test", verb="venue.changed", target=venue)
    assert new.target_type == "venues.venue"
    result = verify_chain()
    assert result.ok and result.rows_checked == 1
    assert list(list_events_for(venue)) == [old, new]
