"""The agreement page of a call for input or an outcome: where the stakeholder groups agree,
where they divide, what is still open; the marking form for those allowed (or the door's reason),
and adding or withdrawing statements for those who manage the process."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from roundtable.analysis.agreement import OTHER
from roundtable.analysis.balance import MIN_CELL
from roundtable.contributions.queries import get_call
from roundtable.decisions.queries import get_outcome
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.processes.models import Process
from roundtable.processes.situation import situation

from .actions import check_add_statement, check_mark, check_withdraw_statement
from .forms import MarkForm, StatementForm, WithdrawForm
from .models import Statement
from .queries import list_statements, my_marks, results


def call_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, right="observe", modality="platform")
    call = get_call(viewer=request.user, pk=pk)
    return _page(request, {"call": call}, call.process, call.title)


def outcome_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, right="observe", modality="platform")
    outcome = get_outcome(viewer=request.user, pk=pk)
    return _page(request, {"outcome": outcome}, outcome.process, outcome.title)


def _page(
    request: HttpRequest, subject: dict[str, Any], process: Process, title: str
) -> HttpResponse:
    statements = list(list_statements(viewer=request.user, **subject))
    form = StatementForm()
    status = 200
    if request.method == "POST":
        answer = _post(request, subject, statements)
        if isinstance(answer, HttpResponse):
            return answer
        form, status = answer
    where = situation(process, phases=list(process.phases.all()))
    return render(
        request,
        "agreement/results.html",
        {
            **subject,
            "process": process,
            "title": title,
            "results": results(viewer=request.user, statements=statements),
            "mine": my_marks(viewer=request.user, statements=statements),
            "mark": decide(
                request, right="comment", modality=where.modality, context=where.context
            ),
            "manage": decide(
                request,
                right="manage_process",
                modality=PARTICIPATION,
                context={"venue": process.venue.slug},
            ),
            "form": form,
            "other_groups": OTHER,
            "minimum": MIN_CELL,
        },
        status=status,
    )


def _post(
    request: HttpRequest, subject: dict[str, Any], statements: list[Statement]
) -> HttpResponse | tuple[StatementForm, int]:
    actor = Actor.of_request(request)
    action = request.POST.get("action")
    if action == "add":
        form = StatementForm(request.POST)
        if not form.is_valid():
            return form, 400
        try:
            check_add_statement(actor=actor, text=form.cleaned_data["text"], **subject)
        except ValidationError as exc:
            form.add_error("text", exc)
            return form, 400
        messages.success(request, _("The statement is added."))
        return redirect(request.path)
    if action == "withdraw":
        withdraw = WithdrawForm(request.POST)
        if not withdraw.is_valid():
            return StatementForm(), 400
        found = _one(statements, withdraw.cleaned_data["statement"])
        check_withdraw_statement(actor=actor, statement=found)
        messages.success(request, _("The statement is withdrawn."))
        return redirect(request.path)
    mark = MarkForm(request.POST)
    if not mark.is_valid():
        return StatementForm(), 400
    found = _one(statements, mark.cleaned_data["statement"])
    check_mark(actor=actor, statement=found, value=mark.cleaned_data["mark"])
    messages.success(request, _("Your mark is counted."))
    return redirect(f"{request.path}#statement-{found.pk}")


def _one(statements: list[Statement], pk: int) -> Statement:
    """A standing statement of this page; another page's or a withdrawn one is not found."""
    for statement in statements:
        if statement.pk == pk:
            return statement
    raise Http404
