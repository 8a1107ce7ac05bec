"""Submitting input needs the statement the permitting rule requires, kept current.

Sources: GNSO Operating Procedures 5.3.1 (a Statement of Interest, updated at least once a
year, "is a precondition for Relevant Parties to participate"); BCP 79 (RFC 8179) section 1
(anything said on an IETF list or in a session is a Contribution under the Note Well).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from roundtable.contributions.actions import check_submit_contribution, do_open_call
from roundtable.contributions.models import CallForInput
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.disclosures import do_file_disclosure
from roundtable.stakeholders.roles import do_grant_role
from tests.processes.scenes import Scene, person, scene

pytestmark = pytest.mark.django_db


def _open_call(s: Scene) -> CallForInput:
    now = timezone.now()
    return do_open_call(
        actor=Actor.operator("t"), process=s.process, title="Input",
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=10),
    )  # fmt: skip


def _submit(user: object, call: CallForInput) -> object:
    return check_submit_contribution(
        actor=Actor.person(user), call=call, title="Input", body="Text.", language="en"
    )


def test_ietf_input_needs_the_note_well_acknowledged() -> None:
    # BCP 79 (RFC 8179): input to a working group is a Contribution under the Note Well.
    s = scene(venue_slug="ietf", modality="ietf-wg", phase_kind="drafting", process_slug="quic")
    call, alice = _open_call(s), person("alice@example.org")
    with pytest.raises(PermissionDenied) as refused:
        _submit(alice, call)
    said = str(refused.value)
    assert "ietf-wg/anyone-participates" in said and "Note Well" in said
    assert "none is on file" in said and "File or update" in said
    do_file_disclosure(actor=Actor.person(alice), venue=s.venue, kind="note_well", text="")
    assert _submit(alice, call) is not None


def test_gnso_input_needs_a_current_statement_of_interest() -> None:
    # GNSO Operating Procedures 5.3.1: updated "not less frequently than once a year".
    s = scene(venue_slug="icann", modality="icann-gnso-pdp-wg", phase_kind="drafting")
    call, bob = _open_call(s), person("bob@example.org")
    do_grant_role(actor=Actor.operator("t"), user=bob, venue=s.venue, role="member")
    do_file_disclosure(
        actor=Actor.person(bob), venue=s.venue, kind="statement_of_interest", text="Registrar.",
        now=timezone.now() - timedelta(days=400),
    )  # fmt: skip
    with pytest.raises(PermissionDenied) as stale:
        _submit(bob, call)
    assert "members-participate" in str(stale.value)
    assert "older than the modality allows" in str(stale.value)
    do_file_disclosure(
        actor=Actor.person(bob), venue=s.venue, kind="statement_of_interest", text="Registry."
    )
    assert _submit(bob, call) is not None


def test_modality_without_disclosures_is_unaffected() -> None:
    s = scene(venue_slug="igf", modality="igf-open-consultation", phase_kind="open-consultation")
    call, carol = _open_call(s), person("carol@example.org")
    assert _submit(carol, call) is not None
