"""Refuse NUL bytes anywhere in a request: PostgreSQL cannot store them in text and no person
types them, so they are junk; SQLite would store them silently. One place, before any view."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

FORM = "application/x-www-form-urlencoded"


def _carries_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    length = request.META.get("CONTENT_LENGTH") or "0"
    size = int(length) if length.isdigit() else 0
    if not 0 < size <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return False  # empty, or too large: the size limit answers that one
    kind = request.content_type or ""
    if kind == "multipart/form-data":
        # Django parses (and keeps) the fields here as the CSRF check would; files are not read.
        return any("\x00" in value for value in request.POST.values())
    if kind == FORM:
        return b"%00" in request.body or b"\x00" in request.body
    if kind == "application/json":
        return b"\\u0000" in request.body or b"\x00" in request.body
    return False


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _carries_nul(request):
            return self.get_response(request)
        message = _("The request contains a NUL character, which no field accepts.")
        if request.path.startswith("/api/"):
            return JsonResponse({"error": {"code": "invalid", "message": message}}, status=400)
        return render(request, "400.html", {"message": message}, status=400)
