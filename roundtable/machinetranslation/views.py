"""The venue's machine translation switch as a web control: a POST from the venue page to the
action, which asks the door (a denial is the door's 403 page, with the rule)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.permissions.actor import Actor
from roundtable.venues.queries import get_venue

from .actions import check_set_machine_translation


@require_POST
def switch(request: HttpRequest, venue: str) -> HttpResponse:
    found = get_venue(viewer=request.user, slug=venue)
    enabled = request.POST.get("enabled") == "on"
    check_set_machine_translation(actor=Actor.of_request(request), venue=found, enabled=enabled)
    if enabled:
        messages.success(request, _("Machine translation is now offered at this venue."))
    else:
        messages.success(request, _("Machine translation is no longer offered at this venue."))
    return redirect("processes:venue", found.slug)
