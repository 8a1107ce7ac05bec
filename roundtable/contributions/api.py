"""API endpoints of calls for input that write (closing a call). Mounted by roundtable/api/api.py.

Every write asks the door (`manage_process` in participation.yaml) and answers 200, 401 (a bad
token), 403 (the door's refusal, with its rule), 404, or 409 `already_closed`/`call_not_open`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from roundtable.api.schemas import CallOut
from roundtable.api.security import write
from roundtable.api.serialise import call_out

from .actions import check_close_call
from .queries import get_call

router = Router(tags=["set-up"])


@router.post("/calls/{call_id}/close", **write(CallOut, 200))
def close_call(request: HttpRequest, call_id: int) -> Any:
    """Close a call for input now (right `manage_process`); 409 `already_closed`."""
    call = get_call(viewer=request.user, pk=call_id)
    return 200, CallOut(**call_out(check_close_call(request=request, call=call)))
