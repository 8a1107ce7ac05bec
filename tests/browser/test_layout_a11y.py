"""Every key page at 360 px wide without horizontal page overflow, and axe-core's rules on it:
English and Arabic, anonymous and signed in. axe-core comes from its npm package, installed by
`python3 dev.py test` into .node/ (never a CDN)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.pages import load_key_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / ".node" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def open_context(browser: Any, live_server: Any, language: str, user: Any, viewport: dict) -> Any:
    # bypass_csp lets the test inject axe-core; the site itself never runs inline scripts.
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport=viewport, bypass_csp=True
    )
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append(
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
        )
    context.add_cookies(cookies)
    return context


def axe_violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_key_pages_fit_a_phone_and_pass_axe(browser, live_server, language: str) -> None:  # type: ignore[no-untyped-def]
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `python3 dev.py test` installs axe-core from npm.")
    pages, person = load_key_pages()
    problems: list[str] = []
    for who, user in (("anonymous", None), ("signed in", person)):
        for viewport in (PHONE, DESKTOP):
            context = open_context(browser, live_server, language, user, viewport)
            page = context.new_page()
            page.set_default_timeout(15_000)
            for name, path in pages.items():
                response = page.goto(path)
                assert response is not None
                expected = 404 if name == "404" else 200
                assert response.status == expected, (name, path, response.status)
                assert page.locator("html").get_attribute("lang") == language
                assert page.locator("html").get_attribute("dir") == (
                    "rtl" if language == "ar" else "ltr"
                )
                label = f"{language} {who} {viewport['width']}px {name} {path}"
                if viewport is PHONE:
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > PHONE["width"]:
                        problems.append(f"{label}: page is {width}px wide")
                    # axe once per page and person (the rules do not depend on the width).
                    problems.extend(f"{label}: {v}" for v in axe_violations(page))
            context.close()
    assert not problems, "\n".join(problems)


def test_swagger_ui_renders_offline_under_the_policy(page, live_server) -> None:  # type: ignore[no-untyped-def]
    """/api/docs draws the operations from same-origin files; the browser reports no CSP error."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    off_site: list[str] = []
    page.on(
        "request",
        lambda r: off_site.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    response = page.goto("/api/docs")
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers.get("content-security-policy", "")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 5
    assert not off_site, off_site
    assert not [e for e in errors if "Content Security Policy" in e], errors
