"""Withdrawing from the platform (erasure, GDPR art. 17): the person's name, address and
profile go; the account can no longer sign in or use its tokens; what they contributed to a
process stays in its record, attributed to "withdrawn participant" (venues/people.py).

Contributions stay because a consultation's record is public and others' words answer them;
the audit trail keeps its events (it is hash-chained). Events name a person by the pseudonym
`user:<id>`, so once the account's address is erased nothing in the trail leads back to it;
events recorded before that rule (December 2026) still carry the address the account had.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from .models import Profile


class NotAPerson(Exception):
    """Only a signed-in person withdraws, and only themselves."""


def check_withdraw_from_platform(*, actor: Actor) -> User:
    require(actor, right="manage_own_data", modality="platform")
    return do_withdraw_from_platform(actor=actor)


def do_withdraw_from_platform(*, actor: Actor) -> User:
    if actor.user is None:
        raise NotAPerson
    with transaction.atomic():
        # The row itself, not the request's lazy wrapper: the audit digests the real model.
        user = User.objects.select_for_update().get(pk=actor.user.pk)
        profile, _created = Profile.objects.get_or_create(user=user, defaults={"display_name": ""})
        profile.display_name = profile.region = profile.gender = ""
        profile.withdrawn_at = timezone.now()
        profile.save()
        user.username = f"withdrawn-{user.pk}"
        user.email = user.first_name = user.last_name = ""
        user.set_unusable_password()
        user.is_active = False
        user.save()
        record_event(actor=actor, verb="account.withdrawn", target=user)
        record_event(actor=actor, verb="profile.withdrawn", target=profile)
    actor.forget()
    return user
