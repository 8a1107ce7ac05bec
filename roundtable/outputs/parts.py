"""Parts of a page added by an app above the page's owner, so the owner never imports it.

A lower app's page (a document, the account page, a process page) may show what a higher app
knows (its adoptions and outcomes, API tokens, calls for input). The owner's view asks
`page_parts(page, request, **objects)`; the higher app registers a part for that page in its
`AppConfig.ready()`. A part is a function `(request, **objects) -> dict` whose entries join the
template's context; it goes through the door and the queries itself, like any view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

PagePart = Callable[..., dict[str, Any]]

_parts: dict[str, list[PagePart]] = {}


def register_part(page: str, part: PagePart) -> None:
    """Add `part` to `page` (a view's name such as "drafting:document"); registering twice is
    a no-op, so a second `ready()` (tests, autoreload) does not show a part twice."""
    parts = _parts.setdefault(page, [])
    if part not in parts:
        parts.append(part)


def page_parts(page: str, request: HttpRequest, **objects: Any) -> dict[str, Any]:
    """The context the registered parts add to `page`, in the order they were registered."""
    context: dict[str, Any] = {}
    for part in _parts.get(page, ()):
        context.update(part(request, **objects))
    return context
