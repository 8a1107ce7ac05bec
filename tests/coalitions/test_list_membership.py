"""Joining a coalition subscribes the member to its list through the lists app's own action
(the door asked `observe`, the account's own address confirmed at once); leaving unsubscribes
only a subscription that joining made. The list's address is on ROUNDTABLE_MAIL_DOMAIN, where
the mail-in side routes it."""

from __future__ import annotations

import pytest
from django.test import override_settings

from roundtable.audit.models import Event
from roundtable.coalitions.actions import check_join, check_leave
from roundtable.lists.models import Subscription
from roundtable.lists.subscriptions import check_subscribe
from roundtable.mailroom.intake import POST, route
from roundtable.permissions.actor import Actor
from tests.coalitions.scenes import founded, igf
from tests.processes.scenes import group

pytestmark = pytest.mark.django_db


def _subscribed(mailing_list, email: str) -> bool:  # type: ignore[no-untyped-def]
    return Subscription.objects.filter(
        mailing_list=mailing_list, email=email, confirmed_at__isnull=False
    ).exists()


@override_settings(ROUNDTABLE_MAIL_DOMAIN="lists.example.org")
def test_the_list_address_is_on_the_mail_domain_and_routes_to_the_list() -> None:
    s = igf()
    coalition = founded(s)
    assert coalition.mailing_list is not None
    assert coalition.mailing_list.address == (
        "igf-dc-dynamic-coalition-on-net-neutrality@lists.example.org"
    )
    found = route(coalition.mailing_list.address)
    assert found is not None and found.kind == POST and found.mailing_list == coalition.mailing_list


def test_joining_subscribes_and_leaving_unsubscribes_what_joining_made() -> None:
    s = igf()
    coalition = founded(s)
    private = Actor.person(s.private)
    member = check_join(actor=private, coalition=coalition, group=group("private-sector"))
    assert member.subscribed_on_joining
    assert _subscribed(coalition.mailing_list, "private@example.org")
    verbs = list(Event.objects.values_list("verb", flat=True))
    assert "lists.subscribe" in verbs and "coalition.joined" in verbs
    check_leave(actor=private, coalition=coalition)
    assert not _subscribed(coalition.mailing_list, "private@example.org")
    assert "lists.unsubscribe" in Event.objects.values_list("verb", flat=True)


def test_a_subscription_made_before_joining_outlives_leaving() -> None:
    s = igf()
    coalition = founded(s)
    assert coalition.mailing_list is not None
    private = Actor.person(s.private)
    check_subscribe(actor=private, mailing_list=coalition.mailing_list, email="private@example.org")
    member = check_join(actor=private, coalition=coalition, group=group("private-sector"))
    assert not member.subscribed_on_joining
    check_leave(actor=private, coalition=coalition)
    assert _subscribed(coalition.mailing_list, "private@example.org")
