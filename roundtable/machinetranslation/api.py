"""REST endpoint for a venue's machine-translation switch (hung from the API at /api/): the
same action as the venue page's control, so the door (`switch_machine_translation`, the
venue's secretariat) decides and a refusal names the rule."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from roundtable.inputs.bounds import Input
from roundtable.outputs.errors import write
from roundtable.permissions.actor import Actor
from roundtable.venues.queries import get_venue

from . import providers
from .actions import check_set_machine_translation

router = Router(tags=["machine translation"])


class MachineTranslationSwitchIn(Input):
    enabled: bool


class MachineTranslationSwitchOut(Schema):
    venue: str
    enabled: bool
    configured: bool  # whether the site names a service: on without one still sends nothing


@router.post(
    "/venues/{venue}/machine-translation",
    operation_id="machine_translation_switch",
    **write(MachineTranslationSwitchOut, 200),
)
def switch_machine_translation(
    request: HttpRequest, venue: str, payload: MachineTranslationSwitchIn
) -> Any:
    """Turn machine translation on or off at a venue (right `switch_machine_translation`)."""
    place = get_venue(viewer=request.user, slug=venue)
    switch = check_set_machine_translation(
        actor=Actor.of_request(request), venue=place, enabled=payload.enabled
    )
    return 200, {
        "venue": place.slug,
        "enabled": switch.enabled,
        "configured": providers.configured() is not None,
    }
