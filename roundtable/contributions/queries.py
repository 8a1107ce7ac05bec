"""Reads for calls and contributions. A constant number of queries, whatever the count."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from roundtable.processes.models import Process

from .models import Attachment, CallForInput, Comment, Contribution


def list_calls(*, viewer: Any, process: Process) -> QuerySet[CallForInput]:
    return CallForInput.objects.filter(process=process).annotate(
        contribution_count=Count("contributions")
    )


def get_call(*, viewer: Any, pk: int) -> CallForInput:
    return get_object_or_404(
        CallForInput.objects.select_related("process__venue").prefetch_related("process__phases"),
        pk=pk,
    )


def _contributions() -> QuerySet[Contribution]:
    return (
        Contribution.objects.select_related(
            "author__profile", "group", "organisation", "delegation", "call"
        )
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
        .annotate(comment_count=Count("comments"))
        .order_by("submitted_at", "id")
    )


def list_contributions(
    *, viewer: Any, call: CallForInput | None = None, process: Process | None = None
) -> QuerySet[Contribution]:
    """Contributions of a call (or of all a process's calls), oldest first.

    Everyone sees every contribution's entry; a withdrawn or hidden one shows its status (and
    the moderator's public reason) instead of its text: the templates and the API decide that
    from `status`, never by leaving the entry out.
    """
    found = _contributions()
    if call is not None:
        found = found.filter(call=call)
    if process is not None:
        found = found.filter(call__process=process)
    return found


def get_contribution(*, viewer: Any, pk: int) -> Contribution:
    return get_object_or_404(
        _contributions()
        .select_related("call__process__venue")
        .prefetch_related(
            Prefetch("comments", queryset=Comment.objects.select_related("author__profile"))
        ),
        pk=pk,
    )


def get_attachment(*, viewer: Any, contribution: int, pk: int) -> Attachment:
    """An attachment of a published contribution (the page and the API list them only then);
    of a withdrawn or hidden one, or another contribution's, 404 as if it did not exist."""
    if not (0 < contribution < 2**63 and 0 < pk < 2**63):
        raise Http404  # beyond any id the database can hold
    return get_object_or_404(
        Attachment.objects.select_related("contribution"),
        pk=pk,
        contribution_id=contribution,
        contribution__status=Contribution.Status.PUBLISHED,
    )


def visible_body(contribution: Contribution) -> str:
    """The rendered text, only for a published contribution."""
    return contribution.body_html if contribution.status == Contribution.Status.PUBLISHED else ""
