"""Reads for dynamic coalitions: a venue's coalitions by state and one coalition's page.

The door is asked `observe` under the coalition's own modality (open archives: anyone); a
request still in review, or declined, is shown to its founders and the secretariat only.
Whether a coalition is inactive is the pure rule's answer (`modalities.coalitions.dormancy`)
for the day the caller passes (`today`), never the clock read here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404

from roundtable.decisions.models import MinorityStatement, Outcome
from roundtable.decisions.queries import list_process_outcomes
from roundtable.drafting.models import Document
from roundtable.drafting.queries import list_documents
from roundtable.lists.models import Message
from roundtable.modalities.coalitions import CoalitionRules, Dormancy, dormancy
from roundtable.permissions.door import Denied, decide, get_modality, require
from roundtable.permissions.vocabulary import label
from roundtable.stakeholders.models import StakeholderGroup
from roundtable.stocktaking.queries import Balance, get_process_balance
from roundtable.venues.models import Venue
from roundtable.venues.people import public_name

from .actions import COALITIONS, is_coordinator
from .models import ActivityReport, Coalition, Member, ReportDate

ACTIVE, REVIEW, INACTIVE, DECLINED = "active", "review", "inactive", "declined"


@dataclass(frozen=True)
class CoalitionState:
    coalition: Coalition
    state: str
    dormancy: Dormancy | None


@dataclass(frozen=True)
class MemberRow:
    member: Member
    name: str

    @property
    def coordinator(self) -> bool:
        return self.member.role == Member.Role.COORDINATOR


@dataclass(frozen=True)
class GroupMembers:
    group: StakeholderGroup
    #: The group's label in the reader's language.
    label: str
    members: list[MemberRow]


@dataclass(frozen=True)
class CoalitionPage:
    state: CoalitionState
    groups: list[GroupMembers]
    reports: list[ActivityReport]
    #: The documents of its process the viewer may read, each with `published_versions`.
    outputs: list[Document]
    #: Published outputs: each with its call (how long minority views were invited) and them.
    outcomes: list[Outcome]
    due_dates: list[date]
    may_review: bool
    may_report: bool
    is_member: bool
    extra: dict[str, Any] = field(default_factory=dict)


def due_dates(venue: Venue) -> list[date]:
    return list(ReportDate.objects.filter(venue=venue).values_list("due_on", flat=True))


def may_review(viewer: Any, venue: Venue) -> bool:
    return decide(
        viewer, right="review_coalition", modality=COALITIONS, context={"venue": venue.slug}
    ).allowed


def state_of(
    coalition: Coalition, *, today: date, dates: Sequence[date], last_activity: date | None,
    reports_on: Sequence[date],
) -> CoalitionState:  # fmt: skip
    if coalition.status != Coalition.Status.APPROVED:
        return CoalitionState(coalition, REVIEW if coalition.status == "review" else DECLINED, None)
    # Founding refused modalities without the block; one removed since keeps the defaults.
    rules = get_modality(coalition.modality).coalitions or CoalitionRules(coalition.modality)
    founded = coalition.decided_at or coalition.requested_at
    found = dormancy(
        rules, today=today, founded_on=founded.date(), due_dates=dates,
        reports_on=reports_on, last_activity_on=last_activity, revived_on=coalition.revived_on,
    )  # fmt: skip
    return CoalitionState(coalition, INACTIVE if found.inactive else ACTIVE, found)


def _visible(viewer: Any, venue: Venue) -> QuerySet[Coalition]:
    found = Coalition.objects.filter(venue=venue).select_related("venue", "mailing_list")
    if may_review(viewer, venue):
        return found
    user = getattr(viewer, "user", viewer)
    mine = found.filter(members__user=user) if getattr(user, "pk", None) else found.none()
    return (found.filter(status=Coalition.Status.APPROVED) | mine).distinct()


def list_coalitions(*, viewer: Any, venue: Venue, today: date) -> dict[str, list[CoalitionState]]:
    """The venue's coalitions the viewer may see, by state (active, review, inactive, declined);
    a fixed number of queries whatever the number of coalitions."""
    coalitions = [
        c
        for c in _visible(viewer, venue)
        if decide(
            viewer, right="observe", modality=c.modality, context={"venue": venue.slug}
        ).allowed
    ]
    dates = due_dates(venue)
    ids = [c.pk for c in coalitions]
    activity = dict(
        Message.objects.filter(mailing_list__coalition__in=ids)
        .values_list("mailing_list__coalition")
        .annotate(last=Max("date"))
    )
    reports: dict[int, list[date]] = {}
    for coalition_id, filed_on in ActivityReport.objects.filter(coalition__in=ids).values_list(
        "coalition", "filed_on"
    ):
        reports.setdefault(coalition_id, []).append(filed_on)
    buckets: dict[str, list[CoalitionState]] = {ACTIVE: [], REVIEW: [], INACTIVE: [], DECLINED: []}
    for coalition in coalitions:
        last = activity.get(coalition.pk)
        state = state_of(
            coalition, today=today, dates=dates, reports_on=reports.get(coalition.pk, []),
            last_activity=last.date() if last is not None else None,
        )  # fmt: skip
        buckets[state.state].append(state)
    return buckets


def get_coalition(*, viewer: Any, venue: Venue, slug: str, today: date) -> CoalitionPage:
    coalition = _visible(viewer, venue).filter(slug=slug).first()
    if coalition is None:
        raise Http404
    require(viewer, right="observe", modality=coalition.modality, context={"venue": venue.slug})
    members = list(
        Member.objects.filter(coalition=coalition).select_related("group", "user__profile")
    )
    by_group: dict[int, GroupMembers] = {}
    for member in members:
        row = by_group.setdefault(
            member.group_id, GroupMembers(member.group, label("group", member.group.slug), [])
        )
        row.members.append(MemberRow(member, public_name(member.user)))
    reports = list(ActivityReport.objects.filter(coalition=coalition).select_related("filed_by"))
    last = (
        Message.objects.filter(mailing_list=coalition.mailing_list).aggregate(m=Max("date"))["m"]
        if coalition.mailing_list_id
        else None
    )
    dates = due_dates(venue)
    user = getattr(viewer, "user", viewer)
    return CoalitionPage(
        state=state_of(
            coalition, today=today, dates=dates, reports_on=[r.filed_on for r in reports],
            last_activity=last.date() if last is not None else None,
        ),
        groups=sorted(by_group.values(), key=lambda g: (g.group.position, g.group.slug)),
        reports=reports,
        outputs=outputs_of(viewer, coalition),
        outcomes=outcomes_of(viewer, coalition),
        due_dates=dates,
        may_review=may_review(viewer, venue),
        may_report=is_coordinator(user if getattr(user, "pk", None) else None, coalition),
        is_member=any(m.user_id == getattr(user, "pk", None) for m in members),
    )  # fmt: skip


def outputs_of(viewer: Any, coalition: Coalition) -> list[Document]:
    """The drafting app's own read: a members-only document only for those who may read it;
    none when the door refuses the process (it says why on the process's page)."""
    if coalition.process is None:
        return []
    try:
        return list(list_documents(viewer=viewer, process=coalition.process))
    except Denied:
        return []


def output_status(document: Document) -> str:
    """`published` once a version is (the drafting app's word for it), else `draft`."""
    published = getattr(document, "published_versions", None)
    return "published" if published else "draft"


def outcomes_of(viewer: Any, coalition: Coalition) -> list[Outcome]:
    """The decisions app's own read (the door leaves out what the viewer may not observe),
    with each adoption's minority statements."""
    if coalition.process is None:
        return []
    statements = MinorityStatement.objects.select_related("author__profile")
    return list(
        list_process_outcomes(viewer=viewer, process=coalition.process)
        .select_related("adoption")
        .prefetch_related(Prefetch("adoption__minority_statements", queryset=statements))
    )


def coalition_activity(*, viewer: Any, coalition: Coalition) -> Balance | None:
    """What the coalition did, per stakeholder group: its own process (inputs, amendments,
    positions) and its list's posts, which hangs under that process. None before approval, or
    when the reader may not observe the process (the door says so on the balance page)."""
    if coalition.process is None:
        return None
    try:
        _process, balance = get_process_balance(
            viewer=viewer, venue=coalition.venue.slug, process=coalition.process.slug
        )
    except Denied:
        return None
    return balance
