"""Reads through the door (issue 9, point 3): the ITU CWG-Internet demo process.

Anonymous visitors read the open consultation (its public record) but never the Member
States' document: not in the list, not its page, not its API record, versions, redline,
amendments or inputs, not in the exports. A Member State reads all of it. Anyone else signed
in without standing is treated like the public; the secretariat reads everything.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from roundtable.api.actions import do_create_token
from roundtable.demo.cwg import MEMBERS_DOCUMENT, PUBLIC_DOCUMENT, load_cwg
from roundtable.demo.world import load_demo
from roundtable.drafting.models import Document
from roundtable.permissions.actor import Actor
from roundtable.processes.models import Process

pytestmark = pytest.mark.django_db

SECRET = "Member States are invited to send comments"
PROCESS = "/api/processes/itu/cwg-internet"


def _client(email: str | None) -> Client:
    """Signed in on the site (session) and on the API (a bearer token)."""
    if email is None:
        return Client()
    user = get_user_model().objects.get(username=email)
    client = Client(
        HTTP_AUTHORIZATION=f"Bearer {do_create_token(actor=Actor.person(user), name='read')[1]}"
    )
    client.force_login(user)
    return client


@pytest.fixture
def cwg() -> dict[str, Any]:
    load_demo()
    load_cwg()
    process = Process.objects.get(venue__slug="itu", slug="cwg-internet")
    return {
        "process": process,
        "members": Document.objects.get(process=process, slug=MEMBERS_DOCUMENT),
        "public": Document.objects.get(process=process, slug=PUBLIC_DOCUMENT),
    }


def _document_urls(doc: Document) -> list[str]:
    return [
        f"/documents/{doc.pk}/",
        f"/documents/{doc.pk}/redline/",
        f"/documents/{doc.pk}/inputs/",
        f"/api/documents/{doc.pk}",
        f"/api/documents/{doc.pk}/versions/1",
        f"/api/documents/{doc.pk}/redline",
        f"/api/documents/{doc.pk}/amendments",
        f"/api/documents/{doc.pk}/comments",
        f"/api/documents/{doc.pk}/inputs",
    ]


def _everything_listed(client: Client) -> str:
    """The process's lists and exports, as one text."""
    pages = [
        f"{PROCESS}/documents",
        f"{PROCESS}/contributions.json",
        f"{PROCESS}/contributions.csv",
        f"{PROCESS}/calls",
        "/venues/itu/cwg-internet/",
        "/venues/itu/cwg-internet/documents/",
    ]
    out = []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        out.append(response.content.decode())
    return "\n".join(out)


@pytest.mark.parametrize("email", [None, "bill@example.org", "globaltel@example.org"])
def test_the_public_never_reads_the_member_states_document(
    cwg: dict[str, Any], email: str | None
) -> None:
    client = _client(email)
    listed = client.get(f"{PROCESS}/documents").json()
    assert [d["slug"] for d in listed] == [PUBLIC_DOCUMENT]
    for url in _document_urls(cwg["members"]):
        response = client.get(url)
        assert response.status_code == 403, url
        assert SECRET not in response.content.decode(), url
    refusal = client.get(f"/api/documents/{cwg['members'].pk}").json()
    assert refusal["error"]["code"] == "forbidden"
    assert "itu-cwg-internet" in json.dumps(refusal)  # the denial names the modality's rule
    text = _everything_listed(client)
    assert SECRET not in text and cwg["members"].title not in text
    # The open consultation is public: its questions and inputs are there for everyone.
    for url in _document_urls(cwg["public"]):
        assert client.get(url).status_code == 200, url
    assert "Community networks" in text


@pytest.mark.parametrize(
    "email", ["bertrand@example.org", "dick@example.org", "itu-secretariat@example.org"]
)
def test_a_member_state_and_the_secretariat_read_it(cwg: dict[str, Any], email: str) -> None:
    client = _client(email)
    listed = client.get(f"{PROCESS}/documents").json()
    assert {d["slug"] for d in listed} == {PUBLIC_DOCUMENT, MEMBERS_DOCUMENT}
    for url in _document_urls(cwg["members"]):
        assert client.get(url).status_code == 200, url
    record = client.get(f"/api/documents/{cwg['members'].pk}").json()
    assert record["audience"] == "members" and SECRET in record["latest"]["source"]
    assert cwg["members"].title in _everything_listed(client)


def test_the_process_exists_for_everyone(cwg: dict[str, Any]) -> None:
    """The process's public record (it exists, its phases, its consultation) is listed."""
    anonymous = _client(None)
    assert "cwg-internet" in anonymous.get("/venues/itu/").content.decode()
    assert any(
        p["slug"] == "cwg-internet" for p in anonymous.get("/api/venues/itu/processes").json()
    )
    assert anonymous.get(PROCESS).status_code == 200
