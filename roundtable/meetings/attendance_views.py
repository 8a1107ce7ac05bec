"""The chair's attendance form on the meeting page (right `chair_meeting`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.permissions.actor import Actor
from roundtable.venues.people import public_name

from .attendance import Mark, check_record_attendance
from .authority import require_meeting
from .forms import AttendanceForm
from .models import Meeting
from .queries import get_meeting


def attendance_form(meeting: Meeting, data: object = None) -> AttendanceForm:
    roster = [
        (r.pk, public_name(r.user), r.attendance)
        for r in meeting.registrations.select_related("user")
    ]
    return AttendanceForm(data, roster=roster)


@require_POST
def record_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_meeting(viewer=request, pk=pk)
    # The door first: the roster is the chair's to see.
    require_meeting(request, right="chair_meeting", process=found.process, meeting=found)
    form = attendance_form(found, request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form: choose present, remote or absent."))
        return redirect("meetings:meeting", found.pk)
    marks = [Mark(pk, value) for pk, value in form.marks()]
    try:
        check_record_attendance(actor=Actor.of_request(request), meeting=found, marks=marks)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The attendance is recorded."))
    return redirect("meetings:meeting", found.pk)
