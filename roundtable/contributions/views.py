"""The call page (contributions listed, and the form or the reason why not), a contribution
with its comments, and moderation. Each asks the door."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.outputs import keyset
from roundtable.outputs.files import private_file_response
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.processes.queries import get_process
from roundtable.processes.situation import situation
from roundtable.stakeholders.disclosures import StatementRequired, statements_beside
from roundtable.stakeholders.models import Accreditation, Delegation, Organisation

from .actions import (
    check_close_call,
    check_comment,
    check_hide_contribution,
    check_open_call,
    check_submit_contribution,
    check_withdraw_contribution,
    word_limit,
)
from .entries import entries_html
from .forms import CallForm, CommentForm, ContributionForm, ExtendForm, HideForm
from .periods import check_extend_call, decide_now
from .queries import (
    count_by_group,
    count_contributions,
    get_attachment,
    get_call,
    get_contribution,
    list_contributions,
    list_extensions,
    reply_targets,
)

PAGE_SIZE = 50


def _behalf_choices(request: HttpRequest, venue_id: int) -> list[tuple[str, str]]:
    if not request.user.is_authenticated:
        return []
    choices: list[tuple[str, str]] = []
    for a in Accreditation.objects.filter(
        user=request.user, venue_id=venue_id, status=Accreditation.Status.APPROVED
    ).select_related("organisation", "delegation"):
        if a.organisation is not None:
            choices.append((f"organisation:{a.organisation.pk}", a.organisation.name))
        if a.delegation is not None:
            choices.append((f"delegation:{a.delegation.pk}", a.delegation.name))
    return choices


def _behalf(value: str) -> dict[str, Any]:
    kind, _sep, pk = value.partition(":")
    if kind == "organisation":
        return {"organisation": Organisation.objects.get(pk=int(pk))}
    if kind == "delegation":
        return {"delegation": Delegation.objects.get(pk=int(pk))}
    return {}


def call_page(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, right="observe", modality="platform")
    call = get_call(viewer=request.user, pk=pk)
    process = call.process
    where = situation(process, phases=list(process.phases.all()))
    moment, submit = decide_now(request, call, where)
    closed = None
    if moment.window == "not-open":
        closed = _("This call for input opens on %(when)s.") % {
            "when": date_format(call.opens_at, "DATETIME_FORMAT")
        }
    targets = reply_targets(viewer=request.user, call=call) if moment.reply else []
    form = ContributionForm(
        request.POST or None,
        request.FILES or None,
        behalf_choices=_behalf_choices(request, process.venue_id),
        reply_choices=[(c.pk, c.title) for c in targets],
    )
    status, needs_statement = 200, False
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                contribution = check_submit_contribution(
                    actor=Actor.of_request(request),
                    call=call,
                    title=data["title"],
                    body=data["body"],
                    language=data["language"],
                    attachments=data["attachments"],
                    replies_to=next((c for c in targets if c.pk == data.get("replies_to")), None),
                    **_behalf(data["on_behalf"]),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            except StatementRequired as exc:  # GNSO OP 5.3.1 / BCP 79: offer the way to file
                form.add_error(None, str(exc))
                needs_statement, status = True, 403
            else:
                messages.success(request, _("Your contribution is published."))
                return redirect("contributions:contribution", contribution.pk)
        else:
            status = 400
    page = keyset.page(
        list_contributions(viewer=request.user, call=call),
        field="submitted_at", descending=False, key="id", size=PAGE_SIZE,
        after=request.GET.get("after", "")[:100], before=request.GET.get("before", "")[:100],
    )  # fmt: skip
    return render(
        request,
        "contributions/call.html",
        {
            "call": call,
            "process": process,
            "where": where,
            "submit": submit,
            "limit": word_limit(submit) if submit.allowed else None,
            "closed": closed,
            "moment": moment,
            "form": form,
            "manage": decide(
                request,
                right="manage_process",
                modality=PARTICIPATION,
                context={"venue": process.venue.slug},
            ),
            "extend_form": ExtendForm(),
            "extensions": list_extensions(viewer=request.user, call=call),
            "page": page,
            "entries": entries_html(page.rows),
            "pager": keyset.links(request.GET, page),
            "total": count_contributions(viewer=request.user, call=call),
            "by_group": count_by_group(viewer=request.user, call=call),
            "needs_statement": needs_statement,
        },
        status=status,
    )


def contribution_page(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, right="observe", modality="platform")
    contribution = get_contribution(viewer=request.user, pk=pk)
    process = contribution.call.process
    where = situation(process, phases=list(process.phases.all()))
    return render(
        request,
        "contributions/contribution.html",
        {
            "contribution": contribution,
            "process": process,
            "comment": decide(
                request, right="comment", modality=where.modality, context=where.context
            ),
            "moderate": decide(
                request,
                right="moderate",
                modality=PARTICIPATION,
                context={"venue": process.venue.slug},
            ),
            "comment_form": CommentForm(),
            "hide_form": HideForm(),
            # The author's Statement of Interest / Note Well, where the modality asks for one.
            "on_file": statements_beside(
                process.venue, process.modality, [contribution.author_id]
            ).get(contribution.author_id, []),
        },
    )


def attachment(request: HttpRequest, pk: int, attachment: int) -> FileResponse:
    """An attachment, as a download, to whoever may see the contribution (published ones)."""
    require(request, right="observe", modality="platform")
    found = get_attachment(viewer=request.user, contribution=pk, pk=attachment)
    return private_file_response(found.file, found.name)


@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_contribution(viewer=request.user, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            check_comment(
                actor=Actor.of_request(request),
                contribution=contribution,
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("A comment cannot be empty."))
    return redirect("contributions:contribution", contribution.pk)


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_contribution(viewer=request.user, pk=pk)
    try:
        check_withdraw_contribution(actor=Actor.of_request(request), contribution=contribution)
    except ValidationError as exc:
        messages.error(request, str(exc.messages[0] if hasattr(exc, "messages") else exc))
    else:
        messages.success(request, _("Your contribution is withdrawn."))
    return redirect("contributions:contribution", contribution.pk)


@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_contribution(viewer=request.user, pk=pk)
    form = HideForm(request.POST)
    reason = form.data.get("reason", "")
    try:
        check_hide_contribution(
            actor=Actor.of_request(request), contribution=contribution, reason=reason
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("contributions:contribution", contribution.pk)


def open_call(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    found = get_process(viewer=request.user, venue=venue, slug=process)
    require(
        request, right="manage_process", modality=PARTICIPATION, context={"venue": found.venue.slug}
    )
    form = CallForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                call = check_open_call(
                    actor=Actor.of_request(request), process=found, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                return redirect("contributions:call", call.pk)
        else:
            status = 400
    return render(
        request, "contributions/open_call.html", {"process": found, "form": form}, status=status
    )


@require_POST
def close_call(request: HttpRequest, call_id: int) -> HttpResponse:
    call = get_call(viewer=request.user, pk=call_id)
    try:
        check_close_call(actor=Actor.of_request(request), call=call)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Call closed."))
    return redirect("processes:process", call.process.venue.slug, call.process.slug)


@require_POST
def extend_call(request: HttpRequest, call_id: int) -> HttpResponse:
    """Extend the comment or reply period of a call, with a reason (right `manage_process`)."""
    call = get_call(viewer=request.user, pk=call_id)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the period, a new closing time and a reason."))
        return redirect("contributions:call", call.pk)
    try:
        check_extend_call(
            actor=Actor.of_request(request),
            call=call,
            period=form.cleaned_data["period"],
            closes_at=form.cleaned_data["closes_at"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Period extended."))
    return redirect("contributions:call", call.pk)
