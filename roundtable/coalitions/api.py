"""REST endpoints for a venue's dynamic coalitions (hung from the API at /api/): the list by
state, a coalition, the founding request and its review, membership, report dates, reports
and revival. Every endpoint asks the door through the actions and queries; the day the
inactivity rule is read for is the clock's, read here at the edge."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router

from roundtable.decisions.api import statement_json
from roundtable.decisions.models import Outcome
from roundtable.drafting.models import Document
from roundtable.outputs.errors import Error, write
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.permissions.vocabulary import label
from roundtable.stakeholders.models import StakeholderGroup
from roundtable.venues.queries import get_person_by_email, get_venue

from .actions import (
    COALITIONS,
    Founder,
    check_file_report,
    check_join,
    check_leave,
    check_request_founding,
    check_review_founding,
    check_revive,
    check_set_report_date,
)
from .models import Coalition
from .queries import CoalitionPage, CoalitionState, get_coalition, list_coalitions, output_status
from .schemas import (
    CoalitionDetailOut,
    CoalitionFoundingIn,
    CoalitionJoinIn,
    CoalitionListOut,
    CoalitionOut,
    CoalitionReportDateIn,
    CoalitionReportDateOut,
    CoalitionReportIn,
    CoalitionReviewIn,
    CoalitionRevivalIn,
)

router = Router(tags=["coalitions"])
BASE = "/venues/{venue}/coalitions"


def coalition_out(entry: CoalitionState) -> dict[str, Any]:
    c = entry.coalition
    return {
        "slug": c.slug, "venue": c.venue.slug, "name": c.name, "state": entry.state,
        "modality": c.modality, "process": c.process.slug if c.process else None,
        "mailing_list": c.mailing_list.address if c.mailing_list else None,
        "requested_at": c.requested_at, "decided_at": c.decided_at, "reason": c.reason,
        "dormancy": asdict(entry.dormancy) if entry.dormancy else None,
    }  # fmt: skip


def detail_out(page: CoalitionPage) -> dict[str, Any]:
    c = page.state.coalition
    return {
        **coalition_out(page.state),
        "statement_of_need": c.statement_of_need, "action_plan": c.action_plan,
        "contacts": c.contacts,
        "members": [
            {"name": m.name, "group": g.group.slug, "role": m.member.role,
             "founding": m.member.founding}
            for g in page.groups for m in g.members
        ],
        "reports": [{"filed_on": r.filed_on, "text": r.text} for r in page.reports],
        "outputs": [output_out(d, page.outcomes) for d in page.outputs],
        "due_dates": page.due_dates,
    }  # fmt: skip


def outcome_out(o: Outcome) -> dict[str, Any]:
    a = o.adoption
    level = a.designated_level if a is not None else ""
    return {
        "id": o.pk, "title": o.title, "binding": o.binding, "adoption": o.adoption_id,
        "procedure": a.procedure if a is not None else None,
        "consensus_level": level or None,
        "consensus_level_label": label("level", level) if level else None,
        "adopted": a.adopted if a is not None else None,
        "invited_from": a.opened_at if a is not None else None,
        "invited_until": a.closes_at if a is not None else None,
        # The decisions API's own shape (`/api/outcomes/{id}`), statements prefetched.
        "minority_statements": [statement_json(s) for s in a.minority_statements.all()]
        if a is not None
        else [],
    }  # fmt: skip


def output_out(d: Document, outcomes: list[Outcome]) -> dict[str, Any]:
    """A document of the coalition's process as its page lists it, with the outcomes
    recorded for it (both already read through the door: queries.get_coalition)."""
    published = getattr(d, "published_versions", [])
    return {
        "document": d.pk, "title": d.title, "status": output_status(d),
        "version": published[-1].number if published else None,
        "outcomes": [outcome_out(o) for o in outcomes if o.document_id == d.pk],
    }  # fmt: skip


def _page(request: HttpRequest, venue: str, slug: str) -> CoalitionPage:
    found = get_venue(viewer=request.user, slug=venue)
    return get_coalition(
        viewer=Actor.of_request(request), venue=found, slug=slug, today=timezone.now().date()
    )


def _coalition(venue: str, slug: str) -> Coalition:
    return get_object_or_404(
        Coalition.objects.select_related("venue"), venue__slug=venue, slug=slug
    )


@router.get(BASE, response={200: CoalitionListOut, 404: Error}, operation_id="coalitions_list")
def list_venue_coalitions(request: HttpRequest, venue: str) -> Any:
    """The venue's coalitions by state: active, in review, inactive (declined: secretariat)."""
    found = get_venue(viewer=request.user, slug=venue)
    buckets = list_coalitions(
        viewer=Actor.of_request(request), venue=found, today=timezone.now().date()
    )
    return {state: [coalition_out(e) for e in entries] for state, entries in buckets.items()}


