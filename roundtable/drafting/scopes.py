"""Where documents and their parts sit for the shared-page cache (audit/scopes.py)."""

from __future__ import annotations

from django.db import models

from roundtable.audit.scopes import register
from roundtable.contributions.models import Contribution
from roundtable.contributions.scopes import in_call
from roundtable.processes.scopes import under_process

from .models import Amendment, Citation, Document, ParagraphComment, Version


def document_row(row: models.Model) -> set[str] | None:
    assert isinstance(row, Document)  # noqa: S101 -- registered for documents only
    return under_process(row.process_id)


def in_document(row: models.Model) -> set[str] | None:
    document_id: int | None = getattr(row, "document_id", None)
    if document_id is None:
        return None
    found = Document.objects.filter(pk=document_id).values_list("process_id", flat=True).first()
    return None if found is None else under_process(found)


def citation_row(row: models.Model) -> set[str] | None:
    # A citation shows beside the document and beside the contribution it cites, which may
    # sit in another process.
    assert isinstance(row, Citation)  # noqa: S101 -- registered for citations only
    here = in_document(row)
    cited = Contribution.objects.filter(pk=row.contribution_id).first()
    there = in_call(cited) if cited is not None else None
    return None if here is None or there is None else here | there


def register_scopes() -> None:
    register(Document, document_row)
    register(Version, in_document)
    register(Amendment, in_document)
    register(ParagraphComment, in_document)
    register(Citation, citation_row)
