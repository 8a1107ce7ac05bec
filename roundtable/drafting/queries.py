"""Reads for documents, versions, redlines and traceability. Documents are public records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from roundtable.contributions.models import Contribution
from roundtable.outputs import fulltext
from roundtable.processes.models import Process
from roundtable.processes.queries import observable_process_ids
from roundtable.processes.reading import audience_facts, may_observe, require_observe
from roundtable.text import Paragraph as TextParagraph
from roundtable.text import Redline, compare, diff_words, render_html

from .actions import latest_published, text_paragraphs
from .models import (
    PARAGRAPH_TEXT,
    Amendment,
    Citation,
    Document,
    Paragraph,
    ParagraphComment,
    Version,
)
from .staleness import Staleness, find_staleness


def list_documents(*, viewer: Any, process: Process) -> QuerySet[Document]:
    """The process's documents `viewer` may observe, each with `published_versions` (the
    working draft is not a version yet). Members-only documents only for those the modality
    lets observe them."""
    require_observe(viewer, process)
    found = Document.objects.filter(process=process)
    if not may_observe(viewer, process, facts=audience_facts(Document.Audience.MEMBERS)):
        found = found.exclude(audience=Document.Audience.MEMBERS)
    return found.prefetch_related(
        Prefetch(
            "versions",
            queryset=Version.objects.filter(status=Version.Status.PUBLISHED).order_by("number"),
            to_attr="published_versions",
        )
    )


def require_document(viewer: Any, document: Document) -> None:
    """`Denied` unless `viewer` may observe `document` (its process, and its audience)."""
    require_observe(viewer, document.process, facts=audience_facts(document.audience))


def get_document(*, viewer: Any, pk: int) -> Document:
    """A document; `Denied` unless the viewer may observe it. Functions below that take a
    document (versions, redlines, amendments) trust that it came from here."""
    found = get_object_or_404(
        Document.objects.select_related("process__venue").prefetch_related("process__phases"),
        pk=pk,
    )
    require_document(viewer, found)
    return found


def get_version(*, viewer: Any, document: Document, number: int) -> Version:
    return get_object_or_404(
        Version, document=document, number=number, status=Version.Status.PUBLISHED
    )


def get_amendment(*, viewer: Any, pk: int) -> Amendment:
    found = get_object_or_404(
        Amendment.objects.select_related(
            "document__process__venue", "base", "proposer", "result", "merged_into"
        ),
        pk=pk,
    )
    require_document(viewer, found.document)
    return found


def list_versions(*, viewer: Any, document: Document) -> list[Version]:
    return list(document.versions.filter(status=Version.Status.PUBLISHED).order_by("number"))


def working_draft(*, viewer: Any, document: Document) -> Version | None:
    return document.versions.filter(status=Version.Status.DRAFT).first()


@dataclass
class ParagraphView:
    paragraph: Paragraph
    citations: list[Citation] = field(default_factory=list)
    comments: list[ParagraphComment] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)


def paragraph_views(*, viewer: Any, version: Version) -> list[ParagraphView]:
    """The paragraphs of a version with what hangs on their ids (4 queries, whatever the size)."""
    document = version.document
    by_pid: dict[str, ParagraphView] = {
        p.pid: ParagraphView(p) for p in version.paragraphs.order_by("number")
    }
    for citation in Citation.objects.filter(document=document).select_related(
        "contribution__group", "contribution__author__profile"
    ):
        if citation.pid in by_pid:
            by_pid[citation.pid].citations.append(citation)
    for comment in ParagraphComment.objects.filter(document=document).select_related(
        "author__profile", "version"
    ):
        if comment.pid in by_pid:
            by_pid[comment.pid].comments.append(comment)
    for amendment in Amendment.objects.filter(document=document).select_related(
        "proposer__profile", "base", "result"
    ):
        if amendment.pid in by_pid:
            by_pid[amendment.pid].amendments.append(amendment)
    return list(by_pid.values())


def list_amendments(*, viewer: Any, document: Document) -> QuerySet[Amendment]:
    return Amendment.objects.filter(document=document).select_related(
        "proposer__profile", "base", "result", "merged_into"
    )


def redline(*, viewer: Any, old: Version, new: Version) -> Redline:
    return compare(text_paragraphs(old), text_paragraphs(new))


def redline_rows(result: Redline) -> list[dict[str, Any]]:
    return [
        {
            "pid": c.pid,
            "old_number": c.old_number,
            "new_number": c.new_number,
            "status": c.status,
            "html": render_html(c.runs),
        }
        for c in result.paragraphs
    ]


def amendment_redline(amendment: Amendment) -> list[dict[str, Any]]:
    """The amendment shown against the paragraph it targets in its base version."""
    base = {p.pid: p for p in text_paragraphs(amendment.base)}
    target = base.get(amendment.pid)
    old = target.text if target else ""
    if amendment.kind == Amendment.Kind.REPLACE:
        runs = diff_words(old, amendment.text)
        status = "changed"
    elif amendment.kind == Amendment.Kind.DELETE:
        runs = diff_words(old, "")
        status = "deleted"
    else:
        runs = diff_words("", amendment.text)
        status = "inserted"
    return [
        {
            "pid": amendment.pid,
            "number": target.number if target else None,
            "status": status,
            "html": render_html(runs),
        }
    ]


@dataclass
class WhereItWent:
    document: Document
    pid: str
    current: TextParagraph | None
    note: str


def where_it_went(*, viewer: Any, contribution: Contribution) -> list[WhereItWent]:
    """Per input: each paragraph that cites it, as it stands in the latest published version
    (None: the paragraph has since been deleted). Documents the viewer may not observe
    (members only) are left out."""
    rows: list[WhereItWent] = []
    latest: dict[int, dict[str, TextParagraph]] = {}
    for citation in Citation.objects.filter(contribution=contribution).select_related(
        "document__process__venue"
    ):
        doc = citation.document
        if doc.audience != Document.Audience.PUBLIC and not may_observe(
            viewer, doc.process, facts=audience_facts(doc.audience)
        ):
            continue
        if doc.pk not in latest:
            last = latest_published(doc)
            latest[doc.pk] = {p.pid: p for p in text_paragraphs(last)} if last else {}
        rows.append(WhereItWent(doc, citation.pid, latest[doc.pk].get(citation.pid), citation.note))
    return rows


def list_citable(*, viewer: Any, document: Document) -> QuerySet[Contribution]:
    return Contribution.objects.filter(
        call__process=document.process, status=Contribution.Status.PUBLISHED
    ).select_related("group", "author__profile")


def inputs_by_paragraph(*, viewer: Any, version: Version) -> list[tuple[Paragraph, list[Citation]]]:
    views = paragraph_views(viewer=viewer, version=version)
    return [(v.paragraph, v.citations) for v in views]


def count_citations(document: Document) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for pid in Citation.objects.filter(document=document).values_list("pid", flat=True):
        counts[pid] += 1
    return dict(counts)


def get_staleness(*, viewer: Any, amendment: Amendment) -> Staleness | None:
    """How the amendment's paragraph changed since its base version, while it is proposed."""
    if amendment.status != Amendment.Status.PROPOSED:
        return None
    return find_staleness(amendment, latest_published(amendment.document))


