"""Meeting pages, the live queue page and its fragment, and the iCalendar feeds. Each asks
the door; refusals show the rule and what would allow it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from roundtable.live.queries import latest_event_id
from roundtable.live.stream import event_stream
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.processes.models import Process
from roundtable.processes.queries import get_process
from roundtable.venues.queries import get_venue

from . import actions, calendar, queue
from .announce import channel
from .attendance import quorum_count
from .attendance_views import attendance_form
from .authority import decide_meeting
from .forms import AskForm, ChairForm, MinutesForm, RegisterForm
from .models import AgendaItem, FloorRequest, Meeting
from .queries import (
    attendance_by_group,
    get_meeting,
    list_process_meetings,
    list_venue_meetings,
    queue_view,
    seen_documents,
)


def _decisions(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    process = meeting.process
    return {
        right: decide_meeting(request, right=right, process=process, meeting=meeting)
        for right in ("attend", "speak", "chair_meeting", "manage_meeting")
    }


@require_GET
def meeting_page(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_meeting(viewer=request, pk=pk)
    mine = None
    if request.user.is_authenticated:
        mine = found.registrations.filter(user=request.user).first()
    may = _decisions(request, found)
    return render(
        request,
        "meetings/meeting.html",
        {
            "quorum": quorum_count(found),
            "attendance_form": attendance_form(found) if may["chair_meeting"].allowed else None,
            "meeting": found,
            "process": found.process,
            "agenda": found.agenda.select_related("document"),
            "documents": found.documents.all(),
            "seen": seen_documents(viewer=request, meeting=found),
            "attendance": attendance_by_group(found),
            "view": queue_view(found),
            "may": may,
            "mine": mine,
            "register_form": RegisterForm(),
            "minutes_form": MinutesForm(
                initial={"minutes": found.minutes, "chair_summary": found.chair_summary}
            ),
        },
    )


def _fragment_context(request: HttpRequest, found: Meeting) -> dict[str, Any]:
    view = queue_view(found)
    mine = None
    if request.user.is_authenticated:
        mine = next((p.request for p in view.places if p.request.user_id == request.user.pk), None)
    return {"meeting": found, "view": view, "may": _decisions(request, found), "mine": mine}


@require_GET
def queue_page(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_meeting(viewer=request, pk=pk)
    return render(
        request,
        "meetings/queue.html",
        {
            **_fragment_context(request, found),
            "process": found.process,
            "agenda": found.agenda.all(),
            "ask_form": AskForm(),
            # The stream resumes after the last event this render already shows.
            "last_event": latest_event_id(channel=channel(found)),
        },
    )


@require_GET
def queue_events(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The meeting's live channel (server-sent events), for whoever may observe it."""
    found = get_meeting(viewer=request, pk=pk)
    return event_stream(request, channel=channel(found))


@require_GET
def queue_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_meeting(viewer=request, pk=pk)
    return render(request, "meetings/_queue.html", _fragment_context(request, found))


def _back(request: HttpRequest, found: Meeting) -> HttpResponse:
    if getattr(request, "htmx", False):
        return render(request, "meetings/_queue.html", _fragment_context(request, found))
    return redirect("meetings:queue", found.pk)


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_meeting(viewer=request, pk=pk)
    form = RegisterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return redirect("meetings:meeting", found.pk)
    try:
        actions.check_register(
            actor=Actor.of_request(request), meeting=found, remote=form.cleaned_data["remote"]
        )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("You are registered."))
    return redirect("meetings:meeting", found.pk)


@require_POST
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_meeting(viewer=request, pk=pk)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return redirect("meetings:meeting", found.pk)
    try:
        actions.check_publish_minutes(
            actor=Actor.of_request(request),
            meeting=found,
            minutes=form.cleaned_data["minutes"],
            chair_summary=form.cleaned_data["chair_summary"],
        )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The minutes are published."))
    return redirect("meetings:meeting", found.pk)


@require_POST
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_meeting(viewer=request, pk=pk)
    form = AskForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return redirect("meetings:queue", found.pk)
    item_id = form.cleaned_data["agenda_item"]
    item = get_object_or_404(AgendaItem, pk=item_id, meeting=found) if item_id else None
    try:
        queue.check_ask_floor(
            actor=Actor.of_request(request),
            meeting=found,
            remote=form.cleaned_data["remote"],
            agenda_item=item,
            paragraph=form.cleaned_data["paragraph"],
        )
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("meetings:queue", found.pk)


def _chair_act(actor: Actor, found: Meeting, data: dict[str, Any]) -> None:
    action = data["action"]
    target = None
    if data["request"]:
        target = get_object_or_404(FloorRequest, pk=data["request"], meeting=found)
    if action == "give":
        queue.check_give_floor(
            actor=actor, meeting=found, floor_request=target, seconds=data["seconds"]
        )
    elif action == "end":
        queue.check_end_floor(actor=actor, meeting=found)
    elif action in ("mute", "unmute"):
        queue.check_mute(actor=actor, meeting=found, muted=action == "mute")
    elif action in ("close", "reopen"):
        queue.check_close_list(actor=actor, meeting=found, closed=action == "close")
    elif target is None:
        raise ValidationError(_("Choose a request in the queue."), code="invalid")
    elif action == "skip":
        queue.check_skip_request(actor=actor, floor_request=target, reason=data["reason"])
    else:
        queue.check_move_request(
            actor=actor, floor_request=target, position=data["position"] or 1, reason=data["reason"]
        )


@require_POST
def chair(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_meeting(viewer=request, pk=pk)
    form = ChairForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return _back(request, found)
    try:
        _chair_act(Actor.of_request(request), found, form.cleaned_data)
    except ValidationError as exc:
        _refused(request, exc)
    found.refresh_from_db()
    return _back(request, found)


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(FloorRequest.objects.select_related("meeting"), pk=pk)
    meeting = get_meeting(viewer=request, pk=found.meeting_id)
    try:
        queue.check_withdraw_request(actor=Actor.of_request(request), floor_request=found)
    except ValidationError as exc:
        _refused(request, exc)
    return _back(request, meeting)


def _ics(request: HttpRequest, meetings: list[Meeting], name: str) -> HttpResponse:
    urls = {
        m.pk: request.build_absolute_uri(reverse("meetings:meeting", args=[m.pk])) for m in meetings
    }
    response = HttpResponse(
        calendar.calendar(meetings, name, urls), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


@require_GET
def venue_calendar(request: HttpRequest, venue: str) -> HttpResponse:
    require(request, right="observe", modality="platform")
    found = get_venue(viewer=request.user, slug=venue)
    return _ics(request, list_venue_meetings(viewer=request, venue=found), found.name)


@require_GET
def meeting_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_meeting(viewer=request, pk=pk)
    return _ics(request, [found], found.title)


@require_GET
def process_meetings(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    found: Process = get_process(viewer=request, venue=venue, slug=process)
    items = list_process_meetings(viewer=request, process=found)
    return render(request, "meetings/list.html", {"process": found, "meetings": items})
