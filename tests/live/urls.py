"""Test-only routes: publish on a channel and follow one, with no door (tests only)."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.template import engines
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from roundtable.live.actions import publish
from roundtable.live.queries import latest_event_id
from roundtable.live.stream import event_stream


@csrf_exempt
def publish_view(request: HttpRequest, channel: str) -> HttpResponse:
    count = int(request.GET.get("count", "1"))
    ids = []
    with transaction.atomic():
        for n in range(count):
            ids.append(
                publish(
                    channel=channel, kind="test", data={"n": n, "sent": request.GET.get("sent", "")}
                )
            )
    return JsonResponse({"ids": ids})


PAGE = """{% load static %}<!DOCTYPE html><html lang="en"><head><title>live</title>
{% include "live/script.html" %}</head><body>
<section id="room" data-live-url="/test-live/stream/{{ channel }}/"
 data-live-last-id="{{ last }}" data-live-kinds="test">{% include "live/status.html" %}</section>
</body></html>"""


def page_view(request: HttpRequest, channel: str) -> HttpResponse:
    template = engines["django"].from_string(PAGE)
    context = {"channel": channel, "last": latest_event_id(channel=channel)}
    return HttpResponse(template.render(context, request))


def stream_view(request: HttpRequest, channel: str) -> StreamingHttpResponse:
    return event_stream(request, channel=channel)


urlpatterns = [
    path("test-live/publish/<str:channel>/", publish_view),
    path("test-live/stream/<str:channel>/", stream_view),
    path("test-live/page/<str:channel>/", page_view),
    path("", include("roundtable.urls")),
]
