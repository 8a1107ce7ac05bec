from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from roundtable.api.actions import do_create_token, do_revoke_token
from roundtable.contributions.actions import do_submit_contribution
from roundtable.demo.world import load_demo
from roundtable.permissions.actor import Actor
from tests.processes.scenes import accredit, person, scene

pytestmark = pytest.mark.django_db


def _auth(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "HTTP_AUTHORIZATION": f"Bearer {do_create_token(actor=Actor.person(user), name='test')[1]}"
    }


def _is_error(response, code: str) -> dict:  # type: ignore[no-untyped-def]
    data = response.json()
    assert set(data) == {"error"} and data["error"]["code"] == code and data["error"]["message"]
    return data["error"]


def test_openapi_and_docs_are_published(client: Client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/calls/{call_id}/contributions" in spec["paths"]
    assert client.get("/api/docs").status_code == 200


def test_public_reads_need_no_token(client: Client) -> None:
    load_demo()
    assert {v["slug"] for v in client.get("/api/venues").json()} == {
        "eu",
        "icann",
        "igf",
        "itu",
        "mmwg",
        "netmundial",  # the NETmundial-style plenary of the meetings demo
    }
    process = client.get("/api/processes/igf/stock-taking-2007").json()
    assert [p["starts_on"] for p in process["phases"]] == ["2007-02-12", "2007-02-13"]
    assert all(p["tentative"] for p in process["phases"])
    wtpf = client.get("/api/processes/itu/wtpf").json()
    assert wtpf["current_phase"]["kind"] == "follow-up"  # the adoption is behind it
    assert wtpf["alternative_modalities"] == ["itu-wtpf-multistakeholder"]
    matrix = client.get("/api/processes/itu/wtpf/matrix?modality=itu-wtpf-multistakeholder").json()
    assert matrix["modality"] == "itu-wtpf-multistakeholder"
    calls = client.get("/api/processes/igf/stock-taking-2007/calls").json()
    contributions = client.get(f"/api/calls/{calls[0]['id']}/contributions").json()
    assert len(contributions) >= 3 and contributions[0]["body_html"].startswith("<p>")
    assert client.get(f"/api/contributions/{contributions[0]['id']}/comments").json()


def test_exports_csv_and_json(client: Client) -> None:
    load_demo()
    rows = client.get("/api/processes/igf/stock-taking-2007/contributions.json").json()
    response = client.get("/api/processes/igf/stock-taking-2007/contributions.csv")
    assert response["Content-Type"].startswith("text/csv")
    parsed = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["title"] for r in parsed] == [r["title"] for r in rows]
    assert {"group", "organisation", "language", "status", "body"} <= set(parsed[0])


def test_one_error_shape_for_every_error(client: Client) -> None:
    s = scene()
    bill = person("bill@example.org")
    _is_error(client.get("/api/venues/nowhere"), "not_found")
    assert client.get("/api/venues/nowhere").status_code == 404
    bad_token = client.post(
        f"/api/calls/{s.call.pk}/contributions",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer nope",
    )
    assert bad_token.status_code == 401
    _is_error(bad_token, "unauthenticated")
    invalid = client.post(
        f"/api/calls/{s.call.pk}/contributions",
        {"title": 3},
        content_type="application/json",
        **_auth(bill),
    )
    assert invalid.status_code == 422
    assert _is_error(invalid, "invalid")["details"]
    denied = client.post(
        f"/api/calls/{s.call.pk}/contributions",
        {"title": "t", "body": "b"},
        content_type="application/json",
        **_auth(bill),
    )
    assert denied.status_code == 403
    error = _is_error(denied, "forbidden")
    assert error["rule"] and error["would_allow"]
    accredit(bill, s.venue, "civil-society")
    bad_language = client.post(
        f"/api/calls/{s.call.pk}/contributions",
        {"title": "t", "body": "b", "language": "xx"},
        content_type="application/json",
        **_auth(bill),
    )
    assert bad_language.status_code == 400
    _is_error(bad_language, "language")
    clash = client.post(
        f"/api/processes/itu/{s.process.slug}/phases",
        {"kind": "adoption", "title": "Clash", "starts_on": str(s.process.phases.get().starts_on), "ends_on": str(s.process.phases.get().ends_on)},
        content_type="application/json", **_auth(s.secretariat),
    )  # fmt: skip
    assert clash.status_code == 409
    assert "cannot overlap" in _is_error(clash, "overlap")["message"]


def test_token_writes_and_revocation(client: Client) -> None:
    s = scene()
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    token, raw = do_create_token(actor=Actor.person(bill), name="cli")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    made = client.post(
        f"/api/calls/{s.call.pk}/contributions",
        {"title": "By API", "body": "Hello **API**", "language": "es"},
        content_type="application/json",
        **headers,
    )
    assert made.status_code == 201, made.content
    assert made.json()["group"] == "civil-society" and made.json()["language"] == "es"
    decision = client.get(
        f"/api/processes/itu/{s.process.slug}/decisions/submit_input", **headers
    ).json()
    assert decision["allowed"] is True and decision["rule"]
    do_revoke_token(actor=Actor.person(bill), token=token)
    again = client.post(
        f"/api/calls/{s.call.pk}/contributions",
        {"title": "x", "body": "y"},
        content_type="application/json",
        **headers,
    )
    assert again.status_code == 401


def test_withdraw_needs_the_author(client: Client) -> None:
    s = scene()
    bill, eve = person("bill@example.org"), person("eve@example.org")
    accredit(bill, s.venue, "civil-society")
    made = do_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="t", body="b", language="en"
    )
    url = f"/api/contributions/{made.pk}/withdraw"
    assert client.post(url).status_code == 401
    _is_error(client.post(url, **_auth(eve)), "forbidden")
    assert client.post(url, **_auth(bill)).json()["status"] == "withdrawn"
    assert client.post(url, **_auth(bill)).status_code == 409


def test_csv_export_defuses_formulas(client: Client) -> None:
    s = scene()
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    do_submit_contribution(
        actor=Actor.person(bill), call=s.call, title="=HYPERLINK(1)", body="b", language="en"
    )
    response = client.get(f"/api/processes/itu/{s.process.slug}/contributions.csv")
    row = next(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["title"] == "'=HYPERLINK(1)"
