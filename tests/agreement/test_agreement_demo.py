"""The demo's agreement page: the IGF 2007 stock-taking call has common ground, statements that
divide the groups and opinion groups, linked from the call page, in English and Arabic."""

from __future__ import annotations

import pytest
from django.test import Client

from roundtable.contributions.models import CallForInput
from roundtable.demo.world import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_call_shows_common_ground_division_and_opinion_groups(client: Client) -> None:
    load_demo()
    call = CallForInput.objects.get(process__venue__slug="igf", process__slug="stock-taking-2007")
    assert f"/calls/{call.pk}/agreement/" in client.get(f"/calls/{call.pk}/").content.decode()
    body = client.get(f"/api/calls/{call.pk}/agreement").json()
    verdicts = [s["verdict"] for s in body["statements"]]
    assert verdicts == ["agree", "divided", "open", "divided"], verdicts
    assert len(body["opinion_groups"]) >= 2
    assert body["voters"] == 25
    arabic = client.get(f"/calls/{call.pk}/agreement/", HTTP_ACCEPT_LANGUAGE="ar")
    html = arabic.content.decode()
    assert arabic.status_code == 200 and 'dir="rtl"' in html
    assert "الأرضية المشتركة" in html and "مجموعات الرأي" in html
    # Marking in 2007's phases is over: the page says why, with the door's rule.
    assert 'class="refusal"' in html
