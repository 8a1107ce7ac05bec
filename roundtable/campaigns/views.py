"""A call's campaigns, one campaign, and the secretariat's corrections (split, merge, group
again). Reads go through the door in queries.py; the corrections ask for `manage_process`
in their actions (contributions.campaign_decisions, contributions.tasks)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.contributions.campaign_decisions import check_merge_campaigns, check_split_member
from roundtable.contributions.tasks import check_queue_grouping
from roundtable.outputs import keyset
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide
from roundtable.permissions.standing import PARTICIPATION
from roundtable.stocktaking.figures import group_label

from .queries import (
    campaign_call,
    counts_by_group,
    get_campaign_of,
    get_member,
    list_campaigns,
    member_campaign,
    page_members,
    redline,
    regrouping,
)

#: Members listed on one page of a campaign (a campaign can have thousands; the pager links
#: the rest).
MEMBERS_SHOWN = 200


def _manage(request: HttpRequest, venue: str) -> bool:
    return decide(
        request, right="manage_process", modality=PARTICIPATION, context={"venue": venue}
    ).allowed


def call_campaigns(request: HttpRequest, pk: int) -> HttpResponse:
    call = campaign_call(viewer=request, pk=pk)
    counts = counts_by_group(viewer=request, call=call)
    return render(
        request,
        "campaigns/call.html",
        {
            "call": call,
            "process": call.process,
            "campaigns": list(list_campaigns(viewer=request, call=call)),
            "counts": [(group_label(c.group), c) for c in counts],
            "manage": _manage(request, call.process.venue.slug),
            "regrouping": regrouping(call),
        },
    )


def campaign_page(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_of(viewer=request, contribution=pk)
    if campaign is None:
        return render(request, "campaigns/alone.html", {"contribution": pk})
    members = page_members(
        viewer=request, campaign=campaign, size=MEMBERS_SHOWN,
        after=request.GET.get("after", ""), before=request.GET.get("before", ""),
    )  # fmt: skip
    shown = get_member(
        viewer=request, campaign=campaign, contribution=request.GET.get("redline", "")
    )
    others = [c for c in list_campaigns(viewer=request, call=campaign.call) if c.pk != campaign.pk]
    return render(
        request,
        "campaigns/campaign.html",
        {
            "campaign": campaign,
            "anchor": pk,
            "call": campaign.call,
            "process": campaign.call.process,
            "size": campaign.members.count(),
            "template": campaign.template.splitlines(),
            "members": [
                (m, group_label(m.contribution.group.slug if m.contribution.group else ""))
                for m in members.rows
            ],
            "pager": keyset.links(request.GET, members),
            "shown": shown,
            "redline": redline(campaign, shown) if shown else "",
            "others": others,
            "manage": _manage(request, campaign.call.process.venue.slug),
            "regrouping": regrouping(campaign.call),
        },
    )


@require_POST
def split(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = member_campaign(viewer=request, contribution=pk)
    member = get_object_or_404(campaign.members, contribution_id=pk)
    check_split_member(actor=Actor.of_request(request), member=member)
    messages.success(
        request, _("Recorded: the contribution will count on its own once the call is regrouped.")
    )
    return redirect("campaigns:call", campaign.call_id)


@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = member_campaign(viewer=request, contribution=pk)
    other_pk = request.POST.get("other", "")
    if not other_pk.isdigit():
        return redirect("campaigns:campaign", pk)
    other = member_campaign(viewer=request, contribution=int(other_pk))
    if other.call_id != campaign.call_id or other.pk == campaign.pk:
        return redirect("campaigns:campaign", pk)
    check_merge_campaigns(actor=Actor.of_request(request), campaign=campaign, other=other)
    messages.success(
        request, _("Recorded: the two campaigns will be one once the call is regrouped.")
    )
    return redirect("campaigns:campaign", pk)


@require_POST
def group_again(request: HttpRequest, pk: int) -> HttpResponse:
    call = campaign_call(viewer=request, pk=pk)
    check_queue_grouping(actor=Actor.of_request(request), call=call)
    messages.success(request, _("The grouping is queued; this page shows it once it has run."))
    return redirect("campaigns:call", call.pk)
