"""live.js in real Chromium against a real uvicorn server: events become DOM events, the badge
says the connection's state, and after the server goes away and comes back the page gets what
was published meanwhile (Last-Event-ID), nothing twice."""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.live.servers import REPO, free_port, publish, uvicorn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLECT = """
window.got = [];
document.addEventListener("live:test", (e) => window.got.push(e.detail));
"""


def _publish_offline(env: dict[str, str], channel: str) -> None:
    """Publish with no server running, as a command would."""
    code = (
        "from roundtable.live.actions import publish; "
        f"publish(channel={channel!r}, kind='test', data={{'n': 'offline'}})"
    )
    subprocess.run(
        [sys.executable, "-m", "roundtable.cli", "shell", "-c", code],
        cwd=REPO,
        env=env,
        check=True,
    )


def _got(page: Any, count: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 20
    while True:
        got: list[dict[str, Any]] = page.evaluate("window.got")
        if len(got) >= count or time.monotonic() > deadline:
            return got
        page.wait_for_timeout(100)


def test_live_js_delivers_events_shows_its_state_and_catches_up(
    browser: Any, server_database: dict[str, str]
) -> None:
    port = free_port()
    context = browser.new_context(locale="en-GB")
    context.add_init_script(COLLECT)
    page = context.new_page()
    page.set_default_timeout(20_000)
    badge = page.locator("[data-live-status]")
    try:
        with uvicorn(server_database, port) as base:
            [before] = publish(base, "hall")
            page.goto(f"{base}/test-live/page/hall/")
            page.wait_for_selector("#room[data-live-state=live]")
            assert badge.inner_text() == "Live" and badge.get_attribute("role") == "status"
            ids = publish(base, "hall", count=2)
            got = _got(page, 2)
            assert [e["id"] for e in got] == ids and before not in [e["id"] for e in got]
            assert got[0]["kind"] == "test" and got[0]["data"]["n"] == 0
        page.wait_for_selector("#room[data-live-state=reconnecting]")
        assert badge.inner_text() == "Reconnecting…"
        _publish_offline(server_database, "hall")
        with uvicorn(server_database, port) as base:
            page.wait_for_selector("#room[data-live-state=live]", timeout=40_000)
            got = _got(page, 3)
            assert [e["data"]["n"] for e in got] == [0, 1, "offline"]
            later = publish(base, "hall")
            got = _got(page, 4)
            assert [e["id"] for e in got][3:] == later and len(got) == 4
    finally:
        context.close()


def _prune_offline(env: dict[str, str], channel: str) -> None:
    """Publish while the page is away, then prune everything as the worker's task would."""
    code = (
        "from datetime import timedelta; "
        "from roundtable.live.actions import publish; "
        "from roundtable.live.retention import prune; "
        f"publish(channel={channel!r}, kind='test', data={{'n': 'gone'}}); "
        "prune(keep=timedelta(0))"
    )
    subprocess.run(
        [sys.executable, "-m", "roundtable.cli", "shell", "-c", code],
        cwd=REPO,
        env=env,
        check=True,
    )


def _loads(page: Any) -> str | None:
    """How many times the page has loaded; None while a reload is tearing the page down."""
    try:
        loads: str = page.evaluate("sessionStorage.loads")
    except PlaywrightError:
        return None
    return loads


def test_a_page_whose_missed_events_were_pruned_reloads_once(
    browser: Any, server_database: dict[str, str]
) -> None:
    port = free_port()
    context = browser.new_context(locale="en-GB")
    # Counts the page's loads across reloads.
    context.add_init_script("sessionStorage.loads = String(Number(sessionStorage.loads || 0) + 1);")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        with uvicorn(server_database, port) as base:
            publish(base, "pruned")
            page.goto(f"{base}/test-live/page/pruned/")
            page.wait_for_selector("#room[data-live-state=live]")
            rendered = int(page.get_attribute("#room", "data-live-last-id") or 0)
        _prune_offline(server_database, "pruned")
        with uvicorn(server_database, port):
            deadline = time.monotonic() + 40
            while _loads(page) != "2" and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            page.wait_for_selector("#room[data-live-state=live]", timeout=40_000)
            page.wait_for_timeout(3000)
            # One reload, and the new page resumes from the horizon, not from before it.
            assert _loads(page) == "2"
            assert int(page.get_attribute("#room", "data-live-last-id") or 0) > rendered
    finally:
        context.close()
