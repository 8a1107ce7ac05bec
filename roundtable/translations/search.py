"""Translated paragraphs and whole-text versions (of calls and contributions) in the site
search (issue 18 part 4): the current text of each language version, found by its own language's words (outputs/fulltext.py: PostgreSQL's
snowball configurations, Chinese by trigrams), behind the same door as the document itself.

Current rows only, by the query rather than a flag: a row is current when no row of the same
(document, pid, language) is newer. The check runs inside the bounded read, once per candidate,
through the (document, language, pid) index: a probe of a few rows, not a scan, and the table
stays append-only (a `current` flag would mean updating the superseded row in every
`do_translate_paragraph`, and a backfill). A paragraph that the latest published version no
longer has is not found either: the side-by-side view would not show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import connection

from roundtable.contributions.models import CallForInput, Contribution
from roundtable.drafting.models import Document, Paragraph, Version
from roundtable.drafting.queries import document_scope
from roundtable.outputs import fulltext
from roundtable.processes.models import Process
from roundtable.processes.queries import observable_process_ids

from .models import TEXT_VERSION_TEXT, TRANSLATION_TEXT, DocumentLanguages

# Both checks are probes per candidate of the bounded read, kept so on PostgreSQL by OFFSET 0
# (a fence SQLite's grammar lacks without a LIMIT; its planner keeps them per row): without it
# PostgreSQL turned the EXISTS into a join driven by every paragraph of the latest versions,
# each looking up its translations (190 ms for 15,000 rows and a word found nowhere, against 4
# for the index read alone: bench/bench_search_translations.py).
NEWER = (
    "NOT EXISTS (SELECT 1 FROM {table} n WHERE n.document_id = t.document_id "
    "AND n.language = t.language AND n.pid = t.pid AND (n.created_at > t.created_at "
    "OR (n.created_at = t.created_at AND n.id > t.id)){fence})"
)
IN_LATEST = (
    "EXISTS (SELECT 1 FROM {paragraph} q WHERE q.pid = t.pid AND q.version_id = "
    "(SELECT v.id FROM {version} v WHERE v.document_id = t.document_id AND v.status = %s "
    "ORDER BY v.number DESC LIMIT 1){fence})"
)

# The paragraph's number in the newest published version holding it (constant SQL: the page's
# rows only, after the match).
NUMBER = (
    "(SELECT q.number FROM {paragraph} q JOIN {version} v ON v.id = q.version_id "
    "WHERE v.document_id = t.document_id AND q.pid = t.pid "
    "AND v.status = '{published}' ORDER BY v.number DESC LIMIT 1)"
)


def search_translations(
    *,
    viewer: Any,
    text: str,
    limit: int = 10,
    offset: int = 0,
    processes: list[int] | None = None,
    hidden: Sequence[int] | None = None,
) -> list[fulltext.Found]:
    """Current translated paragraphs matching `text`, newest first, in the documents the
    viewer may search (drafting.queries.document_scope, as for the paragraphs themselves).
    Each with `document_id`, `pid`, `number`, `language`, `original_language`,
    `document_title`, `process_title` and `snippet_html`."""
    scope = document_scope(viewer, processes, hidden) if text.strip() else None
    if scope is None:
        return []
    version, document = Version._meta.db_table, Document._meta.db_table
    fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
    newer = NEWER.format(table=TRANSLATION_TEXT.table, fence=fence)
    latest = IN_LATEST.format(paragraph=Paragraph._meta.db_table, version=version, fence=fence)
    published = Version.Status.PUBLISHED
    rows = fulltext.found(
        TRANSLATION_TEXT,
        text=text,
        shown={
            "pid": "t.pid",
            "language": "t.language",
            "document_id": "d.id",
            "document_title": "d.title",
            "process_title": "p.title",
            "number": NUMBER.format(
                paragraph=Paragraph._meta.db_table, version=version, published=published.value
            ),
            "original_language": "l.original_language",
        },
        shown_join=(
            f"JOIN {document} d ON d.id = t.document_id "
            f"JOIN {Process._meta.db_table} p ON p.id = d.process_id "
            f"LEFT JOIN {DocumentLanguages._meta.db_table} l ON l.document_id = d.id"
        ),
        join=f"JOIN {document} d ON d.id = t.document_id",
        where=f"{scope.where} AND {newer} AND {latest}",
        params=[*scope.params, published],
        limit=limit,
        offset=offset,
        column="text",
    )
    for row in rows:  # no DocumentLanguages row: written in the site's default language
        row.original_language = row.original_language or settings.LANGUAGE_CODE
    return rows


# A whole-text version is current when no row of the same object and language is newer: one
# probe of the (call, language) or (contribution, language) index per candidate.
NEWER_VERSION = (
    "NOT EXISTS (SELECT 1 FROM {table} n WHERE n.{owner} = t.{owner} AND n.language = t.language "
    "AND (n.created_at > t.created_at OR (n.created_at = t.created_at AND n.id > t.id)){fence})"
)


def search_text_versions(
    *,
    viewer: Any,
    text: str,
    limit: int = 10,
    offset: int = 0,
    processes: list[int] | None = None,
) -> list[fulltext.Found]:
    """Current whole-text versions of calls and of published contributions matching `text`,
    newest first, in processes the viewer may observe (the rule of the call's and the
    contribution's own search). Each with `call_id` or `contribution_id` (the other None),
    `title`, `language`, `process_title` and `snippet_html`."""
    if processes is None:
        processes = observable_process_ids(viewer=viewer)
    if not processes or not text.strip():
        return []
    marks = ",".join("%s" for _ in processes)
    calls, contributions = CallForInput._meta.db_table, Contribution._meta.db_table
    fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
    table = TEXT_VERSION_TEXT.table
    newer_call = NEWER_VERSION.format(table=table, owner="call_id", fence=fence)
    newer_contribution = NEWER_VERSION.format(table=table, owner="contribution_id", fence=fence)
    # The call a version hangs from, directly or through its contribution.
    owner = (
        f"LEFT JOIN {contributions} k ON k.id = t.contribution_id "
        f"JOIN {calls} c ON c.id = COALESCE(t.call_id, k.call_id)"
    )
    return fulltext.found(
        TEXT_VERSION_TEXT,
        text=text,
        shown={
            "call_id": "t.call_id",
            "contribution_id": "t.contribution_id",
            "title": "t.title",
            "language": "t.language",
            "process_title": "p.title",
        },
        shown_join=f"{owner} JOIN {Process._meta.db_table} p ON p.id = c.process_id",
        join=owner,
        where=(
            f"c.process_id IN ({marks}) AND (t.contribution_id IS NULL OR k.status = %s) "
            f"AND (t.call_id IS NULL OR {newer_call}) "
            f"AND (t.contribution_id IS NULL OR {newer_contribution})"
        ),
        params=[*processes, Contribution.Status.PUBLISHED],
        limit=limit,
        offset=offset,
        column="text",
    )
