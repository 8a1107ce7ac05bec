"""API endpoints of calls for input, contributions and comments: the public reads, the JSON and
CSV exports of a process's contributions, and the writes (open and close a call, submit,
comment, withdraw, hide). Mounted by roundtable/api/api.py.

Every write asks the door (`submit_input` and `comment` under the process's modality,
`withdraw_contribution` in platform.yaml, `manage_process` and `moderate` in participation.yaml)
and answers 201/200, 400 or 422 (bad input), 401 (a bad token), 403 (the door's refusal, with
its rule), 404, or 409 with a code (`already_closed`, `call_not_open`, `call_closed`,
`not_published`, `hidden`).

The endpoints that were served by roundtable/api/api.py keep their operation ids.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.params.functions import Query

from roundtable.outputs import keyset
from roundtable.outputs.errors import Error, NotSignedIn, write
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.processes.models import Process
from roundtable.processes.queries import get_process
from roundtable.stakeholders.models import Delegation, Organisation

from .actions import (
    check_close_call,
    check_comment,
    check_hide_contribution,
    check_open_call,
    check_submit_contribution,
    check_withdraw_contribution,
)
from .models import Contribution
from .periods import check_extend_call
from .queries import get_call, get_contribution, list_calls, list_contributions
from .schemas import (
    CallIn,
    CallOut,
    CommentIn,
    CommentOut,
    ContributionIn,
    ContributionOut,
    ExtendIn,
    HideIn,
    call_out,
    comment_out,
    contribution_out,
)

router = Router(tags=["set-up"])

EXPORT_FIELDS = (
    "id", "call", "title", "author", "group", "organisation", "delegation", "language",
    "word_count", "status", "submitted_at", "moderation_reason", "body",
)  # fmt: skip


def _observe(request: HttpRequest) -> None:
    require(request, right="observe", modality="platform")


def _cell(value: Any) -> Any:
    """Spreadsheets run cells that start with = + - @ as formulas: quote them as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _export_rows(
    request: HttpRequest, venue: str, process: str
) -> tuple[Process, list[dict[str, Any]]]:
    _observe(request)
    found = get_process(viewer=request.user, venue=venue, slug=process)
    rows = [contribution_out(c) for c in list_contributions(viewer=request.user, process=found)]
    return found, rows


def _contribution_now(request: HttpRequest, pk: int) -> ContributionOut:
    """The contribution as the caller sees it after a write."""
    return ContributionOut(**contribution_out(get_contribution(viewer=request.user, pk=pk)))


# --- public reads ---------------------------------------------------------------------------


@router.get(
    "/processes/{venue}/{process}/calls",
    response={200: list[CallOut], 404: Error},
    tags=["contributions"],
    operation_id="roundtable_api_api_process_calls",
)
def process_calls(request: HttpRequest, venue: str, process: str) -> Any:
    _observe(request)
    found = get_process(viewer=request.user, venue=venue, slug=process)
    return [
        call_out(c)
        for c in list_calls(viewer=request.user, process=found).select_related("process__venue")
    ]


@router.get(
    "/calls/{call_id}",
    response={200: CallOut, 404: Error},
    tags=["contributions"],
    operation_id="roundtable_api_api_call_detail",
)
def call_detail(request: HttpRequest, call_id: int) -> Any:
    _observe(request)
    return call_out(get_call(viewer=request.user, pk=call_id))


@router.get(
    "/calls/{call_id}/contributions",
    response={200: list[ContributionOut], 404: Error},
    tags=["contributions"],
    operation_id="roundtable_api_api_call_contributions",
)
def call_contributions(
    request: HttpRequest,
    response: HttpResponse,
    call_id: int,
    after: str = Query("", max_length=100),
    before: str = Query("", max_length=100),
    limit: int = Query(100, ge=1, le=500),
) -> Any:
    """The call's contributions, oldest first, `limit` at a time by keyset: the `Link` header
    names the next and previous pages (`after` and `before` cursors; a cursor that does not
    parse gives the first page), so a deep page costs what the first one does."""
    _observe(request)
    call = get_call(viewer=request.user, pk=call_id)
    found = keyset.page(
        list_contributions(viewer=request.user, call=call), field="submitted_at",
        descending=False, key="id", after=after, before=before, size=limit,
    )  # fmt: skip
    links = [
        f'<{request.path}?{urlencode({param: cursor, "limit": limit})}>; rel="{rel}"'
        for rel, param, cursor in (("prev", "before", found.before), ("next", "after", found.after))
        if cursor is not None
    ]
    if links:
        response["Link"] = ", ".join(links)
    return [contribution_out(c) for c in found.rows]


@router.get(
    "/contributions/{contribution_id}",
    response={200: ContributionOut, 404: Error},
    tags=["contributions"],
    operation_id="roundtable_api_api_contribution_detail",
)
def contribution_detail(request: HttpRequest, contribution_id: int) -> Any:
    _observe(request)
    return contribution_out(get_contribution(viewer=request.user, pk=contribution_id))


@router.get(
    "/contributions/{contribution_id}/comments",
    response={200: list[CommentOut], 404: Error},
    tags=["contributions"],
    operation_id="roundtable_api_api_contribution_comments",
)
def contribution_comments(request: HttpRequest, contribution_id: int) -> Any:
    _observe(request)
    found = get_contribution(viewer=request.user, pk=contribution_id)
    return [comment_out(c) for c in found.comments.all()]


