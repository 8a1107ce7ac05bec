"""API tokens: created for a person, shown once; only a SHA-256 digest is stored.

Every token expires (ROUNDTABLE_API_TOKEN_DEFAULT_DAYS unless asked otherwise, never more than
ROUNDTABLE_API_TOKEN_MAX_DAYS); its owner may revoke it; `last_used_at` follows its use.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor

from .models import ApiToken

# Writing last_used_at on every request would make each read a write; once a minute is enough.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def check_token_days(*, days: int | None) -> int:
    """The lifetime in days a new token gets, or a ValidationError naming the bounds."""
    longest = settings.ROUNDTABLE_API_TOKEN_MAX_DAYS
    if days is None:
        return min(settings.ROUNDTABLE_API_TOKEN_DEFAULT_DAYS, longest)
    if not 1 <= days <= longest:
        raise ValidationError(
            _("A token lasts from 1 to %(max)d days.") % {"max": longest}, code="invalid_days"
        )
    return days


def do_create_token(*, actor: Actor, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for the actor's own account; the raw token is returned once, never stored."""
    if actor.user is None:
        raise PermissionDenied(_("Sign in to act with your standing."))
    lifetime = check_token_days(days=days)
    raw = "rt_" + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor.user,
            name=name,
            prefix=raw[:8],
            digest=digest(raw),
            created_at=now,
            expires_at=now + timedelta(days=lifetime),
        )
        record_event(
            actor=actor,
            verb="api_token.created",
            target=token,
            summary={"name": name, "days": lifetime},
        )
    return token, raw


def check_revoke_token(*, actor: Actor, token: ApiToken) -> None:
    """Only the owner revokes a token; another person's token is not even named as existing."""
    if actor.user is None or token.user_id != actor.user.pk:
        raise ValidationError(_("You have no such token."), code="not_found")
    if token.revoked_at is not None:
        raise ValidationError(_("This token is already revoked."), code="revoked")


def do_revoke_token(*, actor: Actor, token: ApiToken) -> ApiToken:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(actor=actor, verb="api_token.revoked", target=token, summary={})
    return token


def user_for_token(raw: str) -> Any | None:
    """The active user a live (unrevoked, unexpired) token belongs to, or None.
    Marks the token as used."""
    now = timezone.now()
    found = (
        ApiToken.objects.select_related("user")
        .filter(
            digest=digest(raw), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True
        )
        .first()
    )
    if found is None:
        return None
    if found.last_used_at is None or now - found.last_used_at >= LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user
