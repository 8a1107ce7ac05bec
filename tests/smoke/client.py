"""A browser's part for the smoke, stdlib only: cookies, the CSRF token of a page's form,
redirects followed by hand so that each status is seen."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int
    url: str
    body: str
    location: str = ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Session:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def _open(self, request: urllib.request.Request) -> Answer:
        try:
            with self.opener.open(request, timeout=60) as answer:
                body = answer.read().decode("utf-8", "replace")
                return Answer(answer.status, answer.url, body)
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")
            return Answer(exc.code, request.full_url, body, exc.headers.get("Location", ""))

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.base + path))  # noqa: S310 (http only)

    def post(self, path: str, fields: dict[str, str], *, token_from: str = "") -> Answer:
        """POST a form as a browser would: the CSRF token and the hidden fields of the form
        for `path` on the page `token_from` (default: `path`) go with it."""
        page = self.get(token_from or path)
        found = CSRF.search(page.body)
        if page.status != 200 or not found:
            raise AssertionError(f"GET {token_from or path}: {page.status}, no form with a token")
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": found.group(1), **hidden_fields(page.body, path), **fields}
        )
        request = urllib.request.Request(  # noqa: S310 (http only)
            self.base + path,
            data=data.encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.base + (token_from or path),
            },
        )
        return self._open(request)


def options_of(body: str, name: str) -> list[str]:
    """The values offered by the <select name=...> of a page."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', body, re.S)
    if not select:
        return []
    return [html.unescape(v) for v in re.findall(r'<option value="([^"]*)"', select.group(1))]


HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def hidden_fields(body: str, action: str) -> dict[str, str]:
    """The hidden inputs of the form that posts to `action` (none if the page has no such form)."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', body, re.S)
    if not form:
        return {}
    return {name: html.unescape(value) for name, value in HIDDEN.findall(form.group(1))}
