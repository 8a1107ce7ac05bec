"""A channel as a server-sent-events response (docs/running.md, "Live updates").

The calling view has asked the door whether this viewer may follow the channel. Under ASGI the
response stays open: stored events after the viewer's `Last-Event-ID` first, then live ones as
the process's hub hands them out, and a heartbeat comment when idle; the viewer holds no database
connection while it waits. Under WSGI (runserver, the test client) a worker cannot wait, so the
response sends what is stored after `Last-Event-ID` and ends, and the browser's EventSource
reconnects after `retry` and asks again: slower, never lossy.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

from asgiref.sync import SyncToAsync, sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import HttpRequest, StreamingHttpResponse

from roundtable.inputs.params import int_param
from roundtable.live.frames import HEARTBEAT_FRAME, OPENING, RESET_FRAME, encode
from roundtable.live.hub import get_hub
from roundtable.live.queries import events_after, horizon

REPLAY_BATCH = 200
_HIGHEST_ID = 10**12 - 1


def resume_point(request: HttpRequest) -> int | None:
    """The last event this viewer has: the `Last-Event-ID` header a reconnecting EventSource
    sends, else `?last_event_id=` (a page's first connection); None for "from now on"."""
    header = int_param(
        {"Last-Event-ID": request.headers.get("Last-Event-ID", "")},
        "Last-Event-ID",
        maximum=_HIGHEST_ID,
    )
    if header is not None:
        return header
    return int_param(request.GET, "last_event_id", maximum=_HIGHEST_ID)


def event_stream(request: HttpRequest, *, channel: str) -> StreamingHttpResponse:
    after = resume_point(request)
    content: AsyncIterator[bytes] | Iterator[bytes] = (
        _live(channel, after) if isinstance(request, ASGIRequest) else _stored(channel, after)
    )
    response = StreamingHttpResponse(content, content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    # nginx would otherwise buffer the stream and deliver it in lumps.
    response["X-Accel-Buffering"] = "no"
    return response


def _stored(channel: str, after: int | None) -> Iterator[bytes]:
    yield OPENING
    if after is None:
        return
    if after < horizon():
        yield RESET_FRAME.payload
        return
    while True:
        events = events_after(channel=channel, after=after, limit=REPLAY_BATCH)
        for event in events:
            yield encode(event).payload
            after = event.id
        if len(events) < REPLAY_BATCH:
            return


def _release_request_thread() -> None:
    """Let the thread that ran this request's synchronous parts (middleware, view) end now.

    Django runs them, under ASGI, on a thread of the request's own (asgiref's
    ThreadSensitiveContext), which lives until the response ends: for an open stream, a thread
    per viewer (1,000 viewers, 1,000 idle threads, 40 MiB; bench/bench_queue.py). The stream
    makes no more synchronous calls; the few Django makes when it ends (closing the response)
    get a fresh thread, which asgiref starts when the context has none."""
    context = SyncToAsync.thread_sensitive_context.get(None)
    if context is not None:
        executor = SyncToAsync.context_to_thread_executor.pop(context, None)
        if executor is not None:
            executor.shutdown(wait=False)


async def _live(channel: str, after: int | None) -> AsyncIterator[bytes]:
    hub = get_hub()
    # Join before reading what is stored: whatever commits in between arrives both ways, and
    # the id check below drops the second copy, instead of falling in the gap.
    sub = await hub.subscribe(channel)
    try:
        yield OPENING
        if after is not None and after < await sync_to_async(horizon)():
            yield RESET_FRAME.payload
            after = None
        last = sub.start if after is None else after
        if after is not None:
            while True:
                events = await sync_to_async(events_after)(
                    channel=channel, after=last, limit=REPLAY_BATCH
                )
                for event in events:
                    yield encode(event).payload
                    last = event.id
                if len(events) < REPLAY_BATCH:
                    break
        # The request's own connection (sessions, the door) goes back now, not when the
        # viewer leaves: an idle viewer holds none; nor a thread.
        await sync_to_async(connections.close_all)()
        _release_request_thread()
        while True:
            # One wait per wake-up, not a timer per viewer: the hub's heartbeat wakes idle ones.
            frames = [await sub.queue.get()]
            while not sub.queue.empty():
                frames.append(sub.queue.get_nowait())
            # Everything waiting goes out in one write.
            chunk = bytearray()
            for frame in frames:
                if frame is None:
                    if chunk:
                        yield bytes(chunk)
                    return
                if frame.id > last or frame is HEARTBEAT_FRAME:
                    last = max(last, frame.id)
                    chunk += frame.payload
            if chunk:
                yield bytes(chunk)
    finally:
        hub.unsubscribe(sub)
