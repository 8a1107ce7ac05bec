"""What the contributions app adds to pages of the apps below it (see roundtable/outputs/parts.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from roundtable.processes.models import Process

from .queries import count_inputs_by_group, list_calls, list_my_contributions


def process_part(request: HttpRequest, *, process: Process) -> dict[str, Any]:
    """The process page's calls for input and published inputs per stakeholder group."""
    return {
        "calls": list_calls(viewer=request.user, process=process),
        "group_counts": count_inputs_by_group(viewer=request.user, process=process),
    }


def me_part(request: HttpRequest) -> dict[str, Any]:
    """The account page's own contributions."""
    return {"contributions": list_my_contributions(viewer=request.user)}
