"""Archive rows (a thread's message block, a line of a month, author or list page), each
rendered once and kept by what it shows.

A row shows an archived message or thread and nothing about the viewer: moderation lives on
other pages, and every reader who may open the page (the door's answer for the page as a
whole) sees the same row. So a row is cached content-addressed (permissions/fragments.py): its
key is a hash of exactly the fields the row's template shows, plus the list's slug, the
language, the time zone, the URL prefix and the template's own source. A changed field (a
moderator's correction, personal data erased, a new count) is a new key, never a stale row;
the old one is no longer asked for and ages out of the cache.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from django.template import engines
from django.template.loader import get_template
from django.utils.safestring import SafeString

from roundtable.permissions.fragments import cached_fragments, content_keys

from .models import MailingList

Row = TypeVar("Row")

#: templates a row template includes (their source is part of its version too)
INCLUDES = {"lists/_thread_entry.html": ("lists/_thread_message.html", "lists/_blocks.html")}


# Between two rows rendered together; a row that contained it would break the split, so the
# count is checked and such a page's rows are rendered one by one instead.
SEPARATOR = "\x00\x1erow\x1e\x00"


@lru_cache(maxsize=32)
def _together(template: str) -> Any:
    """One template that includes the row template once per row, rows separated."""
    return engines["django"].from_string(
        "{% for row in rows %}{% include template %}" + SEPARATOR + "{% endfor %}"
    )


def _render_together(template: str, mailing_list: MailingList | None, rows: list[Any]) -> list[str]:
    """The rows in one render (one context, the row template resolved once): a page of
    misses costs about what the page's own loop did before rows were cached."""
    html: str = _together(template).render(
        {"mailing_list": mailing_list, "rows": rows, "template": template}
    )
    parts: list[str] = html.split(SEPARATOR)[:-1]
    if len(parts) == len(rows):
        return parts
    loaded = get_template(template)
    return [loaded.render({"mailing_list": mailing_list, "row": row}) for row in rows]


def _digest(shown: tuple[Any, ...]) -> bytes:
    """What a row shows, hashed for its key: pickled, since `repr` of a thread page's 100 text
    heads cost ~0.85 ms and pickling them ~0.1 ms. Pickle, like repr, writes each value with
    its type, so two rows share a digest only if they show the same; a value pickle refuses
    falls back to its repr (a pickle never starts like a repr: no collision between them)."""
    try:
        data = pickle.dumps(shown, protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError):
        data = repr(shown).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).digest()


def rendered_rows(
    template: str,
    mailing_list: MailingList | None,
    rows: Sequence[Row],
    shown: Callable[[Row], tuple[Any, ...]],
) -> list[SafeString]:
    """Each row rendered by `template` (context: mailing_list, row), found in the cache by
    `shown(row)` (every field the template shows) or rendered with the other misses. The
    list is the page's (None on a search of all lists)."""
    keys = content_keys(
        template,
        (template, *INCLUDES.get(template, ())),
        {number: _digest(shown(row)) for number, row in enumerate(rows)},
        common=(mailing_list.slug if mailing_list is not None else None,),
    )

    def render(missing: Iterable[int]) -> dict[int, str]:
        numbers = list(missing)
        return dict(
            zip(
                numbers,
                _render_together(template, mailing_list, [rows[n] for n in numbers]),
                strict=True,
            )
        )

    html = cached_fragments(keys, render)
    return [html[number] for number in range(len(rows))]
