"""Joining, leaving, members by group and the moderation queue, by web and API; the write matrix
(each standing: the status is what the door decides); the list page after mail arrives."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from roundtable.api.actions import do_create_token
from roundtable.lists import queries, subscriptions
from roundtable.lists.actions import do_ensure_list
from roundtable.lists.models import HeldMessage, MailingList, Message, Subscription
from roundtable.lists.moderation import do_hold_post
from roundtable.lists.posting import list_context
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide
from roundtable.processes.actions import do_create_venue
from roundtable.stakeholders.organisations import do_ensure_default_groups
from roundtable.stakeholders.roles import do_grant_role
from tests.processes.scenes import accredit, person

pytestmark = pytest.mark.django_db
OPERATOR = Actor.operator("test")
STANDINGS = {"anonymous": None, "member": "member@example.org", "moderator": "mod@example.org"}
RAW = b"From: eve@example.net\r\nSubject: Hello\r\nMessage-ID: <h-%d@example.net>\r\n\r\nHi.\r\n"


def _list() -> MailingList:
    do_ensure_default_groups(actor=OPERATOR)
    venue = do_create_venue(actor=OPERATOR, slug="wg", name="WG",
                            default_modality="open-mailing-list")  # fmt: skip
    mailing_list = do_ensure_list(actor=OPERATOR, address="wg@lists.example.org", name="WG")
    mailing_list.venue = venue
    mailing_list.save()
    moderator = person("mod@example.org", "Moderator")
    do_grant_role(actor=OPERATOR, user=moderator, venue=venue, role="moderator")
    person("member@example.org", "Member")
    return mailing_list


def _held(mailing_list: MailingList, n: int) -> HeldMessage:
    return do_hold_post(actor=OPERATOR, mailing_list=mailing_list, raw=RAW % n,
                        sender="eve@example.net", subject="Hello", rule="r")  # fmt: skip


def _client(standing: str) -> tuple[Client, Actor]:
    """A browser session, and for the API the person's token (as an API client sends it)."""
    user = None
    headers = {}
    if STANDINGS[standing]:
        user = get_user_model().objects.get(username=STANDINGS[standing])
        raw = do_create_token(actor=Actor.person(user), name="test")[1]
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client = Client(raise_request_exception=False, **headers)
    if user is not None:
        client.force_login(user)
    return client, Actor.person(user)


@pytest.mark.parametrize("standing", list(STANDINGS))
def test_write_matrix_moderation_follows_the_door(standing: str) -> None:
    mailing_list = _list()
    client, actor = _client(standing)
    may = decide(actor, right="moderate", modality=queries.list_modality(mailing_list),
                 context=list_context(mailing_list)).allowed  # fmt: skip
    assert may is (standing == "moderator")
    api = f"/api/lists/{mailing_list.slug}/held"
    cases = [
        (f"{api}/{_held(mailing_list, 1).pk}/approve", None, "json"),
        (f"{api}/{_held(mailing_list, 2).pk}/reject", {"reason": "Off topic."}, "json"),
        (f"{api}/{_held(mailing_list, 3).pk}/whitelist", None, "json"),
        (f"/lists/wg/moderation/{_held(mailing_list, 4).pk}/", {"action": "approve"}, "form"),
    ]
    for url, data, kind in cases:
        if kind == "json":
            status = client.post(url, data or {}, content_type="application/json").status_code
            assert status == (201 if may else 403), (standing, url, status)
        else:
            status = client.post(url, data).status_code
            assert status == (302 if may else 403), (standing, url, status)
    assert client.get(api).status_code == (200 if may else 403)
    assert client.get("/lists/wg/moderation/").status_code == (200 if may else 403)
    decided = HeldMessage.objects.exclude(status="pending").count()
    assert decided == (4 if may else 0)
    assert Message.objects.count() == (3 if may else 0)  # approved and whitelisted posts


@pytest.mark.parametrize("standing", list(STANDINGS))
def test_write_matrix_join_and_leave_follow_the_door(standing: str) -> None:
    mailing_list = _list()
    client, actor = _client(standing)
    may = decide(actor, right="observe", modality=queries.list_modality(mailing_list),
                 context=list_context(mailing_list)).allowed  # fmt: skip
    own = STANDINGS[standing] or "someone@example.net"
    answer = client.post("/api/lists/wg/subscriptions", {"email": own},
                         content_type="application/json")  # fmt: skip
    assert answer.status_code == (201 if may else 403)
    expected = "subscribed" if STANDINGS[standing] else "confirmation-sent"
    assert answer.json()["status"] == expected
    web = client.post("/lists/wg/join/", {"email": "other@example.net", "action": "join"})
    assert web.status_code == (302 if may else 403)
    left = client.post("/api/lists/wg/subscriptions/leave", {"email": own},
                       content_type="application/json")  # fmt: skip
    assert left.status_code == (201 if may else 403)
    # Not yet confirmed (anonymous asked for another address): nothing to leave.
    assert left.json()["status"] == ("left" if STANDINGS[standing] else "not-subscribed")
    bad = client.post("/api/lists/wg/confirmations", {"token": "s-1-00"},
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 404


def test_confirmation_by_token_and_members_by_group() -> None:
    mailing_list = _list()
    member = get_user_model().objects.get(username="member@example.org")
    accredit(member, mailing_list.venue, "civil-society")
    asked = subscriptions.do_subscribe(actor=OPERATOR, mailing_list=mailing_list,
                                       email="Member@Example.org")  # fmt: skip
    assert not asked.done
    client = Client()
    assert client.get(f"/lists/confirm/{asked.token}/").status_code == 200
    assert Subscription.objects.get().confirmed_at is None  # a GET does nothing
    assert client.post(f"/lists/confirm/{asked.token}/").status_code == 302
    assert Subscription.objects.get().confirmed_at is not None
    subscriptions.do_subscribe(actor=OPERATOR, mailing_list=mailing_list, email="x@example.net")
    Subscription.objects.filter(email="x@example.net").update(confirmed_at=timezone.now())
    page = client.get("/lists/wg/members/").content.decode()
    assert "Civil society" in page and "Member" in page and "example.org" not in page
    data = client.get("/api/lists/wg/members").json()
    assert [g["group"] for g in data["groups"]] == ["civil-society", None]
    assert data["groups"][1]["without_account"] == 1
    moderator = Client()
    moderator.force_login(get_user_model().objects.get(username="mod@example.org"))
    assert "member@example.org" in moderator.get("/lists/wg/members/").content.decode()


def test_list_page_counts_follow_arriving_mail() -> None:
    mailing_list = _list()
    client = Client()
    page = client.get("/lists/wg/").content.decode()
    assert "0 messages" in page and "No message yet." in page
    moderator = Client()
    moderator.force_login(get_user_model().objects.get(username="mod@example.org"))
    held = _held(mailing_list, 9)
    raw = bytes(held.raw).replace(
        b"Subject:", f"Date: {timezone.now():%a, %d %b %Y %H:%M:%S +0000}\r\nSubject:".encode(), 1
    )
    HeldMessage.objects.filter(pk=held.pk).update(raw=raw)
    assert "Moderation queue (1)" in moderator.get("/lists/wg/").content.decode()
    moderator.post(f"/lists/wg/moderation/{held.pk}/", {"action": "approve"})
    page = client.get("/lists/wg/").content.decode()
    assert "1 message " in page and "1 thread" in page and "Active" in page
    assert "No message yet." not in page