@dataclass(frozen=True)
class DocumentScope:
    """The documents a viewer may search, as SQL over `d` (the documents table): in the
    observable processes, less the members-only documents the viewer may not see."""

    where: str
    params: list[Any]


def document_scope(
    viewer: Any, processes: list[int] | None, hidden: Sequence[int] | None
) -> DocumentScope | None:
    """None when the viewer observes no process. `processes` (the observable process ids) and
    `hidden` (`members_hidden` of them) come from the site search's memo when the page has them
    (web/observable_memo.py); asked here otherwise."""
    if processes is None:
        processes = observable_process_ids(viewer=viewer)
    if not processes:
        return None
    if hidden is None:
        hidden = members_hidden(viewer, processes, None)
    hidden = list(hidden) or [0]
    marks = ",".join("%s" for _ in processes)
    hidden_marks = ",".join("%s" for _ in hidden)
    return DocumentScope(
        f"d.process_id IN ({marks}) AND NOT (d.audience = %s AND d.process_id IN ({hidden_marks}))",
        [*processes, Document.Audience.MEMBERS, *hidden],
    )


def search_paragraphs(
    *,
    viewer: Any,
    text: str,
    limit: int = 10,
    offset: int = 0,
    processes: list[int] | None = None,
    hidden: Sequence[int] | None = None,
) -> list[fulltext.Found]:
    """Paragraphs of each document's latest published version that match `text` (words,
    "phrases"), in the documents the viewer may search (`document_scope`; working drafts are
    not searched), newest first, each with `snippet_html`; bounded like every full-text
    search."""
    scope = document_scope(viewer, processes, hidden) if text.strip() else None
    if scope is None:
        return []
    version, document = Version._meta.db_table, Document._meta.db_table
    return fulltext.found(
        PARAGRAPH_TEXT,
        text=text,
        shown={
            "pid": "t.pid",
            "number": "t.number",
            "version_number": "v.number",
            "document_id": "d.id",
            "document_title": "d.title",
            "process_title": "p.title",
        },
        shown_join=(
            f"JOIN {version} v ON v.id = t.version_id JOIN {document} d ON d.id = v.document_id "
            f"JOIN {Process._meta.db_table} p ON p.id = d.process_id"
        ),
        join=f"JOIN {version} v ON v.id = t.version_id JOIN {document} d ON d.id = v.document_id",
        where=(
            f"{scope.where} AND v.status = %s AND v.number = (SELECT MAX(w.number) "  # noqa: S608 - constant names, bound values
            f"FROM {version} w WHERE w.document_id = v.document_id AND w.status = %s)"
        ),
        params=[*scope.params, Version.Status.PUBLISHED, Version.Status.PUBLISHED],
        limit=limit,
        offset=offset,
        column="text",
    )


def members_hidden(
    viewer: Any, processes: list[int], observable: Sequence[Process] | None
) -> list[int]:
    """The processes among `processes` with members-only documents whose modality does not
    let the viewer see them (the door asked with the members-only facts, once per process)."""
    marks = ",".join("%s" for _ in processes)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT process_id FROM {Document._meta.db_table} "  # noqa: S608 - constant names, bound values
            f"WHERE audience = %s AND process_id IN ({marks})",
            [Document.Audience.MEMBERS, *processes],
        )
        with_members = {pk for (pk,) in cursor.fetchall()}
    if not with_members:
        return []
    known = {p.pk: p for p in observable or () if p.pk in with_members}
    rows = [known[pk] for pk in with_members if pk in known]
    if len(rows) < len(with_members):
        rows += Process.objects.select_related("venue").filter(pk__in=with_members - set(known))
    facts = audience_facts(Document.Audience.MEMBERS)
    return sorted(p.pk for p in rows if not may_observe(viewer, p, facts=facts))