@router.get(
    BASE + "/{slug}",
    response={200: CoalitionDetailOut, 403: Error, 404: Error},
    operation_id="coalitions_get",
)
def get_venue_coalition(request: HttpRequest, venue: str, slug: str) -> Any:
    """A coalition: statement, action plan, contacts, members by group, outputs, reports."""
    return detail_out(_page(request, venue, slug))


@router.post(BASE, operation_id="coalitions_found", **write(CoalitionOut))
def found_coalition(request: HttpRequest, venue: str, payload: CoalitionFoundingIn) -> Any:
    """Ask to found a coalition (right `found_coalition`); founders from too few groups: 400."""
    place = get_venue(viewer=request.user, slug=venue)
    actor = Actor.of_request(request)
    # The door first: nobody learns which addresses have accounts without the right to found.
    require(actor, right="found_coalition", modality=COALITIONS, context={"venue": place.slug})
    founders = [
        Founder(
            user=get_person_by_email(viewer=actor, email=f.email),
            group=get_object_or_404(StakeholderGroup, slug=f.group),
        )
        for f in payload.founders
    ]
    made = check_request_founding(
        actor=actor, venue=place, name=payload.name, statement_of_need=payload.statement_of_need,
        action_plan=payload.action_plan, contacts=payload.contacts, founders=founders,
    )  # fmt: skip
    return 201, coalition_out(CoalitionState(made, "review", None))


@router.post(BASE + "/{slug}/review", operation_id="coalitions_review", **write(CoalitionOut))
def review_coalition(
    request: HttpRequest, venue: str, slug: str, payload: CoalitionReviewIn
) -> Any:
    """The secretariat approves or declines (right `review_coalition`; declining needs a reason)."""
    decided = check_review_founding(
        actor=Actor.of_request(request), coalition=_coalition(venue, slug),
        approve=payload.approve, reason=payload.reason,
    )  # fmt: skip
    return 201, coalition_out(CoalitionState(decided, decided.status, None))


@router.post(BASE + "/{slug}/members", operation_id="coalitions_join", **write(CoalitionDetailOut))
def join_coalition(request: HttpRequest, venue: str, slug: str, payload: CoalitionJoinIn) -> Any:
    """Join, saying one's stakeholder group (right `join_coalition`)."""
    check_join(
        actor=Actor.of_request(request), coalition=_coalition(venue, slug),
        group=get_object_or_404(StakeholderGroup, slug=payload.group),
    )  # fmt: skip
    return 201, detail_out(_page(request, venue, slug))


@router.delete(
    BASE + "/{slug}/members", operation_id="coalitions_leave", **write(CoalitionDetailOut, 200)
)
def leave_coalition(request: HttpRequest, venue: str, slug: str) -> Any:
    """Leave the coalition (right `join_coalition`)."""
    check_leave(actor=Actor.of_request(request), coalition=_coalition(venue, slug))
    return 200, detail_out(_page(request, venue, slug))


@router.post(
    BASE + "/{slug}/reports", operation_id="coalitions_report", **write(CoalitionDetailOut)
)
def file_coalition_report(
    request: HttpRequest, venue: str, slug: str, payload: CoalitionReportIn
) -> Any:
    """File the yearly activity report (right `file_coalition_report`: its coordinators)."""
    check_file_report(
        actor=Actor.of_request(request), coalition=_coalition(venue, slug), text=payload.text
    )
    return 201, detail_out(_page(request, venue, slug))


@router.post(
    BASE + "/{slug}/revival", operation_id="coalitions_revive", **write(CoalitionDetailOut)
)
def revive_coalition(
    request: HttpRequest, venue: str, slug: str, payload: CoalitionRevivalIn
) -> Any:
    """The secretariat revives an inactive coalition (right `review_coalition`)."""
    check_revive(
        actor=Actor.of_request(request), coalition=_coalition(venue, slug), reason=payload.reason
    )
    return 201, detail_out(_page(request, venue, slug))


@router.post(
    "/venues/{venue}/coalition-report-dates",
    operation_id="coalitions_report_date",
    **write(CoalitionReportDateOut),
)
def set_coalition_report_date(
    request: HttpRequest, venue: str, payload: CoalitionReportDateIn
) -> Any:
    """Set a date by which every coalition reports (right `review_coalition`)."""
    place = get_venue(viewer=request.user, slug=venue)
    made = check_set_report_date(
        actor=Actor.of_request(request), venue=place, due_on=payload.due_on
    )
    return 201, {"venue": place.slug, "due_on": made.due_on}
