"""Reads of API tokens: a person sees only their own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from .models import ApiToken


def list_tokens(*, viewer: Any) -> QuerySet[ApiToken]:
    """The viewer's live tokens (not revoked, not expired), newest first."""
    if not viewer.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(
        user=viewer, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )


def get_token(*, viewer: Any, pk: int) -> ApiToken | None:
    """One of the viewer's tokens (revoked or expired included), or None."""
    if not viewer.is_authenticated:
        return None
    return ApiToken.objects.filter(user=viewer, pk=pk).first()
