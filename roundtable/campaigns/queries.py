"""Reading a call's campaigns (issue 17), through the door: `observe` under the process's own
modality (contributions.queries.get_call), like the call's contributions themselves.

Counts by stakeholder group come twice: every contribution counted, and every campaign counted
once (one voice with N signatories) in the group most of its members gave
(contributions.campaigns.majority).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Min, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from roundtable.contributions.campaigns import majority
from roundtable.contributions.models import (
    CallForInput,
    Campaign,
    CampaignMember,
    Contribution,
)
from roundtable.contributions.queries import get_call
from roundtable.outputs import keyset
from roundtable.processes.reading import require_observe
from roundtable.text.redline import Run, diff_words, render_html


@dataclass(frozen=True)
class GroupCount:
    group: str  # slug, "" = no group given
    contributions: int  # every contribution counted
    voices: int  # a campaign counted once
    campaigns: int  # campaigns counted in this group
    signatories: int  # contributions inside those campaigns


def list_campaigns(*, viewer: Any, call: CallForInput) -> QuerySet[Any]:
    """The call's campaigns, largest first, each with `size` and `anchor` (its first member's
    contribution: a recomputation makes new rows, so pages and the API name a campaign by a
    member, which stays)."""
    require_observe(viewer, call.process)
    return (
        Campaign.objects.filter(call=call)
        .annotate(size=Count("members"), anchor=Min("members__contribution"))
        .order_by("-size", "anchor")
    )


def get_campaign_of(*, viewer: Any, contribution: int) -> Campaign | None:
    """The campaign a published contribution belongs to; None when it counts on its own (404
    when there is no such contribution, `Denied` before anything else is told)."""
    found = get_object_or_404(
        Contribution.objects.select_related("call__process__venue"),
        pk=contribution,
        status=Contribution.Status.PUBLISHED,
    )
    require_observe(viewer, found.call.process)
    member = (
        CampaignMember.objects.select_related("campaign__call__process__venue")
        .filter(contribution=found)
        .first()
    )
    return member.campaign if member else None


def member_campaign(*, viewer: Any, contribution: int) -> Campaign:
    """As `get_campaign_of`, 404 when the contribution is in no campaign (split, merge)."""
    found = get_campaign_of(viewer=viewer, contribution=contribution)
    if found is None:
        raise Http404
    return found


def list_members(*, viewer: Any, campaign: Campaign) -> QuerySet[CampaignMember]:
    """The campaign's members in the order they were submitted, each with `submitted` (its
    contribution's time) for the keyset pager (outputs.keyset, key `contribution_id`)."""
    require_observe(viewer, campaign.call.process)
    return campaign.members.select_related("contribution__group").annotate(
        submitted=F("contribution__submitted_at")
    )


def page_members(
    *, viewer: Any, campaign: Campaign, after: str, before: str, size: int
) -> keyset.Page[CampaignMember]:
    """One page of the campaign's members (a campaign can have hundreds of thousands)."""
    return keyset.page(
        list_members(viewer=viewer, campaign=campaign),
        field="submitted", descending=False, key="contribution_id",
        after=after[:100], before=before[:100], size=size,
    )  # fmt: skip


def get_member(*, viewer: Any, campaign: Campaign, contribution: str) -> CampaignMember | None:
    """The member whose redline is asked for (`?redline=`), on whichever page it is listed."""
    if not (contribution.isdigit() and contribution.isascii() and len(contribution) <= 18):
        return None
    return (
        list_members(viewer=viewer, campaign=campaign).filter(contribution_id=contribution).first()
    )


def regrouping(call: CallForInput) -> bool:
    """A grouping was asked for (an import, a split, a merge) that no task has run yet."""
    return call.campaigns_asked > call.campaigns_grouped


def redline(campaign: Campaign, member: CampaignMember) -> str:
    """The member's text against the campaign's template, as escaped HTML (<del>, <ins>)."""
    runs: tuple[Run, ...] = diff_words(campaign.template, member.contribution.body)
    return render_html(runs)


def counts_by_group(*, viewer: Any, call: CallForInput) -> list[GroupCount]:
    """Per stakeholder group, the call's published contributions with and without campaigns
    counted once, largest (with campaigns once) first."""
    require_observe(viewer, call.process)
    published = Contribution.objects.filter(call=call, status=Contribution.Status.PUBLISHED)
    slug = Coalesce("group__slug", Value(""))
    everyone = Counter(
        {
            row["slug"]: row["n"]
            for row in published.annotate(slug=slug).values("slug").annotate(n=Count("pk"))
            .order_by()
        }
    )  # fmt: skip
    alone = Counter(
        {
            row["slug"]: row["n"]
            for row in published.filter(campaign_member__isnull=True)
            .annotate(slug=slug).values("slug").annotate(n=Count("pk")).order_by()
        }
    )  # fmt: skip
    members: dict[int, list[str]] = {}
    rows = (
        published.filter(campaign_member__isnull=False)
        .annotate(slug=slug)
        .order_by("submitted_at", "pk")
        .values_list("campaign_member__campaign", "slug")
    )
    for campaign, group in rows:
        members.setdefault(campaign, []).append(group)
    campaigns: Counter[str] = Counter()
    signatories: Counter[str] = Counter()
    for groups in members.values():
        chosen = majority(groups)
        campaigns[chosen] += 1
        signatories[chosen] += len(groups)
    found = [
        GroupCount(
            group=g,
            contributions=everyone[g],
            voices=alone[g] + campaigns[g],
            campaigns=campaigns[g],
            signatories=signatories[g],
        )
        for g in set(everyone) | set(campaigns)
    ]
    found.sort(key=lambda c: (-c.voices, -c.contributions, c.group))
    return found


def campaign_call(*, viewer: Any, pk: int) -> CallForInput:
    return get_call(viewer=viewer, pk=pk)


def list_member_ids(campaigns: list[Any]) -> dict[int, list[int]]:
    """Each campaign's member contribution ids, in one query (campaigns already read)."""
    found: dict[int, list[int]] = {}
    rows = CampaignMember.objects.filter(campaign__in=[c.pk for c in campaigns]).order_by(
        "contribution_id"
    )
    for campaign, contribution in rows.values_list("campaign", "contribution"):
        found.setdefault(campaign, []).append(contribution)
    return found
