"""Campaigns in a call (issue 17, part 3): the grouping action and its task, the secretariat's
split and merge kept on recomputation, counts with and without campaigns, the pages, the API
and the balance's second figure."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from roundtable.audit.models import Event
from roundtable.contributions.campaigns import apply_decisions, majority
from roundtable.contributions.imports import do_import_haveyoursay
from roundtable.contributions.models import Campaign, CampaignMember, Contribution
from roundtable.contributions.tasks import group_campaigns
from roundtable.permissions.actor import Actor
from tests.processes.scenes import Scene, person, scene

HEADER = "id,user_type,organization,first_name,surname,country,language,feedback,date_feedback\n"
LETTER = (
    "We call on the Commission to ban facial recognition in public spaces without exception. "
    "Biometric mass surveillance has no place in a democratic society and must end now. "
    "The proposal leaves far too many loopholes for law enforcement and private companies."
)
OTHER = (
    "Small firms need a regulatory sandbox that is open, cheap and quick to enter for them. "
    "The conformity assessment for high risk systems should scale with the size of a company. "
    "Standards must be published free of charge so that start-ups can actually read them."
)
ALONE = (
    "Our university has studied the definition of artificial intelligence in annex one at "
    "length and finds it too broad, since it covers ordinary statistical software used in "
    "every laboratory, which was surely never the intention of the legislator in Brussels."
)


def _rows() -> str:
    rows = [
        ("1", "ngo", LETTER + " Signed, Anna."),
        ("2", "eu_citizen", LETTER + " Best regards from Lyon."),
        ("3", "eu_citizen", LETTER),
        ("4", "company", LETTER + " We are a small shop."),
        ("5", "company", OTHER + " Kind regards."),
        ("6", "business_association", OTHER),
        ("7", "academic_research_institution", ALONE),
        ("8", "company", "See attached file"),
        ("9", "company", "See attached file"),
    ]
    return HEADER + "".join(
        f'{ref},{kind},,,,,en,"{text}",2021-05-0{ref} 10:00:00\n' for ref, kind, text in rows
    )


def _imported(django_capture_on_commit_callbacks: Any) -> Scene:
    s = scene()
    with django_capture_on_commit_callbacks(execute=True):
        report = do_import_haveyoursay(actor=Actor.person(s.secretariat), call=s.call, text=_rows())
    assert report.created == 9
    return s


def _ref(ref: str) -> int:
    return Contribution.objects.get(source_ref=ref).pk


def _groups(s: Scene) -> list[list[str]]:
    found: dict[int, list[str]] = {}
    for m in CampaignMember.objects.filter(campaign__call=s.call).select_related("contribution"):
        found.setdefault(m.campaign_id, []).append(m.contribution.source_ref)
    return sorted(sorted(g) for g in found.values())


def test_majority_and_decisions_are_plain_rules() -> None:
    assert majority(["a", "b", "b"]) == "b" and majority(["a", "b"]) == "a"
    assert majority([]) == ""
    groups = [[1, 2, 3], [4, 5]]
    assert apply_decisions(groups, [("split", 2, None)]) == [[1, 3], [4, 5]]
    assert apply_decisions(groups, [("merge", 1, 4)]) == [[1, 2, 3, 4, 5]]
    assert apply_decisions(groups, [("merge", 1, 9), ("split", 4, None)]) == [[1, 2, 3, 9]]


@pytest.mark.django_db
def test_import_queues_the_grouping_and_the_task_stores_campaigns(
    django_capture_on_commit_callbacks: Any,
) -> None:
    s = _imported(django_capture_on_commit_callbacks)
    queued = DBTaskResult.objects.filter(task_path__endswith="group_campaigns")
    assert queued.count() == 1
    summary = group_campaigns.call(s.call.pk, "test")
    assert summary["campaigns"] == 2 and summary["largest"] == 4
    # The short pointers to an attachment are not a campaign.
    assert _groups(s) == [["1", "2", "3", "4"], ["5", "6"]]
    letter = CampaignMember.objects.get(contribution__source_ref="1")
    assert letter.campaign.template.splitlines()[0].startswith("We call on the Commission")
    assert letter.additions == "Signed, Anna."
    assert CampaignMember.objects.get(contribution__source_ref="3").additions == ""
    assert Event.objects.filter(verb="contributions.campaigns_grouped").count() == 1


@pytest.mark.django_db
def test_split_and_merge_are_audited_and_survive_a_recomputation(
    django_capture_on_commit_callbacks: Any, client: Client
) -> None:
    s = _imported(django_capture_on_commit_callbacks)
    group_campaigns.call(s.call.pk, "test")
    stranger = person("stranger@example.org")
    client.force_login(stranger)
    assert client.post(f"/contributions/{_ref('4')}/campaign/split/").status_code == 403
    client.force_login(s.secretariat)
    queued = DBTaskResult.objects.filter(task_path__endswith="group_campaigns")
    before = queued.count()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/contributions/{_ref('4')}/campaign/split/")
    assert answer.status_code == 302
    # The decision is recorded in the request; the regrouping is the worker's (a task queued).
    assert _groups(s) == [["1", "2", "3", "4"], ["5", "6"]] and queued.count() == before + 1
    assert "Regrouping…" in client.get(f"/calls/{s.call.pk}/campaigns/").content.decode()
    group_campaigns.call(s.call.pk, "test")
    assert _groups(s) == [["1", "2", "3"], ["5", "6"]]
    assert "Regrouping…" not in client.get(f"/calls/{s.call.pk}/campaigns/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/contributions/{_ref('1')}/campaign/merge/", {"other": _ref("5")})
    assert answer.status_code == 302
    group_campaigns.call(s.call.pk, "test")
    assert _groups(s) == [["1", "2", "3", "5", "6"]]
    group_campaigns.call(s.call.pk, "test")  # the grouper alone would undo both
    assert _groups(s) == [["1", "2", "3", "5", "6"]]
    verbs = set(Event.objects.values_list("verb", flat=True))
    assert {"contributions.campaign_split", "contributions.campaign_merge"} <= verbs
    answer = client.post(f"/calls/{s.call.pk}/campaigns/group/")
    assert answer.status_code == 302
    assert Event.objects.filter(verb="contributions.campaigns_queued").count() == 1


@pytest.mark.django_db
def test_pages_and_api_count_a_campaign_once(
    django_capture_on_commit_callbacks: Any, client: Client
) -> None:
    s = _imported(django_capture_on_commit_callbacks)
    group_campaigns.call(s.call.pk, "test")
    body = client.get(f"/api/calls/{s.call.pk}/campaigns").json()
    counts = {c["group"]: (c["contributions"], c["voices"]) for c in body["counts"]}
    # Campaign 1-4: two civil society, two private sector: the tie goes to the earliest
    # member's group (civil society); campaign 5-6: one company, one association.
    assert counts == {
        "civil-society": (3, 1),
        "private-sector": (5, 3),
        "academia": (1, 1),
    }
    assert [c["size"] for c in body["campaigns"]] == [4, 2]
    assert body["campaigns"][0]["anchor"] == _ref("1")
    page = client.get(f"/calls/{s.call.pk}/campaigns/").content.decode()
    assert "4 signatories" in page and "A campaign counted once" in page
    one = client.get(f"/contributions/{_ref('2')}/campaign/?redline={_ref('2')}")
    text = one.content.decode()
    assert one.status_code == 200 and "<ins>" in text and "Best regards from Lyon." in text
    alone = client.get(f"/contributions/{_ref('7')}/campaign/").content.decode()
    assert "counts on its own" in alone
    balance = client.get(f"/api/processes/{s.venue.slug}/{s.process.slug}/balance").json()
    voices = {c["group"]: c["count"] for c in balance["measures"]["voices"]}
    assert voices["civil-society"] == 1 and voices["private-sector"] == 3
    assert (
        "Inputs, a campaign counted once"
        in client.get(f"/venues/{s.venue.slug}/{s.process.slug}/balance/").content.decode()
    )
    assert Campaign.objects.filter(call=s.call).count() == 2
