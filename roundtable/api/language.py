"""``?lang=ar`` on any API address: labels and reasons in that language (else Accept-Language).

Runs after Django's LocaleMiddleware, which has already chosen from Accept-Language (or the
language cookie); an explicit ``lang`` wins. An unknown code is a 400, not a silent English.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from roundtable.outputs.errors import body


def language_codes() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


class LanguageParameterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wanted = request.GET.get("lang", "").strip().lower()
        if not wanted or not request.path.startswith("/api/"):
            return self.get_response(request)
        codes = language_codes()
        if wanted not in codes:
            message = _("Unknown language %(code)s; use one of: %(codes)s.") % {
                "code": wanted,
                "codes": ", ".join(codes),
            }
            return JsonResponse(body("bad_language", message), status=400)
        with translation.override(wanted):
            request.LANGUAGE_CODE = wanted
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", wanted)
            return response
