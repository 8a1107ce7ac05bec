"""What a locked-out sign-in gets (django-axes calls `locked_out`, see AXES_LOCKOUT_CALLABLE).

The same answer whether the account exists or not, for the web form and /admin/ alike:
429 with a page that says how long to wait. Nothing says which of account or address tripped.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def cooloff_minutes() -> int:
    return max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    response = render(
        request,
        "stakeholders/locked_out.html",
        {"minutes": cooloff_minutes()},
        status=429,
    )
    response["Retry-After"] = str(cooloff_minutes() * 60)
    return response
