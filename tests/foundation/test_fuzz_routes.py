"""Junk to every route, web and API: no response may be a 500.

The routes are not listed by hand: the web routes come from Django's URL resolver and the API
routes from the OpenAPI document, so a route added tomorrow is fuzzed tomorrow without touching
this file (and `test_every_route_is_fuzzed` fails if either source comes back empty). Parameter
names are read from the code too: every form field, every `request.GET/POST.get("...")` and
every `name="..."` in a template. Path parameters are drawn half from real objects of the demo
world (so the views get past their 404s) and half from junk; values are hypothesis's junk plus
the cases that broke before (NUL bytes, negative and 20-digit numbers, `9999-12-31`, `1e3`).
Each example is sent as a random one of: an anonymous visitor, an accredited participant and a
venue's secretariat (web session or API token).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundtable.api.api import api
from tests.support.world import PEOPLE, DemoWorld

REPO = Path(__file__).resolve().parents[2]
CODE = REPO / "roundtable"

# Prefixes that are not ours to fuzz: Django's admin and the language switch (Django's own).
SKIP_WEB = ("admin/", "i18n/", "api/", "static/", "media/")


def _names_in(folder: Path) -> list[str]:
    """Every parameter name the code under `folder` reads: request.GET/POST, forms, templates."""
    names: set[str] = set()
    for source in folder.rglob("*.py"):
        if "migrations" in source.parts:
            continue
        text = source.read_text(encoding="utf-8")
        names.update(re.findall(r"request\.(?:GET|POST)\.get(?:list)?\(\s*\"([a-z_]+)\"", text))
        if source.name.endswith("forms.py"):
            names.update(re.findall(r"^\s+([a-z_]+)\s*=\s*forms\.\w+", text, re.MULTILINE))
    for template in folder.rglob("*.html"):
        names.update(re.findall(r'name="([a-z_]+)"', template.read_text(encoding="utf-8")))
    names.discard("csrfmiddlewaretoken")
    return sorted(names)


FIELD_NAMES = _names_in(CODE)


def _names_for(route: str) -> list[str]:
    """The names the route's own app reads (so the draws hit the view's parameters), or all."""
    view = get_resolver().resolve("/" + re.sub(r"<(?:\w+:)?\w+>", "1", route)).func
    module = getattr(view, "view_class", view).__module__.split(".")
    if module[0] != "roundtable" or len(module) < 2:
        return FIELD_NAMES
    return _names_in(CODE / module[1]) or FIELD_NAMES


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue  # regex routes are Django's own (admin, i18n)
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


WEB_ROUTES = sorted({r for r in _walk(get_resolver().url_patterns) if not r.startswith(SKIP_WEB)})
OPENAPI = api.get_openapi_schema()
API_OPERATIONS = sorted(
    (path, method)
    for path, item in OPENAPI["paths"].items()
    for method in item
    if method in {"get", "post", "put", "patch", "delete"}
)

JUNK_TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x00b",
            "-5",
            "0",
            "1e3",
            "abc",
            "9999-12-31",
            "0000-00-00",
            "12345678901234567890",
            "-99999999999999999999",
            "NaN",
            "null",
            "[]",
            "{}",
            "x" * 5000,
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "/etc/shadow",
            "\u202e\u0627\u0644",
            "%00",
            "true",
            "1.5",
            " ",
            "é" * 400,
        ]
    ),  # fmt: skip
    st.text(max_size=40),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
)
JUNK_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**25), 10**25) | st.floats() | JUNK_TEXT,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _value(draw: Any, demo_world: DemoWorld, converter: str) -> str:
    if draw(st.booleans()):
        return draw(st.sampled_from(demo_world.ids if converter == "int" else demo_world.slugs))
    if converter == "int":
        return str(draw(st.integers(min_value=0, max_value=10**25)))
    if converter == "slug":
        return draw(st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True))
    return quote(draw(JUNK_TEXT.filter(bool)), safe="")


def _fill(draw: Any, demo_world: DemoWorld, route: str) -> str:
    def one(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return _value(draw, demo_world, converter)

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", one, route)


def _params(draw: Any, names: list[str]) -> dict[str, str]:
    # Each name half the time: views ignore what they do not read, so more names per request
    # means more chances to hit the one parameter a view parses badly.
    return {name: draw(JUNK_TEXT) for name in names if draw(st.booleans())}


def _client(draw: Any, demo_world: DemoWorld) -> tuple[Client, str]:
    kind = draw(st.sampled_from(["anonymous", *PEOPLE]))
    client = Client(raise_request_exception=False)
    if kind != "anonymous":
        client.force_login(demo_world.users[kind])
    return client, kind


def _assert_no_server_error(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what} -> {response.status_code}"


FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_every_route_is_fuzzed() -> None:
    assert len(WEB_ROUTES) > 20 and len(API_OPERATIONS) > 20
    assert "venues/<slug:venue>/<slug:process>/" in WEB_ROUTES
    assert len(FIELD_NAMES) > 20


@pytest.mark.django_db
@pytest.mark.parametrize("route", WEB_ROUTES)
@FUZZ
@given(data=st.data())
def test_web_route_survives_junk(demo_world: DemoWorld, route: str, data: st.DataObject) -> None:
    draw = data.draw
    url = _fill(draw, demo_world, route)
    client, kind = _client(draw, demo_world)
    method = draw(st.sampled_from(["get", "post"]))
    params = _params(draw, _names_for(route))
    with transaction.atomic():
        response = client.get(url, params) if method == "get" else client.post(url, params)
        transaction.set_rollback(True)
    _assert_no_server_error(response, f"{method.upper()} {url} {params!r} as {kind}")


def _api_params(operation: dict[str, Any], where: str) -> list[dict[str, Any]]:
    return [p for p in operation.get("parameters", []) if p.get("in") == where]


def _body(draw: Any, operation: dict[str, Any]) -> str:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = OPENAPI["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    keys = list(schema.get("properties", {}))
    shape = draw(st.sampled_from(["object", "junk", "raw"]))
    if shape == "raw":
        return draw(st.sampled_from(["", "{", "not json", "\x00", "[1,2", '{"a":'])) + draw(
            st.text(max_size=20)
        )
    if shape == "junk" or not keys:
        return json.dumps(draw(JUNK_JSON))
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)))
    return json.dumps({key: draw(JUNK_JSON) for key in chosen})


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "method"), API_OPERATIONS)
@FUZZ
@given(data=st.data())
def test_api_operation_survives_junk(
    demo_world: DemoWorld, path: str, method: str, data: st.DataObject
) -> None:
    draw = data.draw
    operation = OPENAPI["paths"][path][method]
    url = path
    for param in _api_params(operation, "path"):
        integer = param.get("schema", {}).get("type") == "integer"
        url = url.replace(
            "{" + param["name"] + "}", _value(draw, demo_world, "int" if integer else "str")
        )
    query = _params(draw, [p["name"] for p in _api_params(operation, "query")])
    kind = draw(st.sampled_from(["anonymous", *PEOPLE]))
    headers = (
        {} if kind == "anonymous" else {"HTTP_AUTHORIZATION": f"Bearer {demo_world.tokens[kind]}"}
    )
    client = Client(raise_request_exception=False)
    with transaction.atomic():
        if method == "get":
            response = client.get(url, query, **headers)
        else:
            body = _body(draw, operation)
            target = f"{url}?{'&'.join(f'{k}={quote(v)}' for k, v in query.items())}"
            response = client.generic(
                method.upper(), target, body, content_type="application/json", **headers
            )
        transaction.set_rollback(True)
    _assert_no_server_error(response, f"{method.upper()} {url} {query!r} as {kind}")
