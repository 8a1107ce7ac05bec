from __future__ import annotations

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from roundtable.inputs.body_size import too_large
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
    if isinstance(exception, RequestDataTooBig):  # fields of an upload over the limit
        return too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    message = str(exception) if type(exception) is BadRequest else ""
    return render(request, "400.html", {"message": message}, status=400)
