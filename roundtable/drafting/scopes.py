"""Where documents and their parts sit for the shared-page cache (audit/scopes.py)."""

from __future__ import annotations

from django.db import models

from roundtable.audit.scopes import register
from roundtable.contributions.models import Contribution
from roundtable.contributions.scopes import in_call
from roundtable.processes.scopes import in_process, inside

from .models import Amendment, Citation, Document, ParagraphComment, Version

in_document = inside(Document, "document_id")


def citation_row(row: models.Model) -> set[str] | None:
    # A citation shows beside the document and beside the contribution it cites, which may
    # sit in another process.
    assert isinstance(row, Citation)  # noqa: S101 -- registered for citations only
    here = in_document(row)
    cited = Contribution.objects.filter(pk=row.contribution_id).first()
    there = in_call(cited) if cited is not None else None
    return None if here is None or there is None else here | there


def register_scopes() -> None:
    register(Document, in_process)
    register(Version, in_document)
    register(Amendment, in_document)
    register(ParagraphComment, in_document)
    register(Citation, citation_row)
