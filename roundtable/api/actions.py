"""API tokens: created for a person, shown once; only a SHA-256 digest is stored."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from roundtable.audit.actions import record_event

from .models import ApiToken


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def do_create_token(*, actor: Any, name: str) -> tuple[ApiToken, str]:
    raw = "rt_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name, prefix=raw[:8], digest=digest(raw), created_at=timezone.now()
        )
        record_event(actor=actor, verb="api_token.created", target=token, summary={"name": name})
    return token, raw


def do_revoke_token(*, actor: Any, token: ApiToken) -> ApiToken:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(actor=actor, verb="api_token.revoked", target=token, summary={})
    return token


def user_for_token(raw: str) -> Any | None:
    """The active user a token belongs to, or None."""
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return found.user if found is not None else None
