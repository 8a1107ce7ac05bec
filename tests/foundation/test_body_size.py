"""A body over the limit is answered 413 (issue 10): JSON `too_large` on /api/, a page on the
web; multipart uploads have their own, larger limit; fields of an upload over the data limit
are a 413 too, never a 400 or a 500."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

pytestmark = pytest.mark.django_db

THREE_MB = 3 * 1024 * 1024


def test_a_3_mb_json_body_to_the_api_is_413_with_a_json_error(client: Client) -> None:
    body = json.dumps({"title": "x" * THREE_MB, "body": "b", "language": "en"})
    response = client.post("/api/calls/1/contributions", body, content_type="application/json")
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "too_large" and error["message"] and error["limit"] == 2_621_440


def test_a_body_under_the_limit_goes_on_to_the_api(client: Client) -> None:
    body = json.dumps({"title": "t", "body": "x" * 100_000, "language": "en"})
    response = client.post("/api/calls/999999/contributions", body, content_type="application/json")
    assert response.status_code in (401, 403, 404)


def test_a_3_mb_form_to_a_page_is_413_with_a_readable_page(client: Client) -> None:
    response = client.post(
        "/accounts/login/",
        f"username=a&password={'x' * THREE_MB}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "<h1>Request too large</h1>" in page and "2.5" in page


def test_the_limit_is_a_setting(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    body = json.dumps({"title": "x" * 200})
    response = client.post("/api/venues", body, content_type="application/json")
    assert response.status_code == 413 and response.json()["error"]["limit"] == 100


def test_an_upload_over_the_upload_limit_is_413(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ROUNDTABLE_MAX_UPLOAD_REQUEST_BYTES = 10_000
    big = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * 20_000, "application/pdf")
    response = client.post("/accounts/login/", {"username": "a", "documents": big})
    assert response.status_code == 413 and b"Request too large" in response.content
    api = client.post("/api/venues", {"slug": "a", "file": big.open()})
    assert api.status_code == 413 and api.json()["error"]["code"] == "too_large"


def test_an_upload_within_its_limit_is_not_refused_for_its_size(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    small = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * 5_000, "application/pdf")
    response = client.post("/accounts/login/", {"username": "a", "password": "b", "f": small})
    assert response.status_code == 200  # the sign-in form again, with its error


def test_upload_fields_over_the_data_limit_are_413_not_400(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = client.post("/accounts/login/", {"username": "a", "password": "x" * 5_000})
    assert response.status_code == 413 and b"Request too large" in response.content
