"""Test-only routes: publish on a channel and follow one, with no door (tests only)."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from roundtable.live.actions import publish
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


def stream_view(request: HttpRequest, channel: str) -> StreamingHttpResponse:
    return event_stream(request, channel=channel)


urlpatterns = [
    path("test-live/publish/<str:channel>/", publish_view),
    path("test-live/stream/<str:channel>/", stream_view),
    path("", include("roundtable.urls")),
]
