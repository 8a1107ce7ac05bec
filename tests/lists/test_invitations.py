"""Invitations (Mailman's): someone else asks for an address's subscription; its owner accepts
with the ordinary confirmation (token by reply or link). Inviting subscribes nobody, not even
at the inviter's own address; accepting tells the hooks an app above registered, once, and
only an invitation's acceptance does."""

from __future__ import annotations

from typing import Any

import pytest

from roundtable.audit.models import Event
from roundtable.lists import subscriptions
from roundtable.lists.actions import do_ensure_list
from roundtable.lists.models import Subscription
from roundtable.lists.notices import tell_invite
from roundtable.outbox.models import OutgoingMessage
from roundtable.permissions.actor import Actor
from tests.processes.scenes import person

pytestmark = pytest.mark.django_db
OPERATOR = Actor.operator("test")


def test_an_invitation_is_accepted_by_its_token_and_tells_the_hooks_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    told: list[tuple[Any, str]] = []
    monkeypatch.setattr(
        subscriptions, "_accepted_hooks", [lambda actor, sub: told.append((actor, sub.email))]
    )
    mailing_list = do_ensure_list(actor=OPERATOR, address="dc@lists.example.org", name="DC")
    inviter = person("inviter@example.org", "Inviter")
    request = subscriptions.do_invite(
        actor=Actor.person(inviter), mailing_list=mailing_list, email="Invited@Example.org"
    )
    assert request.action == subscriptions.INVITE and not request.done
    assert request.subscription.confirmed_at is None
    assert request.subscription.email == "invited@example.org"
    tell_invite(OPERATOR, mailing_list, request)
    sent = OutgoingMessage.objects.get(purpose="list-invite")
    assert sent.recipient == "invited@example.org"
    assert f"confirm+{request.token}@".encode() in bytes(sent.raw)
    done = subscriptions.do_confirm(actor=OPERATOR, token=request.token)
    assert done is not None and done.action == subscriptions.SUBSCRIBE
    assert Subscription.objects.get(pk=request.subscription.pk).confirmed_at is not None
    assert told == [(OPERATOR, "invited@example.org")]
    subscriptions.do_confirm(actor=OPERATOR, token=request.token)  # again: nothing new
    assert len(told) == 1
    assert {"lists.invite", "lists.subscribe.confirmed"} <= set(
        Event.objects.values_list("verb", flat=True)
    )
    # Subscribed already: nothing to accept, no mail.
    again = subscriptions.do_invite(
        actor=OPERATOR, mailing_list=mailing_list, email="invited@example.org"
    )
    assert again.done
    tell_invite(OPERATOR, mailing_list, again)
    assert OutgoingMessage.objects.filter(purpose="list-invite").count() == 1


def test_inviting_ones_own_address_does_not_subscribe_and_a_plain_confirmation_tells_nobody(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    told: list[str] = []
    monkeypatch.setattr(subscriptions, "_accepted_hooks", [lambda _a, sub: told.append(sub.email)])
    mailing_list = do_ensure_list(actor=OPERATOR, address="dc@lists.example.org", name="DC")
    me = person("me@example.org", "Me")
    request = subscriptions.do_invite(
        actor=Actor.person(me), mailing_list=mailing_list, email="me@example.org"
    )
    assert not request.done and request.subscription.confirmed_at is None
    other = subscriptions.do_subscribe(
        actor=OPERATOR, mailing_list=mailing_list, email="other@example.org"
    )
    subscriptions.do_confirm(actor=OPERATOR, token=other.token)
    assert told == []
    # A forged invitation token is refused like any other.
    forged = request.token[:-1] + ("1" if request.token.endswith("0") else "0")
    assert subscriptions.do_confirm(actor=OPERATOR, token=forged) is None
