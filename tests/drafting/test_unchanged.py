"""Publishing a working draft identical to the last published version is refused (issue 11
point 7): a clear message on the page, 409 `unchanged` in the API."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from roundtable.api.actions import do_create_token
from roundtable.drafting import actions
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import published_document, world

pytestmark = pytest.mark.django_db


def test_an_identical_draft_is_not_published_as_a_new_version(client: Client) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    v1 = doc.versions.get(number=1)
    # Only blank lines differ: the paragraphs are the same text.
    actions.do_save_draft(
        actor=Actor.person(w.secretariat), document=doc, source=v1.source + "\n\n\n"
    )
    with pytest.raises(ValidationError) as refused:
        actions.do_publish_version(actor=Actor.person(w.secretariat), document=doc)
    assert (
        refused.value.code == "unchanged" and "identical to version 1" in refused.value.messages[0]
    )
    # The API answers 409 with the code.
    token = do_create_token(actor=Actor.person(w.secretariat), name="t")[1]
    answer = client.post(
        f"/api/documents/{doc.pk}/versions",
        {"note": ""},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "unchanged"
    # The page says so, and no version was added.
    client.force_login(w.secretariat)
    page = client.post(
        f"/documents/{doc.pk}/draft/", {"source": v1.source, "note": "", "publish": "1"}
    )
    assert page.status_code == 200
    assert "identical to version 1" in page.content.decode()
    assert doc.versions.filter(status="published").count() == 1
    # A real change publishes.
    actions.do_save_draft(
        actor=Actor.person(w.secretariat), document=doc, source=v1.source + "\n\nMore."
    )
    assert actions.do_publish_version(actor=Actor.person(w.secretariat), document=doc).number == 2
