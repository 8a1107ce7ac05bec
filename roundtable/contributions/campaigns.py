"""Campaigns in a call (issue 17): its published contributions grouped by the pure core
(`roundtable.analysis.campaigns`), the groups stored with their template and what each member
adds, and the secretariat's corrections (split a member out, merge two campaigns).

A correction is kept as a `CampaignDecision` and applied on every recomputation after the
grouper's answer (merges, then splits: a member split out stays out even of a merged
campaign), so a manual decision wins. The decisions themselves are taken in
campaign_decisions.py; they queue the recomputation (tasks.group_campaigns), as an import does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from roundtable.analysis.campaigns import Grouper
from roundtable.analysis.campaigns.templates import TemplateCounter, additions
from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor

from .models import CallForInput, Campaign, CampaignDecision, CampaignMember, Contribution

BATCH = 4096
#: Shorter texts are not grouped: in the EU AI Act consultation the texts under 20 words are
#: pointers to an attachment ("See attached file", "Please see attached document."), which
#: the grouper would otherwise call campaigns (docs/campaigns.md, "In the app").
MIN_WORDS = 20


def majority(groups: Sequence[str]) -> str:
    """A campaign's stakeholder group: its members' most frequent group ("" = none given);
    a tie goes to the group of the earliest member among the tied (`groups` in member order)."""
    return Counter(groups).most_common(1)[0][0] if groups else ""


def partition(ids: Sequence[int], texts: Sequence[str]) -> list[list[int]]:
    """The groups of two or more ids whose texts the grouper puts together, in input order."""
    grouper = Grouper()
    for start in range(0, len(ids), BATCH):
        grouper.add(
            [str(i) for i in ids[start : start + BATCH]], list(texts[start : start + BATCH])
        )
    found = grouper.finish().group.tolist()
    groups: dict[int, list[int]] = {}
    for position, first in enumerate(found):
        groups.setdefault(first, []).append(ids[position])
    return [members for members in groups.values() if len(members) > 1]


def apply_decisions(
    groups: Iterable[list[int]], decisions: Iterable[tuple[str, int, int | None]]
) -> list[list[int]]:
    """`groups` corrected by the decisions (kind, contribution, other), merges first."""
    label: dict[int, int] = {}
    for number, members in enumerate(groups):
        for member in members:
            label[member] = number
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    splits: set[int] = set()
    fresh = -1
    for kind, contribution, other in decisions:
        if kind == CampaignDecision.Kind.SPLIT:
            splits.add(contribution)
            continue
        if other is None:
            continue
        for member in (contribution, other):
            if member not in label or member in splits:
                # A contribution alone (or split out before) joins as a campaign of its own.
                splits.discard(member)
                label[member] = fresh
                fresh -= 1
        a, b = root(label[contribution]), root(label[other])
        if a != b:
            parent[max(a, b)] = min(a, b)
    merged: dict[int, list[int]] = {}
    for member, number in label.items():
        if member not in splits:
            merged.setdefault(root(number), []).append(member)
    return [sorted(m) for m in merged.values() if len(m) > 1]


def do_group_campaigns(*, actor: Actor, call: CallForInput) -> dict[str, int]:
    """Group the call's published contributions and store the campaigns (replacing the last
    grouping). Returns the counts the audit event records."""
    with transaction.atomic():
        # The lock orders this run after any decision committed before it (they lock the call
        # too, in queue_grouping): what it reads here, it groups.
        locked = CallForInput.objects.select_for_update().filter(pk=call.pk)
        asked = locked.values_list("campaigns_asked", flat=True).first() or 0
        rows = list(
            Contribution.objects.filter(
                call=call, status=Contribution.Status.PUBLISHED, word_count__gte=MIN_WORDS
            )
            .order_by("submitted_at", "pk")
            .values_list("pk", "body")
        )
        texts = dict(rows)
        ids = [pk for pk, _body in rows]
        decisions = [
            (d.kind, d.contribution_id, d.other_id)
            for d in CampaignDecision.objects.filter(call=call).order_by("decided_at", "pk")
        ]
        groups = [
            [m for m in group if m in texts]
            for group in apply_decisions(partition(ids, [texts[i] for i in ids]), decisions)
        ]
        groups = [g for g in groups if len(g) > 1]
        Campaign.objects.filter(call=call).delete()
        now = timezone.now()
        members: list[CampaignMember] = []
        for group in groups:
            counter = TemplateCounter()
            for member in group:
                counter.add(texts[member])
            template = counter.template()
            campaign = Campaign.objects.create(
                call=call, template="\n".join(template.sentences), grouped_at=now
            )
            members.extend(
                CampaignMember(
                    campaign=campaign,
                    contribution_id=member,
                    additions="\n".join(additions(texts[member], template)),
                )
                for member in group
            )
        CampaignMember.objects.bulk_create(members)
        CallForInput.objects.filter(pk=call.pk).update(campaigns_grouped=asked)
        summary = {
            "call": call.pk,
            "contributions": len(ids),
            "campaigns": len(groups),
            "members": len(members),
            "largest": max((len(g) for g in groups), default=0),
        }
        record_event(actor=actor, verb="contributions.campaigns_grouped", target=call.process,
                     summary=summary)  # fmt: skip
    return summary
