"""A Content-Security-Policy without 'unsafe-inline' on every response, and templates it allows.

The policy forbids inline scripts, <style> blocks, style="" attributes and on*= handlers, so a
template holding one would silently break in the browser: this test fails first.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
WANTED = {
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}

INLINE = [
    ("inline <script>", re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>(?!\s*</script>)", re.I)),
    ("<style> block", re.compile(r"<style\b", re.I)),
    ("style attribute", re.compile(r"\sstyle\s*=", re.I)),
    ("on* handler", re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I | re.S)),
]


def policy(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    header = response.headers.get("Content-Security-Policy", "")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    parts = [p.strip().split(None, 1) for p in header.split(";") if p.strip()]
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


def assert_strict(response) -> None:  # type: ignore[no-untyped-def]
    directives = policy(response)
    for name, value in WANTED.items():
        assert directives.get(name) == value, (name, directives.get(name))
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path", ["/", "/lists/", "/accounts/login/", "/api/docs", "/api/openapi.json", "/api/venues"]
)
def test_every_page_and_api_response_carries_the_policy(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, path
    assert_strict(response)


@override_settings(DEBUG=False)
def test_error_responses_carry_the_policy(client: Client) -> None:
    assert_strict(client.get("/no/such/page/"))
    assert_strict(client.get("/api/no/such/endpoint"))


@override_settings(DEBUG=False, ROOT_URLCONF="tests.foundation.urls_boom")
def test_a_server_error_carries_the_policy() -> None:
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert_strict(response)


def templates() -> list[Path]:
    return sorted(p for p in (REPO / "roundtable").rglob("templates/**/*.html"))


def test_there_are_templates_to_check() -> None:
    assert len(templates()) > 20


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(REPO)))
def test_no_template_holds_inline_script_style_or_handler(path: Path) -> None:
    text = path.read_text()
    found = [what for what, pattern in INLINE if pattern.search(text)]
    assert not found, f"{path.relative_to(REPO)}: {', '.join(found)} (forbidden by the CSP)"


def test_the_inline_detector_catches_each_kind() -> None:
    samples = {
        "inline <script>": "<script>alert(1)</script>",
        "<style> block": "<style>p{}</style>",
        "style attribute": '<p style="color:red">',
        "on* handler": '<select id="x" onchange="go()">',
    }
    for what, pattern in INLINE:
        assert pattern.search(samples[what]), what
    assert not any(p.search('<script src="/static/a.js" defer></script>') for _, p in INLINE)


def test_swagger_ui_comes_from_the_installed_package(client: Client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in u for u in urls)
    assert not re.search(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    for url in urls:
        parsed = urlparse(url)
        assert not parsed.scheme and not parsed.netloc, f"off-site reference {url}"
        if parsed.path.startswith("/static/"):
            found = finders.find(parsed.path.removeprefix("/static/"))
            assert found, f"{url} does not resolve to a static file"
