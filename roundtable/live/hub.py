"""One hub per server process: it wakes that process's viewers when a channel has news.

Viewers never query the database while they wait. The hub keeps, per channel, the id of the
last event it has handed out; when a channel has news it reads the newer events once, on its own
thread (one database connection per process), encodes each once, and puts the same frame in every
viewer's queue. News comes three ways, all only a hint to look (so none can deliver an event
twice or out of order):

- from this process, when a publishing transaction commits (`wake_local`);
- on PostgreSQL, from the other processes, by `NOTIFY roundtable_live`, heard on one `LISTEN`
  connection per process (`listener.py`);
- from a poll every `ROUNDTABLE_LIVE_POLL_SECONDS`, the safety net: another process on SQLite
  (a command, a second server), a listener that was reconnecting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import close_old_connections, connection

from roundtable.live.frames import HEARTBEAT_FRAME, HEARTBEAT_SECONDS, Frame, encode
from roundtable.live.listener import listen
from roundtable.live.models import LiveEvent
from roundtable.live.queries import events_after_each, latest_event_id

# Events read per look; more are read by the next look, straight after.
BATCH = 500
# A viewer this many frames behind is cut off: its browser reconnects and resumes from its
# Last-Event-ID, instead of the process holding an ever longer queue for it.
MAX_BACKLOG = 1000

log = logging.getLogger(__name__)


class Subscription:
    def __init__(self, channel: str) -> None:
        self.channel = channel
        # Frames in id order; None says "you fell behind, reconnect".
        self.queue: asyncio.Queue[Frame | None] = asyncio.Queue()
        # The last event id the hub had handed out on the channel when this viewer joined.
        self.start = 0


class Hub:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.viewers: dict[str, set[Subscription]] = {}
        self.last: dict[str, int] = {}
        self.dirty: set[str] = set()
        self.news = asyncio.Event()
        # Every database read of the hub on one thread: one connection, reads in order.
        self.reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-hub")
        self.tasks = [
            loop.create_task(self._deliver()),
            loop.create_task(self._poll()),
            loop.create_task(self._heartbeat()),
        ]
        if connection.vendor == "postgresql":
            self.tasks.append(loop.create_task(listen(on_news=self.wake, on_connect=self.wake_all)))

    async def subscribe(self, channel: str) -> Subscription:
        sub = Subscription(channel)
        self.viewers.setdefault(channel, set()).add(sub)
        if channel not in self.last:
            try:
                latest = await self.loop.run_in_executor(self.reader, _latest, channel)
            except BaseException:
                # The viewer left (or the read failed) before it could be told anything.
                self.unsubscribe(sub)
                raise
            self.last.setdefault(channel, latest)
            # Anything committed since that read is newer than it: look once more.
            self.wake(channel)
        sub.start = self.last[channel]
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        viewers = self.viewers.get(sub.channel)
        if viewers is not None:
            viewers.discard(sub)
            if not viewers:
                del self.viewers[sub.channel]
                self.last.pop(sub.channel, None)

    def wake(self, channel: str) -> None:
        """News on `channel` (called on the hub's loop)."""
        if channel in self.viewers:
            self.dirty.add(channel)
            self.news.set()

    def wake_all(self) -> None:
        self.dirty.update(self.viewers)
        self.news.set()

    async def _deliver(self) -> None:
        while True:
            await self.news.wait()
            self.news.clear()
            positions = {c: self.last[c] for c in self.dirty if c in self.last}
            self.dirty.clear()
            if not positions:
                continue
            try:
                events = await self.loop.run_in_executor(self.reader, _read, positions)
            except Exception:
                # A database hiccup: say so, and let the next poll look again.
                log.exception("live: reading new events failed")
                continue
            for event in events:
                if event.id <= self.last.get(event.channel, event.id):
                    continue
                self.last[event.channel] = event.id
                frame = encode(event)
                for sub in list(self.viewers.get(event.channel, ())):
                    self._put(sub, frame)
            if len(events) == BATCH:
                self.dirty.update(positions)
                self.news.set()

    def _put(self, sub: Subscription, frame: Frame) -> None:
        if sub.queue.qsize() >= MAX_BACKLOG:
            self.unsubscribe(sub)
            sub.queue.put_nowait(None)
        else:
            sub.queue.put_nowait(frame)

    async def _poll(self) -> None:
        seconds = float(getattr(settings, "ROUNDTABLE_LIVE_POLL_SECONDS", 2.0))
        while True:
            await asyncio.sleep(seconds)
            self.wake_all()

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            for viewers in list(self.viewers.values()):
                for sub in list(viewers):
                    self._put(sub, HEARTBEAT_FRAME)


def _latest(channel: str) -> int:
    close_old_connections()
    return latest_event_id(channel=channel)


def _read(positions: dict[str, int]) -> list[LiveEvent]:
    close_old_connections()
    return events_after_each(positions=positions, limit=BATCH)


_hub: Hub | None = None
_hub_lock = threading.Lock()


def get_hub() -> Hub:
    """This process's hub, on the running event loop (made on first use)."""
    global _hub
    loop = asyncio.get_running_loop()
    with _hub_lock:
        if _hub is None or _hub.loop is not loop or loop.is_closed():
            _hub = Hub(loop)
        return _hub


def wake_local(channel: str) -> None:
    """News on `channel`, from any thread (a committed publish): wake this process's viewers."""
    hub = _hub
    if hub is None or hub.loop.is_closed():
        return
    # The loop may close between the check and the call: then nobody is left to wake.
    with contextlib.suppress(RuntimeError):
        hub.loop.call_soon_threadsafe(hub.wake, channel)
