from __future__ import annotations

import pytest
from django.test import Client

from roundtable.demo.world import load_world
from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_create_venue

pytestmark = pytest.mark.django_db


def test_empty_home_says_what_to_do(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "There are no venues yet" in body
    assert 'dir="ltr"' in body and 'lang="en"' in body


def test_home_lists_venues_and_processes(client: Client) -> None:
    load_world()
    body = client.get("/").content.decode()
    assert "Internet Governance Forum" in body
    assert "IGF stock-taking, February 2007" in body
    assert "World Telecommunication Policy Forum" in body


def test_demo_world_is_idempotent_and_audited() -> None:
    from roundtable.audit.models import Event
    from roundtable.processes.models import Process
    from roundtable.venues.models import Venue

    first = load_world()
    events = Event.objects.count()
    second = load_world()
    assert first["venues"] == 4 and second == {"venues": 0, "processes": 0}
    assert Venue.objects.count() == 4 and Process.objects.count() == 4
    assert Event.objects.count() == events == 8


def test_arabic_is_right_to_left(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert 'dir="rtl"' in body and 'lang="ar"' in body


def test_home_query_count_does_not_grow_with_venues(
    client: Client, django_assert_max_num_queries
) -> None:
    for i in range(20):
        do_create_venue(
            actor=Actor.operator(), slug=f"v{i}", name=f"Venue {i}", default_modality="ietf-wg"
        )
    # Venues and processes (2), what is open now (observable processes, twice per list: 6;
    # the mailing lists: 1): a constant, whatever the number of venues.
    with django_assert_max_num_queries(9):
        client.get("/")
