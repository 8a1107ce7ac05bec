"""Stale amendments (issue 10): ten amendments drafted against version 2, accepted one after
another, each silently replaced paragraph 3. Now the first is accepted and the other nine are
refused as conflicts (409 `stale_amendment`) until the secretariat re-bases one explicitly."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from roundtable.api.actions import do_create_token
from roundtable.audit.queries import list_events_for
from roundtable.drafting import actions, amendment_actions
from roundtable.drafting.models import Amendment, Version
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import member, published_document, world

pytestmark = pytest.mark.django_db


def _auth(user: Any) -> dict[str, str]:
    return {
        "HTTP_AUTHORIZATION": f"Bearer {do_create_token(actor=Actor.person(user), name='t')[1]}"
    }


def test_ten_amendments_to_one_paragraph_cannot_silently_replace_each_other(
    client: Client,
) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    v1 = doc.versions.get(number=1)
    actions.do_save_draft(
        actor=Actor.person(w.secretariat), document=doc, source=v1.source.replace("lower", "reduce")
    )
    v2 = actions.do_publish_version(actor=Actor.person(w.secretariat), document=doc)
    assert v2.number == 2
    original = v2.paragraphs.get(pid="p3").text
    amendments = [
        amendment_actions.do_propose_amendment(
            actor=Actor.person(member(w, f"author{i}@example.org", "member")),
            version=v2,
            kind="replace",
            pid="p3",
            text=f"The Forum asks Member States, in proposal {i}, to act.",
            rationale="r",
        )
        for i in range(10)
    ]
    other = amendment_actions.do_propose_amendment(
        actor=Actor.person(member(w, "other@example.org", "member")),
        version=v2,
        kind="replace",
        pid="p4",
        text="The secretariat will report every year.",
        rationale="r",
    )
    v3 = amendment_actions.do_accept_amendment(
        actor=Actor.person(w.secretariat), amendment=amendments[0], reason="ok"
    )
    assert v3.paragraphs.get(pid="p3").text != original
    for amendment in amendments[1:]:
        with pytest.raises(ValidationError) as refused:
            amendment_actions.do_accept_amendment(
                actor=Actor.person(w.secretariat), amendment=amendment, reason="ok"
            )
        assert refused.value.code == "stale_amendment"
        message = refused.value.messages[0]
        assert "Paragraph p3 has changed since version 2" in message and "version 3" in message
    # Nothing was overwritten: one new version, nine amendments still proposed.
    assert doc.versions.filter(status=Version.Status.PUBLISHED).count() == 3
    assert Amendment.objects.filter(status="proposed", pid="p3").count() == 9
    assert doc.versions.get(number=3).paragraphs.get(pid="p3").text == (
        "The Forum asks Member States, in proposal 0, to act."
    )
    # An amendment to a paragraph nobody changed still goes through.
    v4 = amendment_actions.do_accept_amendment(
        actor=Actor.person(w.secretariat), amendment=other, reason="ok"
    )
    assert v4.number == 4
    # The API answers 409 with the code, then accepts on the explicit re-basing.
    url = f"/api/amendments/{amendments[1].pk}/decision"
    answer = client.post(
        url,
        {"decision": "accept", "reason": "ok"},
        content_type="application/json",
        **_auth(w.secretariat),
    )
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "stale_amendment"
    answer = client.post(
        url,
        {"decision": "accept", "reason": "re-based", "rebase": True},
        content_type="application/json",
        **_auth(w.secretariat),
    )
    assert answer.status_code == 201, answer.content
    assert doc.versions.get(number=5).paragraphs.get(pid="p3").text.endswith("proposal 1, to act.")
    accepted = [e for e in list_events_for(doc) if e.verb == "amendment.accepted"]
    assert [e.summary["rebased_from"] for e in accepted] == [None, None, 2]


def test_the_page_says_the_amendment_is_stale_and_offers_to_rebase(client: Client) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    v1 = doc.versions.get(number=1)
    first, second = (
        amendment_actions.do_propose_amendment(
            actor=Actor.person(member(w, f"a{i}@example.org", "member")),
            version=v1,
            kind="replace",
            pid="p3",
            text=f"Text {i}.",
            rationale="r",
        )
        for i in range(2)
    )
    client.force_login(w.secretariat)
    page = client.get(f"/amendments/{second.pk}/").content.decode()
    assert "data-stale" not in page and 'name="rebase"' not in page
    amendment_actions.do_accept_amendment(
        actor=Actor.person(w.secretariat), amendment=first, reason="ok"
    )
    page = client.get(f"/amendments/{second.pk}/").content.decode()
    assert 'data-stale="p3"' in page and 'name="rebase"' in page
    assert "Text 0." in page  # the current text, to read before re-basing
    refused = client.post(
        f"/amendments/{second.pk}/", {"decision": "accept", "reason": "ok"}
    ).content.decode()
    assert "Paragraph p3 has changed since version 1" in refused
    assert Amendment.objects.get(pk=second.pk).status == "proposed"
    done = client.post(
        f"/amendments/{second.pk}/",
        {"decision": "accept", "reason": "ok", "rebase": "on"},
        follow=True,
    ).content.decode()
    assert "version 3 is published" in done
    assert doc.versions.get(number=3).paragraphs.get(pid="p3").text == "Text 1."
