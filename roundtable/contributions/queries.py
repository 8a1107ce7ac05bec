"""Reads for calls and contributions. A constant number of queries, whatever the count."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from roundtable.processes.models import Process
from roundtable.processes.reading import observable_ids, require_observe

from .models import Attachment, CallForInput, Comment, Contribution


def list_calls(*, viewer: Any, process: Process) -> QuerySet[CallForInput]:
    require_observe(viewer, process)
    return CallForInput.objects.filter(process=process).annotate(
        contribution_count=Count("contributions")
    )


def get_call(*, viewer: Any, pk: int) -> CallForInput:
    found = get_object_or_404(
        CallForInput.objects.select_related("process__venue").prefetch_related("process__phases"),
        pk=pk,
    )
    require_observe(viewer, found.process)
    return found


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
        require_observe(viewer, call.process)
        found = found.filter(call=call)
    if process is not None:
        require_observe(viewer, process)
        found = found.filter(call__process=process)
    if call is None and process is None:
        shown = observable_ids(viewer, Process.objects.select_related("venue"))
        found = found.filter(call__process__in=shown)
    return found


def get_contribution(*, viewer: Any, pk: int) -> Contribution:
    found = get_object_or_404(
        _contributions()
        .select_related("call__process__venue")
        .prefetch_related(
            Prefetch("comments", queryset=Comment.objects.select_related("author__profile"))
        ),
        pk=pk,
    )
    require_observe(viewer, found.call.process)
    return found


def visible_body(contribution: Contribution) -> str:
    """The rendered text, only for a published contribution."""
    return contribution.body_html if contribution.status == Contribution.Status.PUBLISHED else ""
