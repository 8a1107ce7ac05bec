"""Set-up pages: create venues and processes, upload rule files, assign roles, edit, move and
close phases, close calls. Each asks the door before showing a form; a refused submission keeps
every value and shows an error summary linking to the fields."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.venues.queries import get_venue

from .forms import PhaseChangeForm, ProcessForm, RuleFileForm, VenueForm
from .queries import get_phase, get_process
from .setup import (
    check_close_phase,
    check_create_process,
    check_create_venue,
    check_register_rule_file,
    check_update_phase,
    require_manage_process,
)


def _page(request: HttpRequest, title: str, form: Any, status: int, **extra: Any) -> HttpResponse:
    context = {"title": title, "form": form, **extra}
    return render(request, "processes/setup_form.html", context, status=status)


def _refused(form: Any, exc: ValidationError) -> None:
    form.add_error(None, exc)


def new_venue(request: HttpRequest) -> HttpResponse:
    require(request, right="create_venue", modality="platform")
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            venue = check_create_venue(actor=Actor.of_request(request), **form.cleaned_data)
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Venue created."))
            return redirect("processes:venue", venue.slug)
    status = 400 if form.is_bound else 200
    return _page(request, _("New venue"), form, status, submit=_("Create the venue"))


def new_process(request: HttpRequest, venue: str) -> HttpResponse:
    found = get_venue(viewer=request.user, slug=venue)
    actor = Actor.of_request(request)
    require_manage_process(actor, found)
    form = ProcessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            process = check_create_process(actor=actor, venue=found, **form.cleaned_data)
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Process created."))
            return redirect("processes:process", found.slug, process.slug)
    status = 400 if form.is_bound else 200
    title = _("New process at %(venue)s") % {"venue": found.name}
    return _page(request, title, form, status, submit=_("Create the process"), venue=found)


def upload_rule_file(request: HttpRequest, venue: str) -> HttpResponse:
    found = get_venue(viewer=request.user, slug=venue)
    actor = Actor.of_request(request)
    require_manage_process(actor, found)
    form = RuleFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename, text = form.cleaned_data["file"]
        try:
            made = check_register_rule_file(actor=actor, venue=found, text=text, filename=filename)
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request,
                _("Rule file “%(name)s” stored as version %(version)s.")
                % {"name": made.name, "version": made.version},
            )
            return redirect("processes:venue", found.slug)
    status = 400 if form.is_bound else 200
    title = _("Upload a rule file for %(venue)s") % {"venue": found.name}
    return _page(request, title, form, status, submit=_("Upload"), venue=found, multipart=True)


def edit_phase(request: HttpRequest, venue: str, process: str, phase: int) -> HttpResponse:
    found = get_process(viewer=request.user, venue=venue, slug=process)
    chosen = get_phase(viewer=request.user, process=found, phase_id=phase)
    actor = Actor.of_request(request)
    require_manage_process(actor, found.venue)
    initial = {
        f: getattr(chosen, f) for f in ("kind", "title", "starts_on", "ends_on", "tentative")
    }
    form = PhaseChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            check_update_phase(actor=actor, phase=chosen, **form.cleaned_data)
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Phase saved."))
            return redirect("processes:process", found.venue.slug, found.slug)
    status = 400 if form.is_bound else 200
    title = _("Edit or move the phase “%(title)s”") % {"title": chosen.title}
    return _page(
        request, title, form, status, submit=_("Save the phase"), process=found, phase=chosen
    )


@require_POST
def close_phase(request: HttpRequest, venue: str, process: str, phase: int) -> HttpResponse:
    found = get_process(viewer=request.user, venue=venue, slug=process)
    chosen = get_phase(viewer=request.user, process=found, phase_id=phase)
    try:
        check_close_phase(actor=Actor.of_request(request), phase=chosen)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Phase closed."))
    return redirect("processes:process", found.venue.slug, found.slug)
