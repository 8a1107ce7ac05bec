"""REST endpoints for list membership and moderation: join, leave, confirm by token, members by
stakeholder group, the moderation queue (approve, reject with a reason, whitelist the sender)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from roundtable.inputs.bounds import Email, FilledTitle, Input, Note
from roundtable.outputs.errors import Error
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from . import membership, moderation, notices, queries, subscriptions
from .models import HeldMessage, MailingList

router = Router(tags=["lists"])
ERRORS = {status: Error for status in (400, 401, 403, 404, 409, 422)}
WRITE: dict[str, Any] = {"response": {201: dict, **ERRORS}}
READ: dict[str, Any] = {"response": {200: dict, 403: Error, 404: Error}}


class EmailIn(Input):
    email: Email


class ConfirmationIn(Input):
    token: FilledTitle


class ReasonIn(Input):
    reason: Note


def _list(request: HttpRequest, slug: str) -> MailingList:
    require(request, right="observe", modality=queries.MODALITY)
    return queries.get_list(viewer=request.user, slug=slug)


def _request_json(request: HttpRequest, mailing_list: MailingList,
                  done: subscriptions.Request | None) -> dict[str, Any]:  # fmt: skip
    if done is None:
        return {"status": "not-subscribed"}
    if not done.done:
        notices.tell_confirm(Actor.of_request(request), mailing_list, done)
        return {"status": "confirmation-sent"}
    return {"status": "subscribed" if done.action == subscriptions.SUBSCRIBE else "left"}


@router.post("/lists/{slug}/subscriptions", **WRITE)
def join(request: HttpRequest, slug: str, payload: EmailIn) -> Any:
    """Join a list; an address that is not the caller's own is asked to confirm by email."""
    mailing_list = _list(request, slug)
    done = subscriptions.check_subscribe(
        actor=Actor.of_request(request), mailing_list=mailing_list, email=payload.email
    )
    return 201, _request_json(request, mailing_list, done)


@router.post("/lists/{slug}/subscriptions/leave", **WRITE)
def leave(request: HttpRequest, slug: str, payload: EmailIn) -> Any:
    mailing_list = _list(request, slug)
    done = subscriptions.check_unsubscribe(
        actor=Actor.of_request(request), mailing_list=mailing_list, email=payload.email
    )
    return 201, _request_json(request, mailing_list, done)


@router.post("/lists/confirmations", **WRITE)
def confirm(request: HttpRequest, payload: ConfirmationIn) -> Any:
    require(request, right="observe", modality=queries.MODALITY)
    done = subscriptions.do_confirm(actor=Actor.of_request(request), token=payload.token)
    if done is None:
        raise Http404("no such token")
    return 201, {"status": "confirmed", "action": done.action}


@router.get("/lists/{slug}/members", **READ)
def members(request: HttpRequest, slug: str) -> Any:
    mailing_list = _list(request, slug)
    groups = membership.members_by_group(viewer=request.user, mailing_list=mailing_list)
    return {
        "list": mailing_list.address,
        "groups": [
            {
                "group": group.group or None,
                "label": group.label,
                "members": [
                    {"name": m.name, **({"email": m.email} if m.email else {})}
                    for m in group.members
                ],
                "without_account": group.unnamed,
            }
            for group in groups
        ],
    }


def held_json(held: HeldMessage) -> dict[str, Any]:
    return {
        "id": held.pk,
        "sender": held.sender,
        "subject": held.subject,
        "rule": held.rule,
        "status": held.status,
        "reason": held.reason,
        "received_at": held.created_at.isoformat(),
    }


@router.get("/lists/{slug}/held", **READ)
def held_queue(request: HttpRequest, slug: str) -> Any:
    """The moderation queue (moderators only)."""
    mailing_list = _list(request, slug)
    held = membership.held_messages(viewer=Actor.of_request(request), mailing_list=mailing_list)
    return {"list": mailing_list.address, "held": [held_json(item) for item in held[:500]]}


def _held(request: HttpRequest, slug: str, pk: int) -> HeldMessage:
    mailing_list = _list(request, slug)
    found = membership.get_held(viewer=Actor.of_request(request), mailing_list=mailing_list,
                                pk=pk)  # fmt: skip
    if found is None:
        raise Http404("no such held message")
    return found


@router.post("/lists/{slug}/held/{pk}/approve", **WRITE)
def approve(request: HttpRequest, slug: str, pk: int) -> Any:
    held = moderation.check_approve_held(actor=Actor.of_request(request),
                                         held=_held(request, slug, pk))  # fmt: skip
    return 201, held_json(held)


@router.post("/lists/{slug}/held/{pk}/reject", **WRITE)
def reject(request: HttpRequest, slug: str, pk: int, payload: ReasonIn) -> Any:
    held = moderation.check_reject_held(
        actor=Actor.of_request(request), held=_held(request, slug, pk), reason=payload.reason
    )
    return 201, held_json(held)


@router.post("/lists/{slug}/held/{pk}/whitelist", **WRITE)
def whitelist(request: HttpRequest, slug: str, pk: int) -> Any:
    held = moderation.check_whitelist_sender(actor=Actor.of_request(request),
                                             held=_held(request, slug, pk))  # fmt: skip
    return 201, held_json(held)
