from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from roundtable.permissions.door import decide, require
from roundtable.processes.queries import list_venues_with_processes


def home(request: HttpRequest) -> HttpResponse:
    require(request, right="observe", modality="platform")
    venues = list_venues_with_processes(viewer=request.user)
    create = decide(request, right="create_venue", modality="platform")
    return render(request, "web/home.html", {"venues": venues, "create_venue": create})


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 page; a `BadRequest` raised by our own parsing says which parameter, in words."""
    message = str(exception) if type(exception) is BadRequest else ""
    return render(request, "400.html", {"message": message}, status=400)
