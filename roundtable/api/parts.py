"""What the API app adds to pages of the apps below it (see roundtable/outputs/parts.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from roundtable.inputs.params import int_param
from roundtable.permissions.actor import Actor

from .actions import check_revoke_token, do_create_token, do_revoke_token
from .queries import get_token, list_tokens


def tokens_part(request: HttpRequest) -> dict[str, Any]:
    """The account page's API tokens: a POST with `token_name` (and `days`) makes one, shown
    only once; a POST with `revoke` revokes one of the owner's. A refusal comes back as
    `token_error` (the page answers 400); a revocation done returns `done` (the page then
    redirects to itself). The account page has refused anonymous visitors."""
    new_token = None
    token_error = None
    if request.method == "POST" and request.POST.get("revoke"):
        found = get_token(viewer=request.user, pk=int_param(request.POST, "revoke", default=0) or 0)
        if found is None:
            token_error = _("You have no such token.")
        else:
            try:
                check_revoke_token(actor=Actor.of_request(request), token=found)
            except ValidationError as exc:
                token_error = exc.messages[0]
            else:
                do_revoke_token(actor=Actor.of_request(request), token=found)
                messages.success(request, _("The token is revoked."))
                return {"done": True}
    elif request.method == "POST" and request.POST.get("token_name", "").strip():
        raw_days = request.POST.get("days", "").strip()
        days = int(raw_days[:6]) if raw_days.isdigit() else None
        try:
            _token, new_token = do_create_token(
                actor=Actor.of_request(request),
                name=request.POST["token_name"].strip()[:100],
                days=days,
            )
        except ValidationError as exc:
            token_error = exc.messages[0]
    return {
        "tokens": list_tokens(viewer=request.user),
        "new_token": new_token,
        "token_error": token_error,
        "max_days": settings.ROUNDTABLE_API_TOKEN_MAX_DAYS,
        "default_days": min(
            settings.ROUNDTABLE_API_TOKEN_DEFAULT_DAYS, settings.ROUNDTABLE_API_TOKEN_MAX_DAYS
        ),
    }
