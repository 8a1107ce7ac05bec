"""Region and gender in a balance: only in aggregate, a small cell hidden (with the next
smallest, so it cannot be worked out from the total), nothing when nobody declared."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.contributions.actions import do_open_call, do_submit_contribution
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.accounts import do_register_participant
from roundtable.stakeholders.actions import do_decide_accreditation, do_request_accreditation
from tests.drafting.scenes import world
from tests.processes.scenes import group

pytestmark = pytest.mark.django_db

REGIONS = ["Europe"] * 6 + ["Asia-Pacific"] * 5 + ["Africa"] * 2 + [""] * 3


def _scene() -> str:
    w = world(modality="icann-public-comment", phase="open-consultation", venue_slug="igf")
    now = timezone.now()
    call = do_open_call(
        actor=Actor.person(w.secretariat), process=w.process, title="Call",
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=5),
    )  # fmt: skip
    for n, region in enumerate(REGIONS):
        user = do_register_participant(
            actor=Actor.anonymous(), email=f"p{n}@example.org", password=None,
            display_name=f"P{n}", region=region, verified=True, send_verification=False,
        )  # fmt: skip
        request = do_request_accreditation(
            actor=Actor.person(user), venue=w.venue, group=group("civil-society")
        )
        do_decide_accreditation(
            actor=Actor.person(w.secretariat), accreditation=request, approve=True
        )
        do_submit_contribution(
            actor=Actor.person(user), call=call, title=f"Input {n}", body="A few words here.",
            language="en",
        )  # fmt: skip
    return f"/api/processes/{w.venue.slug}/{w.process.slug}/balance"


def test_small_region_cells_are_hidden_and_undeclared_absent() -> None:
    body = Client().get(_scene()).json()
    regions = {r["region"]: r["count"] for r in body["regions"]}
    # Africa (2) is below five; Asia-Pacific (5) is hidden with it, or Africa = total - the rest.
    assert regions == {"Europe": 6, "Asia-Pacific": None, "Africa": None}
    assert "" not in regions
    assert body["genders"] == []  # nobody declared a gender: no cell at all
    participants = {c["group"]: c["count"] for c in body["measures"]["participants"]}
    assert participants == {"civil-society": len(REGIONS)}


def test_the_page_and_the_csv_say_no_more_than_the_api() -> None:
    url = _scene()
    page = Client().get(url.replace("/api/processes", "/venues") + "/").content.decode()
    assert "Europe" in page and "Africa" in page
    assert ">2<" not in page  # Africa's count is not shown
    csv = Client().get(url + ".csv").content.decode()
    assert "region,Africa,Africa,," in csv.replace("\r", "")
