"""A message whose HTML carries <script>, onerror= and javascript: renders inert in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from roundtable.lists.actions import do_import_archive
from roundtable.lists.models import ImportRun, Message
from roundtable.permissions.actor import Actor

OPERATOR = Actor.operator("tests")  # imports run by the server's operator

EVIL = b"""From: Mallory <mallory@example.org>
To: list@example.org
Subject: Totally harmless
Message-ID: <evil-1@example.org>
Date: Mon, 1 Jan 2024 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><head><script>window.__pwned = 'head'; alert('head')</script></head>
<body onload="window.__pwned='onload'">
<p>Hello <b>reader</b>.</p>
<script>window.__pwned = 'script'; alert('script')</script>
<img src="x" onerror="window.__pwned='onerror'; alert('onerror')" alt="broken">
<a id="bad" href="javascript:window.__pwned='href';alert('href')">click me</a>
<img src="https://tracker.invalid/pixel.gif" alt="remote">
<svg onload="window.__pwned='svg'"><circle r="4"/></svg>
<iframe src="javascript:parent.__pwned='iframe'"></iframe>
</body></html>
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_hostile_html_is_inert_in_chromium(page, live_server, screenshot, tmp_path: Path) -> None:
    mail = tmp_path / "evil.eml"
    mail.write_bytes(EVIL)
    do_import_archive(actor=OPERATOR, list_address="list@example.org", paths=[str(mail)])
    message = Message.objects.get()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    for url in (f"/lists/list/m/{message.key}/", f"/lists/list/t/{message.thread.key}/"):
        page.goto(url)
        for details in page.locator("details").all():
            details.evaluate("node => node.open = true")
        page.wait_for_timeout(300)
        links = page.locator("a", has_text="click me")
        if links.count():
            links.first.click()
            page.wait_for_timeout(200)
        assert page.evaluate("() => window.__pwned === undefined"), url
        assert (
            page.evaluate(
                "() => document.querySelectorAll('.lists-message script, .lists-message iframe, .lists-message svg').length"
            )
            == 0
        )
        assert page.evaluate(
            "() => [...document.querySelectorAll('.lists-message *')].every("
            "el => [...el.attributes].every(a => !a.name.startsWith('on') && !/javascript:/i.test(a.value)))"
        )
    assert dialogs == []
    assert not [url for url in requests if "tracker.invalid" in url]
    page.goto(f"/lists/list/m/{message.key}/?images=0")
    page.locator("details.lists-html").evaluate("node => node.open = true")
    assert page.locator(".mail-html b", has_text="reader").is_visible()
    screenshot(page, "lists-hostile-html-inert")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_import_notice_updates_and_goes_away_without_a_reload(
    page, live_server, tmp_path: Path
) -> None:
    """The htmx polling under the strict CSP: the counters move while the import runs and
    the notice leaves once it is done, with no reload and no CSP violation."""
    mail = tmp_path / "one.eml"
    mail.write_bytes(EVIL)
    do_import_archive(actor=OPERATOR, list_address="list@example.org", paths=[str(mail)])
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.RUNNING, read=7, stored=5)
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    page.goto("/lists/list/")
    page.evaluate("() => { window.__same_page = true }")
    notice = page.locator("#import-progress")
    assert "7 messages read: 5 stored" in notice.inner_text()
    ImportRun.objects.filter(pk=run.pk).update(read=9, stored=8)
    page.wait_for_function(
        "() => document.querySelector('#import-progress').innerText.includes('9 messages read')",
        timeout=15000,
    )
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.DONE)
    page.wait_for_function(
        "() => document.querySelector('#import-progress').innerText.trim() === ''",
        timeout=15000,
    )
    assert page.evaluate("() => window.__same_page === true")  # no reload happened
    assert not violations, violations
