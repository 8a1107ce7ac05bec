"""A contribution's entry in a call's list (contributions/_item.html), rendered once.

The entry shows what anyone may see of a contribution (every viewer gets the same entry: its
status decides what is shown, never who looks), so it is kept as a fragment keyed by every
value the template reads (permissions/fragments.py `content_keys`): a new title, status, name,
comment or attachment is a new key, and nothing about the viewer is in it. The busiest call's
page renders fifty of them; this was most of its cold render.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from roundtable.permissions.fragments import cached_fragments, content_keys
from roundtable.venues.people import public_name

from .models import Contribution

ITEM = "contributions/_item.html"


def _name(thing: Any) -> str | None:
    return None if thing is None else str(thing.name)


def entry_inputs(c: Contribution) -> tuple[Any, ...]:
    """Every value contributions/_item.html reads of `c` with `full=False` (a test changes
    each of them and expects a new entry)."""
    return (
        c.pk,
        c.status,
        c.title,
        public_name(c.author) if c.author_id is not None else None,
        _name(c.group),
        _name(c.organisation),
        _name(c.delegation),
        c.language,
        c.submitted_at.isoformat() if c.submitted_at else None,
        c.word_count,
        getattr(c, "comment_count", 0),
        c.late,
        c.replies_to_id,
        c.replies_to.title if c.replies_to is not None else None,
        tuple((f.pk, f.name) for f in c.attachments.all()),
        c.moderation_reason,
    )


def entry_keys(contributions: Sequence[Contribution]) -> dict[int, str]:
    """The fragment key of each entry, by position."""
    found = {number: entry_inputs(c) for number, c in enumerate(contributions)}
    return content_keys("contribution-entry", (ITEM,), found)


def entries_html(contributions: Sequence[Contribution]) -> list[SafeString]:
    """The list entries of `contributions` (the call page's `full=False`), from the fragment
    cache in one round trip; the misses rendered and stored."""

    def render(missing: Iterable[int]) -> dict[int, str]:
        return {n: render_to_string(ITEM, {"c": contributions[n], "full": False}) for n in missing}

    html = cached_fragments(entry_keys(contributions), render)
    return [html[number] for number in range(len(contributions))]
