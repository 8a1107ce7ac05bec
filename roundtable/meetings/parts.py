"""What the meetings app adds to the process page (see roundtable/outputs/parts.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from roundtable.processes.models import Process

from .queries import list_process_meetings


def process_part(request: HttpRequest, *, process: Process) -> dict[str, Any]:
    """The process page's meetings (the page asked the door about the process)."""
    return {"meetings": list_process_meetings(viewer=request, process=process)}
