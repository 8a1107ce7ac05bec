"""Supporting documents of accreditation requests, as downloads behind the door (issue 10)."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest

from roundtable.outputs.files import private_file_response
from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION

from .queries import get_accreditation, get_supporting_document


def document(request: HttpRequest, pk: int, document: int) -> FileResponse:
    """A supporting document, as a download: to the person who sent the request, or to whoever
    may decide requests at the venue (the queue's door); never from a public address."""
    accreditation = get_accreditation(viewer=request.user, pk=pk)
    if not (request.user.is_authenticated and accreditation.user_id == request.user.pk):
        require(
            request,
            right="decide_accreditation",
            modality=PARTICIPATION,
            context={"venue": accreditation.venue.slug},
        )
    found = get_supporting_document(viewer=request.user, accreditation=accreditation, pk=document)
    return private_file_response(found.file, found.name)
