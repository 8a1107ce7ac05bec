"""Bodies over the size limit are answered 413 before anything reads them.

Two limits (docs/running.md): `DATA_UPLOAD_MAX_MEMORY_SIZE` (env `ROUNDTABLE_MAX_BODY_BYTES`) for
every body that is not a file upload (JSON, forms), and `ROUNDTABLE_MAX_UPLOAD_REQUEST_BYTES`
for a `multipart/form-data` request (the attachments a contribution may carry in all, plus its
fields). The API answers `{"error": {"code": "too_large", ...}}`; a page answers a readable
page. Placed before RefuseNulMiddleware, which leaves over-long bodies unread on purpose.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MULTIPART = "multipart/form-data"


def body_limit(request: HttpRequest) -> int:
    """The largest body, in bytes, this request may carry."""
    if (request.META.get("CONTENT_TYPE") or "").startswith(MULTIPART):
        return int(settings.ROUNDTABLE_MAX_UPLOAD_REQUEST_BYTES)
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    """The 413 answer: JSON under /api/, a page elsewhere."""
    message = _("The request is too large: at most %(limit)s may be sent at once.") % {
        "limit": filesizeformat(limit)
    }
    if request.path.startswith("/api/"):
        payload = {"error": {"code": "too_large", "message": message, "limit": limit}}
        return JsonResponse(payload, status=413)
    return render(request, "413.html", {"message": message}, status=413)


class BodySizeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = (request.META.get("CONTENT_LENGTH") or "").strip()
        limit = body_limit(request)
        # A length that is not a number is refused by Django (400); the size is only ours.
        if length.isdigit() and int(length) > limit:
            return too_large(request, limit)
        return self.get_response(request)
