"""Private files (attachments, supporting documents) answered by a view that has asked the door,
never from a public `/media/` address: always a download, never run in the site's origin."""

from __future__ import annotations

from pathlib import PurePath

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

from roundtable.inputs.uploads import SERVED_AS


def private_file_response(stored: FieldFile, name: str) -> FileResponse:
    """The file as a download: its checked type (else octet-stream), `attachment`, `nosniff`
    and a sandboxing Content-Security-Policy (no script, no style, no fetch, even if opened)."""
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    extension = PurePath(name).suffix.lower().lstrip(".")
    kind = SERVED_AS.get(extension, "application/octet-stream")
    if kind == "text/plain":
        kind = "text/plain; charset=utf-8"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=kind)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
