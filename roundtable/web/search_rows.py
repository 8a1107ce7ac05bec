"""The site search's result rows, each rendered once and kept by what it shows.

A row shows one hit and nothing about the viewer: which hits a viewer gets is decided before
(each group's query asks the door for the viewer's processes and lists), and a row is
rendered only for a hit the viewer may observe. So a row is cached content-addressed like the
archive's rows (lists/row_fragments.py): its key hashes every field its template shows (the
excerpt, with its marks, included), plus the language, time zone, URL prefix and the
template's source. Two viewers share a row only when both were given that very hit with the
very same content; a hit one of them may not observe is never looked up for the other, and a
changed title or text is a new key, never a stale row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.utils.safestring import SafeString

from roundtable.lists.row_fragments import rendered_rows

# What each group's row template shows, in the order of the kinds on the page.
SHOWN: dict[str, tuple[str, Callable[[Any], tuple[Any, ...]]]] = {
    "messages": (
        "web/_found_message.html",
        lambda m: (m.list_slug, m.list_name, m.key, m.subject, m.date, m.snippet_html),
    ),
    "contributions": (
        "web/_found_contribution.html",
        lambda c: (c.pk, c.title, c.process_title, c.language, c.submitted_at, c.snippet_html),
    ),
    "paragraphs": (
        "web/_found_paragraph.html",
        lambda p: (
            p.document_id,
            p.pid,
            p.number,
            p.version_number,
            p.document_title,
            p.process_title,
            p.snippet_html,
            "" if p.snippet_html else p.search_head,
        ),
    ),
    "translations": (
        "web/_found_translation.html",
        lambda t: (
            t.document_id,
            t.pid,
            t.number,
            t.language,
            t.original_language,
            t.document_title,
            t.process_title,
            t.snippet_html,
            "" if t.snippet_html else t.search_head,
        ),
    ),
    "text_versions": (
        "web/_found_text_version.html",
        lambda v: (
            v.call_id,
            v.contribution_id,
            v.title,
            v.language,
            v.process_title,
            v.snippet_html,
            "" if v.snippet_html else v.search_head,
        ),
    ),
    "outcomes": (
        "web/_found_outcome.html",
        lambda o: (o.pk, o.title, o.process_title, o.kind, o.recorded_at),
    ),
}


def rendered_groups(groups: dict[str, Sequence[Any]]) -> dict[str, list[SafeString]]:
    """Each group's rows as HTML, in the groups' order; an empty group is left out."""
    return {
        kind: rendered_rows(SHOWN[kind][0], None, rows, SHOWN[kind][1])
        for kind, rows in groups.items()
        if rows
    }
