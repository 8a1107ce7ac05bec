"""Bulk creation for the query-count tests only.

Creating 1,000 contributions through `do_submit_contribution` (one audit event each) would take
minutes; the query-count tests only need rows to read, so this helper inserts them with
`bulk_create`. Everything else in the suite sets data up through the real actions.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from roundtable.contributions import tallies
from roundtable.contributions.models import (
    CallForInput,
    Campaign,
    CampaignMember,
    Comment,
    Contribution,
)
from roundtable.contributions.rendering import render_markdown
from roundtable.stakeholders.models import StakeholderGroup


def bulk_contributions(call: CallForInput, author: Any, count: int) -> None:
    groups = list(StakeholderGroup.objects.all())
    now = timezone.now()
    body = "Some *text* for the bulk contribution."
    Contribution.objects.bulk_create(
        [
            Contribution(
                call=call,
                author=author,
                group=groups[i % len(groups)],
                title=f"Bulk contribution {i}",
                body=body,
                body_html=render_markdown(body),
                language="en",
                word_count=6,
                submitted_at=now,
            )
            for i in range(count)
        ],
        batch_size=500,
    )
    tallies.recount([call.pk])  # the counters the actions would have kept
    first = Contribution.objects.filter(call=call).order_by("id").first()
    if first is not None:
        Comment.objects.create(
            contribution=first, author=author, body="x", body_html="<p>x</p>", posted_at=now
        )


def bulk_campaigns(call: CallForInput, sizes: list[int]) -> list[Campaign]:
    """Campaigns of the given sizes over the call's contributions (in id order, which must be
    enough of them), without the grouper: the rows the campaign pages read."""
    ids = list(Contribution.objects.filter(call=call).order_by("id").values_list("pk", flat=True))
    assert sum(sizes) <= len(ids), "make more contributions first"
    now = timezone.now()
    made = []
    members: list[CampaignMember] = []
    at = 0
    for size in sizes:
        campaign = Campaign.objects.create(call=call, template="A shared sentence.", grouped_at=now)
        made.append(campaign)
        members.extend(
            CampaignMember(campaign=campaign, contribution_id=pk, additions="Mine.")
            for pk in ids[at : at + size]
        )
        at += size
    CampaignMember.objects.bulk_create(members, batch_size=500)
    return made
