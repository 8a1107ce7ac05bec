"""The caller's own API tokens: list, create, revoke (`/api/me/tokens`).

Added to the API with the project's token auth (see `api.py`). A token never sees another
person's tokens: someone else's token id is answered 404, exactly like one that does not exist.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from roundtable.outputs.errors import Error, NotSignedIn
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from .actions import check_revoke_token, do_create_token, do_revoke_token
from .models import ApiToken
from .queries import get_token, list_tokens

router = Router(tags=["tokens"])


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    # The schema states the configured maximum, so a schema-valid lifetime is never refused.
    days: int | None = Field(default=None, ge=1, le=settings.ROUNDTABLE_API_TOKEN_MAX_DAYS)


class NewTokenOut(TokenOut):
    token: str


def _out(t: ApiToken) -> dict[str, Any]:
    return {
        "id": t.pk,
        "name": t.name,
        "prefix": t.prefix,
        "created_at": t.created_at,
        "expires_at": t.expires_at,
        "last_used_at": t.last_used_at,
        "revoked_at": t.revoked_at,
    }


def _signed_in(request: HttpRequest) -> None:
    require(request, right="observe", modality="platform")
    if not request.user.is_authenticated:
        raise NotSignedIn


@router.get("/me/tokens", response={200: list[TokenOut], 401: Error, 403: Error})
def my_tokens(request: HttpRequest) -> Any:
    """The caller's live tokens (neither revoked nor expired)."""
    _signed_in(request)
    return [_out(t) for t in list_tokens(viewer=request.user)]


@router.post(
    "/me/tokens", response={201: NewTokenOut, 400: Error, 401: Error, 403: Error, 422: Error}
)
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    """A new token for the caller; its secret is in `token`, shown only this once."""
    _signed_in(request)
    found, raw = do_create_token(
        actor=Actor.of_request(request), name=payload.name, days=payload.days
    )
    return 201, {**_out(found), "token": raw}


@router.delete(
    "/me/tokens/{token_id}",
    response={200: TokenOut, 401: Error, 403: Error, 404: Error, 409: Error},
)
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    """Revoke one of the caller's tokens (the one in use included: it stops working at once)."""
    _signed_in(request)
    found = get_token(viewer=request.user, pk=token_id) if 0 < token_id < 2**63 else None
    if found is None:
        raise Http404(_("You have no such token."))
    check_revoke_token(actor=Actor.of_request(request), token=found)
    return _out(do_revoke_token(actor=Actor.of_request(request), token=found))
