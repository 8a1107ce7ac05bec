"""The drafting and adoption endpoints under /api/: token writes asking the door, public reads."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.api.actions import do_create_token
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import TEXT, file_statements, member, world

pytestmark = pytest.mark.django_db


def auth(user: Any) -> dict[str, str]:
    return {
        "HTTP_AUTHORIZATION": f"Bearer {do_create_token(actor=Actor.person(user), name='test')[1]}"
    }


def post(client: Client, url: str, user: Any | None, data: dict[str, Any] | None = None) -> Any:
    headers = auth(user) if user is not None else {}
    return client.post(url, data or {}, content_type="application/json", **headers)


def test_draft_amend_adopt_follow_up_through_the_api(client: Client) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    alice, bob = member(w, "alice@example.org"), member(w, "bob@example.org")
    base = f"/api/processes/{w.venue.slug}/{w.process.slug}/documents"
    refused = post(client, base, alice, {"slug": "r", "title": "Report", "source": TEXT})
    assert refused.status_code == 403 and refused.json()["error"]["rule"]
    made = post(client, base, w.secretariat, {"slug": "r", "title": "Report", "source": TEXT})
    assert made.status_code == 201, made.content
    doc = made.json()["id"]
    v1 = post(client, f"/api/documents/{doc}/versions", w.secretariat)
    assert v1.status_code == 201 and [p["pid"] for p in v1.json()["paragraphs"]][:2] == ["p1", "p2"]
    amendment = post(
        client,
        f"/api/documents/{doc}/amendments",
        alice,
        {
            "kind": "replace",
            "pid": "p2",
            "text": "The Forum recognises IXPs.",
            "rationale": "Shorter.",
        },
    )
    assert amendment.status_code == 201, amendment.content
    a = amendment.json()["id"]
    accepted = post(
        client,
        f"/api/amendments/{a}/decision",
        w.secretariat,
        {"decision": "accept", "reason": "ok"},
    )
    assert accepted.json()["status"] == "accepted" and accepted.json()["result_version"] == 2
    commented = post(client, f"/api/documents/{doc}/comments", bob, {"pid": "p2", "body": "Good."})
    assert commented.status_code == 201, commented.content
    listed = client.get(f"/api/documents/{doc}/comments").json()
    assert [(c["pid"], c["version"], c["body"]) for c in listed] == [("p2", 2, "Good.")]
    red = client.get(f"/api/documents/{doc}/redline").json()
    assert red["counts"]["changed"] == 1 and red["old"] == 1 and red["new"] == 2
    closes = (timezone.now() + timedelta(days=1)).isoformat()
    opened = post(client, f"/api/documents/{doc}/adoptions", w.chair, {"closes_at": closes})
    assert opened.status_code == 201, opened.content
    adoption = opened.json()["id"]
    # GNSO Operating Procedures 5.3.1: a current Statement of Interest "is a precondition for
    # Relevant Parties to participate"; without one the position is refused, naming the rule.
    refused = post(client, f"/api/adoptions/{adoption}/positions", alice, {"position": "support"})
    assert refused.status_code == 403
    assert "members-take-part-in-consensus" in refused.content.decode()
    statements = f"/api/processes/{w.venue.slug}/{w.process.slug}/disclosures"
    filed = post(client, statements, alice, {"kind": "statement_of_interest", "text": "Registrar."})
    assert filed.status_code == 201, filed.content
    file_statements(w, bob)
    assert (
        post(
            client, f"/api/adoptions/{adoption}/positions", alice, {"position": "support"}
        ).status_code
        == 201
    )
    objection = post(client, f"/api/adoptions/{adoption}/positions", bob, {"position": "object"})
    assert objection.status_code == 400 and objection.json()["error"]["code"] == "required"
    post(client, f"/api/adoptions/{adoption}/positions", bob, {"position": "object", "text": "No."})
    assert post(client, f"/api/adoptions/{adoption}/close", w.chair).status_code == 201
    done = post(
        client, f"/api/adoptions/{adoption}/conclusion", w.chair, {"designation": "consensus"}
    )
    body = done.json()
    assert done.status_code == 201 and body["adopted"] is True and body["outcome"]
    assert body["result"]["arithmetic"]["minority"] == [f"user:{bob.pk}"]
    assert (
        post(
            client, f"/api/adoptions/{adoption}/minority-statements", bob, {"text": "We disagree."}
        ).status_code
        == 201
    )
    outcome = body["outcome"]
    follow = post(
        client,
        f"/api/outcomes/{outcome}/follow-ups",
        w.chair,
        {"title": "Report", "owner": "Staff", "paragraphs": ["p2"]},
    )
    assert follow.status_code == 201
    note = post(
        client,
        f"/api/follow-ups/{follow.json()['id']}/notes",
        w.chair,
        {"text": "Started", "status": "in-progress"},
    )
    assert note.json()["status"] == "in-progress"
    shown = client.get(f"/api/outcomes/{outcome}").json()
    assert shown["version"] == 2 and shown["minority_statements"][0]["text"] == "We disagree."
    assert client.get(f"/api/venues/{w.venue.slug}/follow-ups").json()[0]["title"] == "Report"
    # People appear by their public names, never by their e-mail addresses.
    shown_adoption = client.get(f"/api/adoptions/{adoption}").content.decode()
    amendments = client.get(f"/api/documents/{doc}/amendments").content.decode()
    assert "example.org" not in shown_adoption + amendments


def test_api_discards_a_draft_and_refuses_a_secret_ballot_the_modality_does_not_hold(
    client: Client,
) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    base = f"/api/processes/{w.venue.slug}/{w.process.slug}/documents"
    doc = post(client, base, w.secretariat, {"slug": "r", "title": "Report", "source": TEXT})
    doc_id = doc.json()["id"]
    draft_url = f"/api/documents/{doc_id}/draft"
    only = client.delete(draft_url, **auth(w.secretariat))
    assert only.status_code == 400 and only.json()["error"]["code"] == "only_text"
    post(client, f"/api/documents/{doc_id}/versions", w.secretariat)
    saved = client.put(
        draft_url, {"source": "Other."}, content_type="application/json", **auth(w.secretariat)
    )
    assert saved.status_code == 201
    assert client.delete(draft_url, **auth(member(w, "x@example.org"))).status_code == 403
    gone = client.delete(draft_url, **auth(w.secretariat))
    assert gone.status_code == 200 and gone.json() == {"document": doc_id, "draft": None}
    closes = (timezone.now() + timedelta(days=1)).isoformat()
    url = f"/api/documents/{doc_id}/adoptions"
    refused = post(client, url, w.chair, {"closes_at": closes, "secret": True})
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "secret"
    opened = post(client, url, w.chair, {"closes_at": closes, "secret": False})
    assert opened.status_code == 201 and opened.json()["secret"] is False
