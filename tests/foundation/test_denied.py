"""A refusal says, in the reader's language, which rule decided and what would allow it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_create_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue() -> None:
    do_create_venue(actor=Actor.operator(), slug="itu", name="ITU", default_modality="itu-wtpf")


def test_denial_page_explains_in_english(client: Client, venue: None) -> None:
    response = client.get("/venues/itu/accreditations/")
    assert response.status_code == 403
    body = response.content.decode()
    # The verdict in words (no raw ids); the engine's English text and the rule one click away.
    assert (
        "Not allowed: no rule of Participation administration gives an anonymous visitor "
        "the right “Decide on accreditation”." in body
    )
    assert "<details" in body and "roundtable-participation/default-deny" in body
    assert 'class="engine-reason" lang="en"' in body
    assert "What would allow it" in body and "role operator or secretariat" in body


def test_denial_page_gives_the_verdict_in_arabic_and_marks_the_rule_text_english(
    client: Client, venue: None
) -> None:
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    with translation.override("en"):  # the request activates Arabic; leave the thread as found
        body = client.get("/venues/itu/accreditations/").content.decode()
    assert 'dir="rtl"' in body
    assert "غير مسموح: لا توجد قاعدة في إدارة المشاركة تمنح زائر مجهول الهوية" in body
    assert "نص القاعدة (بالإنكليزية):" in body
    assert 'lang="en" dir="ltr"' in body


def test_api_denial_has_one_json_shape_with_a_translated_verdict(
    client: Client, venue: None
) -> None:
    from roundtable.permissions.door import Denied, decide
    from roundtable.permissions.explain import denial_payload

    decision = decide(None, right="administer", modality="platform")
    with translation.override("en"):
        payload = denial_payload(Denied(decision).decision)
    assert payload["error"]["code"] == "forbidden"
    assert payload["error"]["rule"] == "platform/default-deny"
    assert payload["error"]["verdict"].startswith("Not allowed")
    assert payload["error"]["would_allow"] == ["role operator (rule platform/operator-administers)"]
