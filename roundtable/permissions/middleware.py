"""Turns a `Denied` from the door into a page (or a JSON error for the API) that says why."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .actor import current_request
from .door import Denied
from .explain import denial_payload


class DeniedMiddleware:
    """Also marks the request being answered (`Actor.of_user`: one standing per venue)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Denied):
            return None
        decision = exception.decision
        if (
            request.path.startswith("/api/")
            or request.accepts("application/json")
            and not request.accepts("text/html")
        ):
            return JsonResponse(denial_payload(decision), status=403)
        return render(request, "web/denied.html", {"decision": decision}, status=403)
