"""With DEBUG off, a wrong address and a server error get readable pages, not tracebacks."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_unknown_address_gets_a_page_that_says_what_to_do(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Nothing at this address" in body and 'href="/"' in body
    assert "Traceback" not in body


@override_settings(DEBUG=False, ROOT_URLCONF="tests.foundation.urls_boom")
def test_server_error_page_has_no_traceback() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "Traceback" not in body and "a bug" not in body
