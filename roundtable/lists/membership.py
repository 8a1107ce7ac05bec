"""Reads about a list's members and its moderation queue, viewer-aware.

Anyone who may read a list sees who its members are by stakeholder group (by name, never by
address; an address without an account counts, unnamed). Moderators (`moderate`) also see the
addresses, each member's settings and the held messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, require
from roundtable.permissions.vocabulary import label
from roundtable.venues.people import public_name

from .models import HeldMessage, MailingList, Subscription
from .posting import list_context, list_venue
from .queries import list_modality

NO_GROUP = ""


@dataclass(frozen=True)
class Member:
    name: str
    email: str  # empty unless the viewer moderates
    subscription: Subscription


@dataclass(frozen=True)
class GroupOfMembers:
    group: str
    label: str
    members: list[Member]
    unnamed: int


def may_moderate(viewer: Any, mailing_list: MailingList) -> bool:
    who = viewer if isinstance(viewer, Actor) else Actor.person(viewer)
    return decide(
        who, right="moderate", modality=list_modality(mailing_list),
        context=list_context(mailing_list),
    ).allowed  # fmt: skip


def members_by_group(*, viewer: Any, mailing_list: MailingList) -> list[GroupOfMembers]:
    """Confirmed members, by the stakeholder group(s) of their accreditation at the list's
    venue; a member of two groups is listed under both; no accreditation: "no group"."""
    moderator = may_moderate(viewer, mailing_list)
    venue = list_venue(mailing_list)
    groups: dict[str, GroupOfMembers] = {}

    def bucket(group: str) -> GroupOfMembers:
        if group not in groups:
            text = label("group", group) if group else ""
            groups[group] = GroupOfMembers(group, text, [], 0)
        return groups[group]

    confirmed = Subscription.objects.filter(
        mailing_list=mailing_list, confirmed_at__isnull=False, banned=False
    ).select_related("user__profile")
    for subscription in confirmed:
        email = subscription.email if moderator else ""
        if subscription.user is None:
            found = bucket(NO_GROUP)
            if moderator:
                found.members.append(Member(subscription.email, email, subscription))
            else:
                groups[NO_GROUP] = GroupOfMembers(NO_GROUP, "", found.members, found.unnamed + 1)
            continue
        standing = Actor.person(subscription.user).standing(venue)
        name = public_name(subscription.user)
        for group in sorted(standing.groups) or [NO_GROUP]:
            bucket(group).members.append(Member(name, email, subscription))
    return sorted(groups.values(), key=lambda g: (g.group == NO_GROUP, g.label))


def held_messages(*, viewer: Any, mailing_list: MailingList) -> QuerySet[HeldMessage]:
    """The messages waiting for a moderator (moderators only)."""
    require(viewer if isinstance(viewer, Actor) else Actor.person(viewer), right="moderate",
            modality=list_modality(mailing_list), context=list_context(mailing_list))  # fmt: skip
    return HeldMessage.objects.filter(mailing_list=mailing_list, status=HeldMessage.PENDING)


def get_held(*, viewer: Any, mailing_list: MailingList, pk: int) -> HeldMessage | None:
    return held_messages(viewer=viewer, mailing_list=mailing_list).filter(pk=pk).first()
