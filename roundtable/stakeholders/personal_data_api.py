"""REST endpoints for a person's own data: download it (`GET /api/me/data`) and withdraw from
the platform (`POST /api/me/withdraw`). Right `manage_own_data` (platform.yaml): any signed-in
person, for themselves only; there is no parameter naming anyone else."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from roundtable.outputs.errors import Error, write
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from .personal_data import personal_data
from .withdrawal import check_withdraw_from_platform


class WithdrawIn(Schema):
    confirm: bool


router = Router(tags=["participants"])


@router.get("/me/data", response={200: dict[str, Any], 403: Error})
def my_data(request: HttpRequest) -> Any:
    """Everything held about the caller, as JSON (the web page adds the uploaded files)."""
    actor = Actor.of_request(request)
    require(actor, right="manage_own_data", modality="platform")
    if actor.user is None:  # the rule admits only signed-in people; never reached
        raise PermissionDenied
    return personal_data(actor.user).as_json()


@router.post("/me/withdraw", **write(dict[str, bool], status=200))
def withdraw(request: HttpRequest, payload: WithdrawIn) -> Any:
    """Erase the caller's name, address and profile and close the account; contributions stay,
    attributed to "withdrawn participant". Needs `{"confirm": true}`."""
    actor = Actor.of_request(request)
    require(actor, right="manage_own_data", modality="platform")
    if not payload.confirm:
        raise ValidationError(
            _("Withdrawing cannot be undone: send confirm true."), code="confirm_required"
        )
    check_withdraw_from_platform(actor=actor)
    return 200, {"withdrawn": True}
