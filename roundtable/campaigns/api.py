"""A call's campaigns as JSON (read through the door: `observe` under the process's modality,
like the call's contributions). Mounted by roundtable/api/api.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from roundtable.outputs.errors import Error
from roundtable.stocktaking.figures import group_label

from .queries import campaign_call, counts_by_group, list_campaigns, list_member_ids
from .schemas import CallCampaignsOut

router = Router(tags=["campaigns"])


@router.get(
    "/calls/{call_id}/campaigns",
    response={200: CallCampaignsOut, 404: Error},
    operation_id="campaigns_of_call",
)
def call_campaigns(request: HttpRequest, call_id: int) -> Any:
    """The call's campaigns (form letters and their near copies), largest first, each named by
    its first member's contribution id (`anchor`), and counts per stakeholder group with every
    contribution counted and with each campaign counted once (`voices`)."""
    call = campaign_call(viewer=request, pk=call_id)
    campaigns = list(list_campaigns(viewer=request, call=call))
    members = list_member_ids(campaigns)
    return {
        "call": call.pk,
        "counts": [
            {"label": group_label(c.group), **c.__dict__}
            for c in counts_by_group(viewer=request, call=call)
        ],
        "campaigns": [
            {
                "anchor": c.anchor,
                "size": c.size,
                "template": c.template.splitlines(),
                "members": members.get(c.pk, []),
            }
            for c in campaigns
        ],
    }
