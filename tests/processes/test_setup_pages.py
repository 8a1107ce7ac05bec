"""The set-up pages ask the door: each kind of standing gets the page (200) or a refusal (403)
exactly as the engine decides; a failed submit keeps the values and links errors to fields."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from roundtable.permissions.door import decide
from roundtable.permissions.standing import PARTICIPATION
from tests.processes.scenes import accredit, person, scene

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_every_setup_page_against_the_engine() -> None:
    s = scene()
    member = person("member@example.org")
    accredit(member, s.venue, "civil-society")
    operator = person("operator@example.org")
    operator.is_superuser = True  # the operator; `is_staff` alone is no role
    operator.save()
    phase = s.process.phases.get()
    people = {"anonymous": None, "signed-in": person("someone@example.org"),
              "civil-society": member, "secretariat": s.secretariat, "operator": operator}  # fmt: skip
    venue = {"venue": "itu"}
    pages = [
        ("/venues/new/", "create_venue", "platform", {}),
        ("/venues/itu/processes/new/", "manage_process", PARTICIPATION, venue),
        ("/venues/itu/rule-files/new/", "manage_process", PARTICIPATION, venue),
        ("/venues/itu/roles/new/", "assign_roles", PARTICIPATION, venue),
        (
            f"/venues/itu/{s.process.slug}/phases/{phase.pk}/",
            "manage_process",
            PARTICIPATION,
            venue,
        ),
    ]
    seen: dict[str, set[bool]] = {}
    for url, right, modality, context in pages:
        for kind, user in people.items():
            allowed = decide(user, right=right, modality=modality, context=context).allowed
            response = _client(user).get(url)
            assert response.status_code == (200 if allowed else 403), f"{url} as {kind}"
            seen.setdefault(url, set()).add(allowed)
    assert all(v == {True, False} for v in seen.values()), seen
    for url in (
        f"/venues/itu/{s.process.slug}/phases/{phase.pk}/close/",
        f"/calls/{s.call.pk}/close/",
    ):
        assert _client(member).post(url).status_code == 403
        assert _client(s.secretariat).get(url).status_code == 405


def test_a_failed_submit_keeps_values_and_links_errors() -> None:
    s = scene()
    response = _client(s.secretariat).post(
        "/venues/itu/processes/new/",
        {"slug": "budget", "title": "", "summary": "Résumé", "language": "fr",
         "modality": "/etc/shadow", "topics": "a, b"},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_title"' in html and 'href="#id_modality"' in html
    assert 'value="budget"' in html and "Résumé" in html and 'value="a, b"' in html
    assert "root:" not in html


def test_overlap_in_the_web_form_names_the_phase() -> None:
    s = scene()
    phase = s.process.phases.get()
    client = _client(s.secretariat)
    added = client.post(f"/venues/itu/{s.process.slug}/phases/add/", {
        "kind": "adoption", "title": "Adoption", "starts_on": "2100-01-01", "ends_on": "2100-01-05"})  # fmt: skip
    assert added.status_code == 302
    later = s.process.phases.get(title="Adoption")
    moved = client.post(f"/venues/itu/{s.process.slug}/phases/{later.pk}/", {
        "kind": "adoption", "title": "Adoption", "starts_on": str(phase.starts_on),
        "ends_on": "2100-01-05"})  # fmt: skip
    assert moved.status_code == 400 and "“Now”" in moved.content.decode()
    refused = client.post(f"/venues/itu/{s.process.slug}/phases/add/", {
        "kind": "party", "title": "Party", "starts_on": "2101-01-01", "ends_on": "2101-01-05"})  # fmt: skip
    assert refused.status_code == 400
