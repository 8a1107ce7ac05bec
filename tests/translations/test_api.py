"""The language versions' API: the workflow through its writes (a translator's token and the
secretariat's), the outdated paragraph with the source's redline, the refusals."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from roundtable.api.actions import do_create_token
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import member, published_document, world
from tests.translations.test_workflow import FRENCH, _change_p3

pytestmark = pytest.mark.django_db


def _auth(user: Any) -> dict[str, str]:
    token = do_create_token(actor=Actor.person(user), name="t")[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_the_workflow_through_the_api(client: Client) -> None:
    w = world(modality="itu-wtpf")
    document = published_document(w)
    translator = member(w, "translator@example.org")
    stranger = member(w, "stranger@example.org", "member")
    sec, me = _auth(w.secretariat), _auth(translator)

    def post(url: str, payload: dict[str, Any], who: dict[str, str]) -> Any:
        return client.post(url, payload, content_type="application/json", **who)

    base = f"/api/documents/{document.pk}"
    refused = post(f"{base}/translations", {"language": "fr"}, _auth(stranger))
    assert refused.status_code == 403 and refused.json()["error"]["rule"]
    made = post(f"{base}/translations", {"language": "fr", "due_date": "2026-12-20"}, sec)
    assert made.status_code == 201, made.content
    job = made.json()["id"]
    unknown = post(f"/api/translations/{job}/assign", {"email": "nobody@example.org"}, sec)
    assert unknown.json()["error"]["code"] == "unknown_person"
    assigned = post(f"/api/translations/{job}/assign", {"email": translator.email}, sec)
    assert assigned.json()["status"] == "assigned"
    assert (
        post(f"/api/translations/{job}/assign", {"email": translator.email}, me).status_code == 403
    )
    assert post(f"/api/translations/{job}/start", {}, me).json()["status"] == "in-progress"
    for pid, text in FRENCH.items():
        saved = post(f"/api/translations/{job}/paragraphs", {"pid": pid, "text": text}, me)
        assert saved.status_code == 201 and saved.json()["source_version"] == 1
    assert (
        post(f"/api/translations/{job}/paragraphs", {"pid": "p2", "text": "x"}, sec).status_code
        == 403
    )

    _change_p3(w, document)
    paragraphs = client.get(f"{base}/languages/fr").json()
    outdated = [p for p in paragraphs if p["state"] == "outdated"]
    assert [p["pid"] for p in outdated] == ["p3"]
    assert {"op": "insert", "text": "and the private sector to encourage"} in outdated[0][
        "source_redline"
    ]
    finish = post(f"/api/translations/{job}/finish", {}, me)
    assert finish.status_code == 400 and finish.json()["error"]["code"] == "incomplete"
    post(f"/api/translations/{job}/paragraphs", {"pid": "p3", "text": "Le Forum invite."}, me)
    assert post(f"/api/translations/{job}/finish", {}, me).json()["status"] == "done"
    assert post(f"/api/translations/{job}/review", {}, me).status_code == 403
    assert post(f"/api/translations/{job}/review", {}, sec).json()["status"] == "reviewed"

    languages = {v["language"]: v for v in client.get(f"{base}/languages").json()}
    assert languages["fr"]["translated"] == 4 and not languages["fr"]["authentic"]
    assert (
        post(
            f"{base}/languages", {"original_language": "en", "authenticity": "all"}, sec
        ).status_code
        == 200
    )
    languages = {v["language"]: v for v in client.get(f"{base}/languages").json()}
    assert languages["fr"]["authentic"]
    assert client.get(f"{base}/languages/de").status_code == 404
    assert client.get(f"/api/translations/{job}", **_auth(stranger)).status_code == 403
    work = client.get(f"/api/translations/{job}", **me).json()
    assert [p["state"] for p in work["paragraphs"]] == ["current"] * 4
