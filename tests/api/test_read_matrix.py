"""Every GET route, web and API, driven with every kind of standing against the CWG-Internet
demo process and its Member-States-only document (issue 9, reads through the door).

The routes come from Django's URL resolver and the API's OpenAPI document (as in
tests/foundation/test_fuzz_routes.py); ROUTES must say, for each, what it is about, so a new
route that is not listed here fails `test_every_get_route_is_covered`. Per route and standing:

- never a 5xx;
- about the members-only document (`doc`, `doc-form`): 403 (405 for a POST-only form) unless the door lets that standing
  observe it (`observe` with the fact `members-only` under `itu-cwg-internet`); a read (`doc`)
  then answers 200;
- about the process's public record (`process`, `process-form`): 403 unless the door lets
  that standing observe it (fact `public-record`); a read then answers 200;
- anywhere (`other` included): the members-only text and title appear in no answer to a
  standing that may not observe them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from roundtable.api.actions import do_create_token
from roundtable.contributions.models import Contribution
from roundtable.demo.cwg import MEMBERS_DOCUMENT, load_cwg
from roundtable.demo.world import load_demo
from roundtable.drafting.amendment_actions import do_propose_amendment
from roundtable.drafting.models import Document
from roundtable.drafting.paragraph_actions import do_comment_paragraph
from roundtable.meetings.actions import AgendaEntry, do_schedule_meeting
from roundtable.permissions.actor import Actor
from roundtable.processes.models import Process
from roundtable.processes.reading import MEMBERS_ONLY, PUBLIC_RECORD, may_observe
from tests.foundation.test_fuzz_routes import API_OPERATIONS, WEB_ROUTES

pytestmark = pytest.mark.django_db

SECRET = "Member States are invited to send comments"
AMENDMENT_TEXT = "A confidential amendment for Member States"
P = "venues/itu/cwg-internet"
A = "/api/processes/itu/cwg-internet"
DC = "/venues/igf/coalitions/dynamic-coalition-on-internet-rights-and-princi"  # a demo coalition
YEAR = timezone.now().year  # the demo's CWG-Internet phases run now

# Route -> (what it is about, the URL to ask, filled from the world's ids).
ROUTES: dict[str, tuple[str, str]] = {
    "": ("other", "/"),
    "healthz": ("other", "/healthz"),
    "accounts/login/": ("other", "/accounts/login/"),
    "accounts/logout/": ("other", "/accounts/logout/"),
    "accounts/me/": ("other", "/accounts/me/"),
    "accounts/me/data.zip": ("other", "/accounts/me/data.zip"),
    "accounts/me/withdraw/": ("other", "/accounts/me/withdraw/"),
    "accounts/signup/": ("other", "/accounts/signup/"),
    "accounts/verify/": ("other", "/accounts/verify/"),
    "accreditations/<int:pk>/decide/": ("other", "/accreditations/1/decide/"),
    "adoptions/<int:pk>/": ("other", "/adoptions/1/"),
    "amendments/<int:pk>/": ("doc", "/amendments/{amendment}/"),
    "calls/<int:call_id>/close/": ("process-form", "/calls/{call}/close/"),
    "calls/<int:call_id>/extend/": ("process-form", "/calls/{call}/extend/"),
    "calls/<int:pk>/": ("process", "/calls/{call}/"),
    "calls/<int:pk>/agreement/": ("process", "/calls/{call}/agreement/"),
    "calls/<int:pk>/campaigns/": ("process", "/calls/{call}/campaigns/"),
    "calls/<int:pk>/campaigns/group/": ("process-form", "/calls/{call}/campaigns/group/"),
    "claims/<int:pk>/answer/": ("other", "/claims/1/answer/"),
    "contributions/<int:pk>/": ("process", "/contributions/{contribution}/"),
    "contributions/<int:pk>/campaign/": ("process", "/contributions/{contribution}/campaign/"),
    "contributions/<int:pk>/campaign/merge/": (
        "process-form",
        "/contributions/{contribution}/campaign/merge/",
    ),
    "contributions/<int:pk>/campaign/split/": (
        "process-form",
        "/contributions/{contribution}/campaign/split/",
    ),
    "contributions/<int:pk>/comments/": ("process-form", "/contributions/{contribution}/comments/"),
    "contributions/<int:pk>/hide/": ("process-form", "/contributions/{contribution}/hide/"),
    "contributions/<int:pk>/where/": ("process", "/contributions/{contribution}/where/"),
    "contributions/<int:pk>/withdraw/": ("process-form", "/contributions/{contribution}/withdraw/"),
    "documents/<int:pk>/": ("doc", "/documents/{document}/"),
    "documents/<int:pk>/adoption/": ("doc-form", "/documents/{document}/adoption/"),
    "documents/<int:pk>/amend/": ("doc-form", "/documents/{document}/amend/"),
    "documents/<int:pk>/comment/": ("doc-form", "/documents/{document}/comment/"),
    "documents/<int:pk>/draft/": ("doc-form", "/documents/{document}/draft/"),
    "documents/<int:pk>/inputs/": ("doc", "/documents/{document}/inputs/"),
    "documents/<int:pk>/languages/": ("doc", "/documents/{document}/languages/"),
    "documents/<int:pk>/languages/compare/": ("doc", "/documents/{document}/languages/compare/"),
    "documents/<int:pk>/languages/<str:language>/amend/": (
        "doc",
        "/documents/{document}/languages/fr/amend/",
    ),
    "documents/<int:pk>/languages/request/": (
        "doc-form",
        "/documents/{document}/languages/request/",
    ),
    "documents/<int:pk>/languages/set/": ("doc-form", "/documents/{document}/languages/set/"),
    "documents/<int:pk>/languages/compare/machine/": (
        "doc-form",
        "/documents/{document}/languages/compare/machine/",
    ),
    "venues/<slug:venue>/settings/machine-translation/": (
        "other",
        "/venues/itu/settings/machine-translation/",
    ),
    "translations/<int:pk>/": ("other", "/translations/1/"),
    "translations/<int:pk>/assign/": ("other", "/translations/1/assign/"),
    "translations/<int:pk>/review/": ("other", "/translations/1/review/"),
    "documents/<int:pk>/redline/": ("doc", "/documents/{document}/redline/"),
    "follow-up/<slug:venue>/": ("other", "/follow-up/itu/"),
    "lists/": ("other", "/lists/"),
    "lists/<slug:slug>/": ("other", "/lists/mmwg/"),
    "lists/<slug:slug>/<int:year>/<int:month>/": ("other", "/lists/mmwg/2006/11/"),
    "lists/<slug:slug>/author/<str:address>/": ("other", "/lists/mmwg/author/unknown/"),
    "lists/<slug:slug>/m/<str:key>/": ("other", "/lists/mmwg/m/none/"),
    "lists/<slug:slug>/m/<str:key>/a/<int:number>/": ("other", "/lists/mmwg/m/none/a/1/"),
    "lists/<slug:slug>/m/<str:key>/raw/": ("other", "/lists/mmwg/m/none/raw/"),
    "lists/<slug:slug>/import-progress/": ("other", "/lists/mmwg/import-progress/"),
    "lists/<slug:slug>/search/": ("other", "/lists/mmwg/search/?q=Member+States"),
    "lists/<slug:slug>/t/<str:key>/": ("other", "/lists/mmwg/t/none/"),
    "lists/<slug:slug>/unsubscribe/<str:token>/": ("other", "/lists/mmwg/unsubscribe/none/"),
    "lists/search/": ("other", "/lists/search/?q=Member+States"),
    "lists/confirm/<str:token>/": ("other", "/lists/confirm/s-1-0000/"),
    "lists/<slug:slug>/join/": ("other", "/lists/mmwg/join/"),
    "lists/<slug:slug>/members/": ("other", "/lists/mmwg/members/"),
    "lists/<slug:slug>/moderation/": ("other", "/lists/mmwg/moderation/"),
    "lists/<slug:slug>/moderation/<int:pk>/": ("other", "/lists/mmwg/moderation/1/"),
    "search/": ("other", "/search/?q=Member+States"),
    "/api/me/tokens": ("other", "/api/me/tokens"),
    "/api/me/data": ("other", "/api/me/data"),
    "/api/lists/{slug}/members": ("other", "/api/lists/mmwg/members"),
    "/api/lists/{slug}/held": ("other", "/api/lists/mmwg/held"),
    "accreditations/<int:pk>/documents/<int:document>/": (
        "other",
        "/accreditations/1/documents/1/",
    ),
    "contributions/<int:pk>/attachments/<int:attachment>/": (
        "other",
        "/contributions/{contribution}/attachments/1/",
    ),
    "outcomes/<int:pk>/": ("other", "/outcomes/1/"),
    "outcomes/<int:pk>/agreement/": ("other", "/outcomes/1/agreement/"),
    "meetings/<int:pk>/": ("process", "/meetings/{meeting}/"),
    "meetings/<int:pk>.ics": ("process", "/meetings/{meeting}.ics"),
    "meetings/<int:pk>/queue/": ("process", "/meetings/{meeting}/queue/"),
    "meetings/<int:pk>/queue/now/": ("process", "/meetings/{meeting}/queue/now/"),
    "meetings/<int:pk>/events/": ("process", "/meetings/{meeting}/events/"),
    "meetings/<int:pk>/register/": ("process-form", "/meetings/{meeting}/register/"),
    "meetings/<int:pk>/ask/": ("process-form", "/meetings/{meeting}/ask/"),
    "meetings/<int:pk>/minutes/": ("process-form", "/meetings/{meeting}/minutes/"),
    "meetings/<int:pk>/chair/": ("process-form", "/meetings/{meeting}/chair/"),
    "meetings/<int:pk>/attendance/": ("process-form", "/meetings/{meeting}/attendance/"),
    "floor-requests/<int:pk>/withdraw/": ("process-form", "/floor-requests/1/withdraw/"),
    "venues/<slug:venue>/meetings.ics": ("other", "/venues/itu/meetings.ics"),
    "venues/<slug:venue>/<slug:process>/meetings/": ("process", f"/{P}/meetings/"),
    "venues/<slug:venue>/": ("other", "/venues/itu/"),
    "venues/<slug:venue>/<slug:process>/": ("process", f"/{P}/"),
    "venues/<slug:venue>/<slug:process>/calls/new/": ("process-form", f"/{P}/calls/new/"),
    "venues/<slug:venue>/<slug:process>/documents/": ("process", f"/{P}/documents/"),
    "venues/<slug:venue>/<slug:process>/outcomes/": ("process", f"/{P}/outcomes/"),
    "venues/<slug:venue>/<slug:process>/statements/": ("process", f"/{P}/statements/"),
    "venues/<slug:venue>/<slug:process>/phases/<int:phase>/": (
        "process-form",
        f"/{P}/phases/{{phase}}/",
    ),
    "venues/<slug:venue>/<slug:process>/phases/<int:phase>/close/": (
        "process-form",
        f"/{P}/phases/{{phase}}/close/",
    ),
    "venues/<slug:venue>/<slug:process>/phases/add/": ("process-form", f"/{P}/phases/add/"),
    "venues/<slug:venue>/accreditation/": ("other", "/venues/itu/accreditation/"),
    "venues/<slug:venue>/accreditations/": ("other", "/venues/itu/accreditations/"),
    "venues/<slug:venue>/organisations/<slug:organisation>/claims/": (
        "other",
        "/venues/itu/organisations/globaltel/claims/",
    ),
    "venues/<slug:venue>/participants/": ("other", "/venues/itu/participants/"),
    "venues/<slug:venue>/participants/delegations/<slug:delegation>/": (
        "other",
        "/venues/itu/participants/delegations/france/",
    ),
    "venues/<slug:venue>/processes/new/": ("other", "/venues/itu/processes/new/"),
    "venues/<slug:venue>/roles/": ("other", "/venues/itu/roles/"),
    "venues/<slug:venue>/roles/new/": ("other", "/venues/itu/roles/new/"),
    "venues/<slug:venue>/rule-files/new/": ("other", "/venues/itu/rule-files/new/"),
    "venues/new/": ("other", "/venues/new/"),
    "venues/<slug:venue>/<slug:process>/balance/": ("process", f"/{P}/balance/"),
    "venues/<slug:venue>/<slug:process>/report/": ("process", f"/{P}/report/"),
    "venues/<slug:venue>/<slug:process>/report.pdf": ("process", f"/{P}/report.pdf"),
    "venues/<slug:venue>/years/<int:year>/balance/": (
        "other",
        f"/venues/itu/years/{YEAR}/balance/",
    ),
    "venues/<slug:venue>/years/<int:year>/report/": ("other", f"/venues/itu/years/{YEAR}/report/"),
    "venues/<slug:venue>/years/<int:year>/report.pdf": (
        "other",
        f"/venues/itu/years/{YEAR}/report.pdf",
    ),
    # Dynamic coalitions (the demo's are at the IGF; none is about the CWG-Internet process).
    "venues/<slug:venue>/coalitions/": ("other", "/venues/igf/coalitions/"),
    "venues/<slug:venue>/coalitions/new/": ("other", "/venues/igf/coalitions/new/"),
    "venues/<slug:venue>/coalitions/report-dates/": (
        "other",
        "/venues/igf/coalitions/report-dates/",
    ),
    "venues/<slug:venue>/coalitions/<slug:slug>/": ("other", f"{DC}/"),
    "venues/<slug:venue>/coalitions/<slug:slug>/join/": ("other", f"{DC}/join/"),
    "venues/<slug:venue>/coalitions/<slug:slug>/leave/": ("other", f"{DC}/leave/"),
    "venues/<slug:venue>/coalitions/<slug:slug>/report/": ("other", f"{DC}/report/"),
    "venues/<slug:venue>/coalitions/<slug:slug>/review/": ("other", f"{DC}/review/"),
    "venues/<slug:venue>/coalitions/<slug:slug>/revive/": ("other", f"{DC}/revive/"),
    # The API's GET operations.
    "/api/venues/{venue}/coalitions": ("other", "/api/venues/igf/coalitions"),
    "/api/venues/{venue}/coalitions/{slug}": ("other", f"/api{DC}"),
    "/api/adoptions/{adoption_id}": ("other", "/api/adoptions/1"),
    "/api/venues/{venue}/seats": ("other", "/api/venues/itu/seats"),
    "/api/adoptions/{adoption_id}/appeals": ("other", "/api/adoptions/1/appeals"),
    "/api/appeals/{appeal_id}": ("other", "/api/appeals/1"),
    "/api/accreditations/{accreditation_id}/appeals": ("other", "/api/accreditations/1/appeals"),
    "accreditations/<int:pk>/appeals/": ("other", "/accreditations/1/appeals/"),
    "/api/adoptions/{adoption_id}/tally": ("other", "/api/adoptions/1/tally"),
    "/api/amendments/{amendment_id}": ("doc", "/api/amendments/{amendment}"),
    "/api/calls/{call_id}": ("process", "/api/calls/{call}"),
    "/api/calls/{call_id}/agreement": ("process", "/api/calls/{call}/agreement"),
    "/api/calls/{call_id}/campaigns": ("process", "/api/calls/{call}/campaigns"),
    "/api/calls/{call_id}/contributions": ("process", "/api/calls/{call}/contributions"),
    "/api/contributions/{contribution_id}": ("process", "/api/contributions/{contribution}"),
    "/api/contributions/{contribution_id}/comments": (
        "process",
        "/api/contributions/{contribution}/comments",
    ),
    "/api/contributions/{contribution_id}/where": (
        "process",
        "/api/contributions/{contribution}/where",
    ),
    "/api/calls/{call_id}/versions": ("process", "/api/calls/{call}/versions"),
    "calls/<int:pk>/versions/<str:language>/": ("process", "/calls/{call}/versions/fr/"),
    "contributions/<int:pk>/versions/<str:language>/": (
        "process",
        "/contributions/{contribution}/versions/fr/",
    ),
    "/api/contributions/{contribution_id}/versions": (
        "process",
        "/api/contributions/{contribution}/versions",
    ),
    "calls/<int:pk>/machine/": ("process-form", "/calls/{call}/machine/"),
    "contributions/<int:pk>/machine/": ("process-form", "/contributions/{contribution}/machine/"),
    "/api/documents/{document_id}": ("doc", "/api/documents/{document}"),
    "/api/documents/{document_id}/amendments": ("doc", "/api/documents/{document}/amendments"),
    "/api/documents/{document_id}/comments": ("doc", "/api/documents/{document}/comments"),
    "/api/documents/{document_id}/inputs": ("doc", "/api/documents/{document}/inputs"),
    "/api/documents/{document_id}/languages": ("doc", "/api/documents/{document}/languages"),
    "/api/documents/{document_id}/languages/{language}": (
        "doc",
        "/api/documents/{document}/languages/en",
    ),
    "/api/translations/{request_id}": ("other", "/api/translations/1"),
    "/api/documents/{document_id}/redline": ("doc", "/api/documents/{document}/redline"),
    "/api/documents/{document_id}/versions/{number}": (
        "doc",
        "/api/documents/{document}/versions/1",
    ),
    "/api/groups": ("other", "/api/groups"),
    "/api/organisations": ("other", "/api/organisations"),
    "/api/outcomes/{outcome_id}": ("other", "/api/outcomes/1"),
    "/api/outcomes/{outcome_id}/agreement": ("other", "/api/outcomes/1/agreement"),
    "/api/meetings/{meeting_id}": ("process", "/api/meetings/{meeting}"),
    "/api/meetings/{meeting_id}/queue": ("process", "/api/meetings/{meeting}/queue"),
    "/api/processes/{venue}/{process}/meetings": ("process", f"{A}/meetings"),
    "/api/processes/{venue}/{process}": ("process", A),
    "/api/processes/{venue}/{process}/calls": ("process", f"{A}/calls"),
    "/api/processes/{venue}/{process}/contributions.csv": ("process", f"{A}/contributions.csv"),
    "/api/processes/{venue}/{process}/contributions.json": ("process", f"{A}/contributions.json"),
    "/api/processes/{venue}/{process}/decisions/{right}": ("process", f"{A}/decisions/observe"),
    "/api/processes/{venue}/{process}/documents": ("process", f"{A}/documents"),
    "/api/processes/{venue}/{process}/matrix": ("process", f"{A}/matrix"),
    "/api/processes/{venue}/{process}/balance": ("process", f"{A}/balance"),
    "/api/processes/{venue}/{process}/balance.csv": ("process", f"{A}/balance.csv"),
    "/api/venues/{venue}/years/{year}/balance": ("other", f"/api/venues/itu/years/{YEAR}/balance"),
    "/api/venues/{venue}/years/{year}/balance.csv": (
        "other",
        f"/api/venues/itu/years/{YEAR}/balance.csv",
    ),
    "/api/venues": ("other", "/api/venues"),
    "/api/venues/{venue}": ("other", "/api/venues/itu"),
    "/api/venues/{venue}/categories": ("other", "/api/venues/itu/categories"),
    "/api/venues/{venue}/delegations": ("other", "/api/venues/itu/delegations"),
    "/api/venues/{venue}/follow-ups": ("other", "/api/venues/itu/follow-ups"),
    "/api/venues/{venue}/organisations/{organisation}/claims": (
        "other",
        "/api/venues/itu/organisations/globaltel/claims",
    ),
    "/api/venues/{venue}/processes": ("other", "/api/venues/itu/processes"),
}

# Every kind of standing at the ITU, by a demo participant who holds it.
STANDINGS = {
    "anonymous": None,
    "signed-in, pending accreditation": "newcomer@example.org",
    "civil society, accredited": "bill@example.org",
    "sector member": "globaltel@example.org",
    "member state": "dick@example.org",
    "head of delegation (member state)": "bertrand@example.org",
    "secretariat": "itu-secretariat@example.org",
    "another venue's secretariat": "igf-secretariat@example.org",
    "operator": "operator",
}

GET_ROUTES = sorted(WEB_ROUTES) + sorted(p for p, m in API_OPERATIONS if m == "get")


def test_every_get_route_is_covered() -> None:
    assert set(GET_ROUTES) == set(ROUTES), (
        f"not covered: {sorted(set(GET_ROUTES) - set(ROUTES))}; "
        f"gone: {sorted(set(ROUTES) - set(GET_ROUTES))}"
    )


def _world() -> dict[str, Any]:
    load_demo()
    load_cwg()
    process = Process.objects.get(venue__slug="itu", slug="cwg-internet")
    document = Document.objects.get(process=process, slug=MEMBERS_DOCUMENT)
    version = document.versions.get(number=1)
    member = get_user_model().objects.get(username="bertrand@example.org")
    first = version.paragraphs.order_by("number").first()
    assert first is not None
    amendment = do_propose_amendment(
        actor=Actor.person(member), version=version, kind="replace", pid=first.pid,
        text=AMENDMENT_TEXT, rationale="Clarity.",
    )  # fmt: skip
    do_comment_paragraph(actor=Actor.person(member), version=version, pid=first.pid, body=SECRET)
    get_user_model().objects.create_superuser("operator", "operator@example.org", "x")
    contribution = Contribution.objects.filter(call__process=process).first()
    assert contribution is not None
    meeting = do_schedule_meeting(
        actor=Actor.operator("t"), process=process, title="Plenary",
        starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=2),
        agenda=[AgendaEntry("The draft", document, (first.pid,))], documents=[document],
    )  # fmt: skip
    return {
        "meeting": meeting.pk,
        "process": process,
        "document": document.pk,
        "amendment": amendment.pk,
        "call": contribution.call_id,
        "contribution": contribution.pk,
        "phase": process.phases.first().pk,  # type: ignore[union-attr]
        "title": document.title,
    }


def refused(about: str) -> set[int]:
    """A refusal: 403; a form route that serves only POST answers a GET with 405, no body."""
    return {403, 405} if about.endswith("-form") else {403}


def _client(username: str | None) -> tuple[Client, Any]:
    if username is None:
        return Client(raise_request_exception=False), None
    user = get_user_model().objects.get(username=username)
    token = do_create_token(actor=Actor.person(user), name="matrix")[1]
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")
    client.force_login(user)
    return client, user


@pytest.mark.parametrize("standing", list(STANDINGS))
def test_every_get_route_reads_through_the_door(standing: str) -> None:
    world = _world()
    client, user = _client(STANDINGS[standing])
    process = world["process"]
    sees_members = may_observe(user, process, facts=(MEMBERS_ONLY,))
    sees_public = may_observe(user, process, facts=(PUBLIC_RECORD,))
    problems: list[str] = []
    for route in GET_ROUTES:
        about, template = ROUTES[route]
        url = template.format(**world)
        response = client.get(url)
        status = response.status_code
        raw = (
            b"".join(response.streaming_content)  # type: ignore[arg-type]
            if response.streaming
            else response.content
        )
        body = raw.decode(errors="replace")
        if status >= 500:
            problems.append(f"{url}: {status}")
        if about.startswith("doc"):
            if not sees_members and status not in refused(about):
                problems.append(f"{url}: {status}, the door refuses")
            if sees_members and about == "doc" and status != 200:
                problems.append(f"{url}: {status}, the door allows")
        if about.startswith("process"):
            if not sees_public and status not in refused(about):
                problems.append(f"{url}: {status}, the door refuses")
            if sees_public and about == "process" and status != 200:
                problems.append(f"{url}: {status}, the door allows")
        if not sees_members:
            for secret in (SECRET, AMENDMENT_TEXT, world["title"]):
                if secret in body:
                    problems.append(f"{url}: shows {secret!r}")
    assert problems == [], (standing, problems)
    assert sees_members == (standing in {"member state", "head of delegation (member state)",
                                         "secretariat", "operator"})  # fmt: skip
