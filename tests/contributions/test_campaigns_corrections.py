"""Campaign corrections through the API (split, merge: recorded in the request, regrouped by
the task) and a campaign's signatories paged (issue 17)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from roundtable.api.actions import do_create_token
from roundtable.audit.models import Event
from roundtable.contributions.models import CampaignDecision
from roundtable.contributions.tasks import group_campaigns
from roundtable.permissions.actor import Actor
from tests.contributions.bulk import bulk_campaigns, bulk_contributions
from tests.contributions.test_campaigns import _groups, _imported, _ref
from tests.processes.scenes import person, scene

pytestmark = pytest.mark.django_db


def _auth(user: Any) -> dict[str, str]:
    raw = do_create_token(actor=Actor.person(user), name="test")[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_api_split_and_merge_are_recorded_then_regrouped_by_the_task(
    django_capture_on_commit_callbacks: Any, client: Client
) -> None:
    s = _imported(django_capture_on_commit_callbacks)
    group_campaigns.call(s.call.pk, "test")
    queued = DBTaskResult.objects.filter(task_path__endswith="group_campaigns")
    before = queued.count()
    secretariat, stranger = _auth(s.secretariat), _auth(person("stranger@example.org"))

    def post(url: str, payload: dict[str, Any], headers: dict[str, str]) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, payload, content_type="application/json", **headers)

    split_url = f"/api/campaigns/{_ref('1')}/split"
    refused = post(split_url, {"member": _ref("4")}, stranger)
    assert refused.status_code == 403 and refused.json()["error"]["rule"]
    assert post(split_url, {"member": _ref("5")}, secretariat).status_code == 404  # not a member
    answer = post(split_url, {"member": _ref("4")}, secretariat)
    assert answer.status_code == 202, answer.content
    body = answer.json()
    assert body["kind"] == "split" and body["contribution"] == _ref("4") and body["regrouping"]
    # Recorded and audited in the request; the campaigns are the worker's to recompute.
    assert CampaignDecision.objects.filter(pk=body["decision"]).exists()
    assert Event.objects.filter(verb="contributions.campaign_split").count() == 1
    assert queued.count() == before + 1
    assert _groups(s) == [["1", "2", "3", "4"], ["5", "6"]]
    waiting = client.get(f"/contributions/{_ref('1')}/campaign/?redline={_ref('2')}")
    # htmx asks for the page again (the same address) until the regrouping is done.
    assert "Regrouping…" in waiting.content.decode()
    assert (
        f'hx-get="/contributions/{_ref("1")}/campaign/?redline={_ref("2")}" hx-trigger="every 3s"'
        in waiting.content.decode()
    )
    group_campaigns.call(s.call.pk, "test")
    assert _groups(s) == [["1", "2", "3"], ["5", "6"]]
    done = client.get(f"/calls/{s.call.pk}/campaigns/").content.decode()
    assert "Regrouping…" not in done and '<div id="campaigns-page">' in done  # no more asking

    merge = {"campaign": _ref("2"), "other": _ref("6")}
    assert post("/api/campaigns/merge", merge, stranger).status_code == 403
    same = post("/api/campaigns/merge", {"campaign": _ref("2"), "other": _ref("3")}, secretariat)
    assert same.status_code == 400 and same.json()["error"]["code"] == "not_one_call"
    answer = post("/api/campaigns/merge", merge, secretariat)
    assert answer.status_code == 202, answer.content
    # The decision names each campaign by its first member.
    assert (answer.json()["contribution"], answer.json()["other"]) == (_ref("1"), _ref("5"))
    assert queued.count() == before + 2
    group_campaigns.call(s.call.pk, "test")
    assert _groups(s) == [["1", "2", "3", "5", "6"]]
    assert Event.objects.filter(verb="contributions.campaign_merge").count() == 1


def test_a_campaign_of_250_members_is_paged(client: Client) -> None:
    s = scene()
    bulk_contributions(s.call, person("author@example.org"), 250)
    (campaign,) = bulk_campaigns(s.call, [250])
    ids = sorted(campaign.members.values_list("contribution_id", flat=True))
    url = f"/contributions/{ids[0]}/campaign/"
    first = client.get(url).content.decode()
    listed = [int(i) for i in re.findall(r'href="\?redline=(\d+)"', first)]
    assert listed == ids[:200] and "A campaign of 250 signatories" in first
    after = re.search(r'href="(\?after=[^"]+)" rel="next"', first)
    assert after is not None and 'rel="prev"' not in first
    second = client.get(url + after.group(1).replace("&amp;", "&")).content.decode()
    assert [int(i) for i in re.findall(r'href="\?redline=(\d+)"', second)] == ids[200:]
    assert 'rel="prev"' in second and 'rel="next"' not in second
    # A redline of a member listed on the second page, asked from the first.
    shown = client.get(f"{url}?redline={ids[-1]}").content.decode()
    assert "Bulk contribution 249 against the template" in shown
