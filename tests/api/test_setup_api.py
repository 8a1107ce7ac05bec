"""The set-up API: what a secretariat does to set up and run a process, and each refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.api.actions import do_create_token
from roundtable.audit.models import Event
from roundtable.permissions.actor import Actor
from roundtable.processes.models import Phase, Process
from roundtable.venues.models import Venue, VenueRole
from tests.processes.scenes import person, scene

pytestmark = pytest.mark.django_db

RULES = """\
modality: village-hearing
title: Village hearing
extends: open-mailing-list
"""


def _auth(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "HTTP_AUTHORIZATION": f"Bearer {do_create_token(actor=Actor.person(user), name='t')[1]}"
    }


def _send(client: Client, method: str, url: str, payload: dict, who) -> object:  # type: ignore[no-untyped-def]
    headers = _auth(who) if who is not None else {}
    return getattr(client, method)(url, payload, content_type="application/json", **headers)


def _error(response, status: int, code: str) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    body = response.json()["error"]
    assert body["code"] == code, body
    return str(body["message"])


def test_operator_creates_venue_and_secretariat_sets_up_a_process(client: Client) -> None:
    s = scene()
    operator = person("op@example.org")
    operator.is_superuser = True  # the operator; `is_staff` alone is no role
    operator.save()
    made = _send(client, "post", "/api/venues", {
        "slug": "wsis", "name": "WSIS Forum", "default_modality": "open-mailing-list",
        "description": "منتدى القمة العالمية", "language": "ar"}, operator)  # fmt: skip
    assert made.status_code == 201, made.content
    assert Venue.objects.get(slug="wsis").description_language == "ar"
    _error(_send(client, "post", "/api/venues", {
        "slug": "wsis", "name": "Again", "default_modality": "open-mailing-list"}, operator),
        409, "exists")  # fmt: skip
    # the operator gives the venue its secretariat
    given = _send(client, "post", "/api/venues/wsis/roles",
                  {"email": s.secretariat.email, "role": "secretariat"}, operator)  # fmt: skip
    assert given.status_code == 201, given.content
    assert VenueRole.objects.filter(venue__slug="wsis", role="secretariat").exists()
    _error(_send(client, "post", "/api/venues/wsis/roles",
                 {"email": s.secretariat.email, "role": "king"}, operator), 400, "role")  # fmt: skip
    _error(_send(client, "post", "/api/venues/wsis/roles",
                 {"email": "nobody@example.org", "role": "chair"}, operator),
           404, "unknown_person")  # fmt: skip
    # the secretariat uploads a rule file, creates a process under it
    bad = _send(client, "post", "/api/venues/wsis/rule-files",
                {"text": RULES + "rules: [{id: x, permit: [fly]}]\n", "filename": "h.yaml"},
                s.secretariat)  # fmt: skip
    assert "h.yaml:4" in _error(bad, 400, "rule_file")
    uploaded = _send(client, "post", "/api/venues/wsis/rule-files",
                     {"text": RULES, "filename": "h.yaml"}, s.secretariat)  # fmt: skip
    assert uploaded.status_code == 201 and uploaded.json()["version"] == 1
    created = _send(client, "post", "/api/venues/wsis/processes", {
        "slug": "hearing", "title": "Hearing", "summary": "Consulta pública", "language": "es",
        "topics": ["ai"], "modality": "village-hearing"}, s.secretariat)  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.json()["modality"] == "village-hearing"
    assert Process.objects.get(slug="hearing").summary_language == "es"
    _error(_send(client, "post", "/api/venues/wsis/processes", {
        "slug": "x", "title": "X", "language": "xx"}, s.secretariat), 400, "language")  # fmt: skip
    _error(_send(client, "post", "/api/venues/wsis/processes", {
        "slug": "y", "title": "Y", "modality": "participation"}, s.secretariat),
        400, "modality")  # fmt: skip
    assert Event.objects.filter(verb__in=["venue.created", "process.created",
                                          "rule_file.uploaded", "role.granted"]).count() >= 4  # fmt: skip


def test_phases_are_added_moved_and_closed_with_clear_refusals(client: Client) -> None:
    s = scene()
    base = f"/api/processes/itu/{s.process.slug}/phases"
    later = _send(client, "post", base, {"kind": "adoption", "title": "Adoption",
              "starts_on": "2100-03-01", "ends_on": "2100-03-05"}, s.secretariat)  # fmt: skip
    assert later.status_code == 201, later.content
    _error(_send(client, "post", base, {"kind": "party", "title": "Party",
           "starts_on": "2100-05-01", "ends_on": "2100-05-02"}, s.secretariat), 400, "kind")  # fmt: skip
    _error(_send(client, "post", base, {"kind": "drafting", "title": "Back",
           "starts_on": "2100-05-02", "ends_on": "2100-05-01"}, s.secretariat),
           400, "invalid_dates")  # fmt: skip
    phase_url = f"{base}/{later.json()['id']}"
    moved = _send(client, "patch", phase_url,
                  {"starts_on": "2100-04-01", "ends_on": "2100-04-03"}, s.secretariat)  # fmt: skip
    assert moved.status_code == 200 and moved.json()["starts_on"] == "2100-04-01"
    now_phase = s.process.phases.get(title="Now")
    clash = _send(client, "patch", phase_url, {"starts_on": str(now_phase.ends_on)}, s.secretariat)
    assert "“Now”" in _error(clash, 409, "overlap")
    _error(_send(client, "patch", phase_url, {"kind": "party"}, s.secretariat), 400, "kind")
    _error(
        _send(client, "patch", f"{base}/999999", {"title": "x"}, s.secretariat), 404, "not_found"
    )
    _error(_send(client, "post", f"{phase_url}/close", {}, s.secretariat), 409, "not_started")
    closed = _send(client, "post", f"{base}/{now_phase.pk}/close", {}, s.secretariat)
    assert closed.status_code == 200 and closed.json()["ends_on"] == str(timezone.now().date())
    Phase.objects.filter(pk=now_phase.pk).update(ends_on=timezone.now().date() - timedelta(days=1))
    _error(_send(client, "post", f"{base}/{now_phase.pk}/close", {}, s.secretariat),
           409, "already_closed")  # fmt: skip
    assert _send(client, "patch", phase_url, {"title": "x"}, None).status_code == 403
    bad_token = client.patch(phase_url, {"title": "x"}, content_type="application/json",
                             HTTP_AUTHORIZATION="Bearer nope")  # fmt: skip
    assert bad_token.status_code == 401
    assert (
        _send(client, "patch", phase_url, {"starts_on": "tomorrow"}, s.secretariat).status_code
        == 422
    )


def test_calls_are_closed_once(client: Client) -> None:
    s = scene()
    closed = _send(client, "post", f"/api/calls/{s.call.pk}/close", {}, s.secretariat)
    assert closed.status_code == 200, closed.content
    _error(_send(client, "post", f"/api/calls/{s.call.pk}/close", {}, s.secretariat),
           409, "already_closed")  # fmt: skip
    _error(_send(client, "post", "/api/calls/999999/close", {}, s.secretariat), 404, "not_found")
    late = _send(client, "post", f"/api/calls/{s.call.pk}/contributions",
                 {"title": "t", "body": "b", "language": "en"}, s.secretariat)  # fmt: skip
    # Input after the close is late input: refused with the rule unless the modality takes it
    # (time rules, issue 12; tests/contributions/test_periods.py).
    assert late.status_code == 403
    assert late.json()["error"]["rule"] == "roundtable-periods/no-late-input"