@router.get(
    "/processes/{venue}/{process}/contributions.json",
    response={200: list[ContributionOut], 404: Error},
    tags=["export"],
    operation_id="roundtable_api_api_export_json",
)
def export_json(request: HttpRequest, venue: str, process: str) -> Any:
    """Every contribution of the process (withdrawn and hidden ones without their text)."""
    return _export_rows(request, venue, process)[1]


@router.get(
    "/processes/{venue}/{process}/contributions.csv",
    tags=["export"],
    response={404: Error},
    operation_id="roundtable_api_api_export_csv",
)
def export_csv(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    """The same as the JSON export, one row per contribution, UTF-8 with a header row."""
    found, rows = _export_rows(request, venue, process)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        flat = {**row, "submitted_at": row["submitted_at"].isoformat(), "body": row["body"] or ""}
        writer.writerow({key: _cell(value) for key, value in flat.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{found.venue.slug}-{found.slug}-contributions.csv"'
    )
    return response


# --- writes (token) -------------------------------------------------------------------------


@router.post(
    "/processes/{venue}/{process}/calls",
    tags=["contributions"],
    operation_id="roundtable_api_api_open_call",
    **write(CallOut),
)
def open_call(request: HttpRequest, venue: str, process: str, payload: CallIn) -> Any:
    """Open a call for input (right `manage_process`)."""
    found = get_process(viewer=request.user, venue=venue, slug=process)
    call = check_open_call(
        actor=Actor.of_request(request),
        process=found,
        title=payload.title,
        description=payload.description,
        opens_at=payload.opens_at,
        closes_at=payload.closes_at,
        reply_closes_at=payload.reply_closes_at,
    )
    return 201, CallOut(**call_out(call))


@router.post("/calls/{call_id}/close", **write(CallOut, 200))
def close_call(request: HttpRequest, call_id: int) -> Any:
    """Close a call for input now (right `manage_process`); 409 `already_closed`."""
    call = get_call(viewer=request.user, pk=call_id)
    closed = check_close_call(actor=Actor.of_request(request), call=call)
    return 200, CallOut(**call_out(closed))


@router.post("/calls/{call_id}/extend", tags=["contributions"], **write(CallOut, 200))
def extend_call(request: HttpRequest, call_id: int, payload: ExtendIn) -> Any:
    """Extend the comment or reply period (right `manage_process`), with a reason that is
    published with the call; 422 `reason_required`, `not_later`, `overlaps_reply`,
    `no_reply_period`."""
    call = get_call(viewer=request.user, pk=call_id)
    check_extend_call(
        actor=Actor.of_request(request),
        call=call,
        period=payload.period,
        closes_at=payload.closes_at,
        reason=payload.reason,
    )
    return 200, CallOut(**call_out(get_call(viewer=request.user, pk=call_id)))


@router.post(
    "/calls/{call_id}/contributions",
    tags=["contributions"],
    operation_id="roundtable_api_api_submit_contribution",
    **write(ContributionOut),
)
def submit_contribution(request: HttpRequest, call_id: int, payload: ContributionIn) -> Any:
    """Submit input: right `submit_input` under the process's modality while the call is open,
    then `reply_to_comments` (a reply names `replies_to`) or `submit_late_input` (marked
    `late`); refused with the rule where the modality does not take them."""
    call = get_call(viewer=request.user, pk=call_id)
    replies_to = (
        get_object_or_404(Contribution, pk=payload.replies_to, call=call)
        if payload.replies_to
        else None
    )
    organisation = (
        get_object_or_404(Organisation, slug=payload.organisation) if payload.organisation else None
    )
    delegation = (
        get_object_or_404(Delegation, slug=payload.delegation, venue=call.process.venue)
        if payload.delegation
        else None
    )
    contribution = check_submit_contribution(
        actor=Actor.of_request(request),
        call=call,
        title=payload.title,
        body=payload.body,
        language=payload.language,
        organisation=organisation,
        delegation=delegation,
        replies_to=replies_to,
    )
    return 201, _contribution_now(request, contribution.pk)


@router.post(
    "/contributions/{contribution_id}/comments",
    tags=["contributions"],
    operation_id="roundtable_api_api_comment",
    **write(CommentOut),
)
def comment(request: HttpRequest, contribution_id: int, payload: CommentIn) -> Any:
    """Comment on a contribution (right `comment`)."""
    found = get_contribution(viewer=request.user, pk=contribution_id)
    made = check_comment(actor=Actor.of_request(request), contribution=found, body=payload.body)
    return 201, CommentOut(**comment_out(made))


@router.post(
    "/contributions/{contribution_id}/withdraw",
    tags=["contributions"],
    operation_id="roundtable_api_api_withdraw",
    **write(ContributionOut),
)
def withdraw(request: HttpRequest, contribution_id: int) -> Any:
    """The author withdraws their contribution (right `withdraw_contribution` of the
    platform rules, with the fact `is-author`: only the author may)."""
    found = get_contribution(viewer=request.user, pk=contribution_id)
    if not request.user.is_authenticated:
        raise NotSignedIn()
    check_withdraw_contribution(actor=Actor.of_request(request), contribution=found)
    return 201, _contribution_now(request, found.pk)


@router.post(
    "/contributions/{contribution_id}/hide",
    tags=["contributions"],
    operation_id="roundtable_api_api_hide",
    **write(ContributionOut),
)
def hide(request: HttpRequest, contribution_id: int, payload: HideIn) -> Any:
    """Moderation: hide with a public reason (right `moderate`)."""
    found = get_contribution(viewer=request.user, pk=contribution_id)
    check_hide_contribution(
        actor=Actor.of_request(request), contribution=found, reason=payload.reason
    )
    return 201, _contribution_now(request, found.pk)
