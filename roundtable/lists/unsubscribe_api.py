"""`POST /api/lists/{slug}/unsubscribe/{token}`: the one-click unsubscribe of a member's copy,
for clients that speak JSON. The signed token is the authority; no bearer token is needed."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from roundtable.outputs.errors import Error
from roundtable.permissions.actor import Actor

from . import queries
from .unsubscribe import check_unsubscribe_by_token

router = Router(tags=["lists"])


class UnsubscribedOut(Schema):
    list: str
    unsubscribed: bool


@router.post(
    "/lists/{slug}/unsubscribe/{token}", response={200: UnsubscribedOut, 403: Error, 404: Error}
)
def unsubscribe(request: HttpRequest, slug: str, token: str) -> Any:
    """End the subscription a List-Unsubscribe link names (404 when it names none)."""
    mailing_list = queries.get_list(viewer=request.user, slug=slug[:100])
    gone = check_unsubscribe_by_token(
        actor=Actor.of_request(request), mailing_list=mailing_list, token=token
    )
    if gone is None:
        raise Http404(_("This link does not name a subscription of this list."))
    return {"list": mailing_list.address, "unsubscribed": True}
