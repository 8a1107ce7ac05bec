"""What the decisions app adds to pages of the apps below it (see roundtable/outputs/parts.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from roundtable.drafting.models import Document

from .queries import list_adoptions, list_outcomes


def document_part(request: HttpRequest, *, document: Document) -> dict[str, Any]:
    """The document page's adoptions and outcomes."""
    return {
        "adoptions": list_adoptions(viewer=request.user, document=document),
        "outcomes": list_outcomes(viewer=request.user, document=document),
    }
