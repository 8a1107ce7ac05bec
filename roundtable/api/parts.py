"""What the API app adds to pages of the apps below it (see roundtable/outputs/parts.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .actions import do_create_token
from .models import ApiToken


def tokens_part(request: HttpRequest) -> dict[str, Any]:
    """The account page's API tokens; a POST with `token_name` makes one, shown only once.

    The account page (`stakeholders:me`) has already refused anonymous visitors.
    """
    new_token = None
    name = request.POST.get("token_name", "").strip() if request.method == "POST" else ""
    if name:
        _token, new_token = do_create_token(actor=request.user, name=name[:100])
    return {
        "tokens": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True),
        "new_token": new_token,
    }
