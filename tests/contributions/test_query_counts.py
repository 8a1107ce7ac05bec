"""The process page and the contributions list cost the same number of queries for 10 and for
1,000 contributions (rows made by the documented bulk helper, tests/contributions/bulk.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.contributions.bulk import bulk_contributions
from tests.processes.scenes import accredit, person, scene

pytestmark = pytest.mark.django_db


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_queries_do_not_grow_with_contributions(
    client: Client, signed_in: bool, settings: Any
) -> None:
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0  # the full render is what is counted
    small, large = scene(process_slug="small"), scene(process_slug="large")
    author = person("author@example.org")
    accredit(author, small.venue, "civil-society")
    bulk_contributions(small.call, author, 10)
    bulk_contributions(large.call, author, 1000)
    if signed_in:
        client.force_login(author)
    pages = {
        "process": ("/venues/itu/small/", "/venues/itu/large/"),
        "contributions": (f"/calls/{small.call.pk}/", f"/calls/{large.call.pk}/"),
        "api list": (
            f"/api/calls/{small.call.pk}/contributions",
            f"/api/calls/{large.call.pk}/contributions",
        ),
        "export": (
            "/api/processes/itu/small/contributions.json",
            "/api/processes/itu/large/contributions.json",
        ),
        "balance": ("/venues/itu/small/balance/", "/venues/itu/large/balance/"),
        "balance api": ("/api/processes/itu/small/balance", "/api/processes/itu/large/balance"),
        "stock-taking report": ("/venues/itu/small/report/", "/venues/itu/large/report/"),
    }
    for name, (few, many) in pages.items():
        _count(client, few)  # warm caches (modality files, content types)
        assert _count(client, few) == _count(client, many), name
