"""The bad requests that gave 500s, each now a clear 4xx that says what to fix.

The fuzz test (test_fuzz_routes.py) looks for new ones; these pin the ones found by hand, on the
demo world, on SQLite and PostgreSQL alike (lengths and NUL bytes behaved differently there).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from roundtable.contributions.models import CallForInput
from roundtable.drafting.models import Document
from tests.support.world import DemoWorld

pytestmark = pytest.mark.django_db


def _api(world: DemoWorld, kind: str = "secretariat") -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {world.tokens[kind]}"}


def _client(world: DemoWorld, kind: str) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(world.users[kind])
    return client


@pytest.mark.parametrize("limit", ["-5", "0", "12345678901234567890"])
def test_contribution_limits_out_of_range_are_422(demo_world: DemoWorld, limit: str) -> None:
    call = CallForInput.objects.first()
    assert call is not None
    response = Client().get(f"/api/calls/{call.pk}/contributions", {"limit": limit})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert "limit" in response.json()["error"]["message"]


def test_an_unknown_right_is_a_404_that_names_the_known_ones(demo_world: DemoWorld) -> None:
    response = Client().get("/api/processes/itu/wtpf/decisions/fly")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "unknown_right"
    assert "observe" in error["message"]


@pytest.mark.parametrize(
    "query",
    [{"to": "abc"}, {"from": "abc"}, {"to": "1e3"}, {"to": "-1"}, {"to": "99999999999999999999"}],
)
def test_redline_versions_that_are_not_numbers_are_400(
    demo_world: DemoWorld, query: dict[str, str]
) -> None:
    document = Document.objects.get(slug="draft-opinion-1")
    response = Client(raise_request_exception=False).get(
        f"/documents/{document.pk}/redline/", query
    )
    assert response.status_code == 400
    assert "must be" in response.content.decode()


@pytest.mark.parametrize("form", ["amend", "comment"])
@pytest.mark.parametrize("version", ["abc", "1e3", "٣x", "-2"])
def test_version_junk_in_the_amend_and_comment_forms_is_400(
    demo_world: DemoWorld, form: str, version: str
) -> None:
    document = Document.objects.get(slug="draft-opinion-1")
    client = _client(demo_world, "government")
    response = client.post(f"/documents/{document.pk}/{form}/", {"version": version, "pid": "p1"})
    assert response.status_code == 400
    assert "version" in response.content.decode()


def test_removing_a_citation_that_is_not_a_number_is_400(demo_world: DemoWorld) -> None:
    document = Document.objects.get(slug="draft-opinion-1")
    client = _client(demo_world, "secretariat")
    response = client.post(f"/documents/{document.pk}/inputs/", {"remove": "abc"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "x" * 301), ("title", "x" * 10_000), ("title", "a\x00b"), ("body", "a\x00b")],
)
def test_overlong_titles_and_nul_bytes_are_refused_on_every_database(
    demo_world: DemoWorld, field: str, value: str
) -> None:
    call = CallForInput.objects.first()
    assert call is not None
    payload = {"title": "A title", "body": "A body", **{field: value}}
    response = Client().post(
        f"/api/calls/{call.pk}/contributions",
        json.dumps(payload),
        content_type="application/json",
        **_api(demo_world, "participant"),
    )
    assert response.status_code in (400, 422), response.content
    assert response.json()["error"]["code"] == "invalid"


def test_nul_in_a_query_string_or_a_form_is_400(demo_world: DemoWorld) -> None:
    client = Client(raise_request_exception=False)
    assert client.get("/venues/itu/", {"q": "a\x00"}).status_code == 400
    response = _client(demo_world, "participant").post("/accounts/me/", {"display_name": "a\x00"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_every_string_a_client_sends_the_api_is_bounded() -> None:
    """SQLite ignores max_length and PostgreSQL raises on it: the schema bounds every string."""
    from roundtable.api.api import api

    schema = api.get_openapi_schema()
    unbounded = []
    for name, component in schema["components"]["schemas"].items():
        if not name.endswith("In"):
            continue
        for field, spec in component.get("properties", {}).items():
            options = spec.get("anyOf", [spec])
            for option in options:
                string = option.get("type") == "string" and not {"format", "enum"} & set(option)
                if string and "maxLength" not in option:
                    unbounded.append(f"{name}.{field}")
                if option.get("type") == "array" and "maxItems" not in option:
                    unbounded.append(f"{name}.{field}[]")
    assert unbounded == []


def test_the_openapi_document_has_one_entry_per_status() -> None:
    """ninja keys statuses by int and the shared answers by string: a status twice in the JSON
    is a duplicate key, which Swagger UI's parser refuses (a blank /api/docs)."""
    from django.test import Client

    raw = Client().get("/api/openapi.json").content.decode()

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
        return dict(pairs)

    json.loads(raw, object_pairs_hook=no_duplicates)
