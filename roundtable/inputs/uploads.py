"""What a person may upload (issue 10): an allow-list of kinds recognised by their content, not
their name, and a total per contribution or request.

A file's kind comes from its first bytes (`filetype`): PDF, OpenDocument and Office Open XML
documents, PNG and JPEG images; a file no signature names is plain text only if it decodes as
UTF-8 and holds no NUL. The name's extension must then be one of that kind's (a PDF named
`x.html` is refused: it would open as a web page once downloaded). Everything else (HTML, SVG,
programs, archives) is refused with the name of the file and the kinds accepted.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Bytes read to recognise a file (Office Open XML needs its zip directory entries).
HEAD_BYTES = 256 * 1024

# Detected type -> the extensions a file of that type may carry.
KINDS: dict[str, tuple[str, ...]] = {
    "application/pdf": ("pdf",),
    "application/vnd.oasis.opendocument.text": ("odt",),
    "application/vnd.oasis.opendocument.spreadsheet": ("ods",),
    "application/vnd.oasis.opendocument.presentation": ("odp",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("pptx",),
    "image/png": ("png",),
    "image/jpeg": ("jpg", "jpeg"),
    "text/plain": ("txt", "md", "csv"),
}
# The type a stored file is served with, from its (checked) extension.
SERVED_AS = {ext: kind for kind, exts in KINDS.items() for ext in exts}


def accepted_kinds() -> str:
    return "PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG, " + _("plain text (.txt, .md, .csv)")


def _head(upload: UploadedFile[bytes]) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head if isinstance(head, bytes) else head.encode()


def _is_text(upload: UploadedFile[bytes]) -> bool:
    """UTF-8 from start to end, without NUL (read in chunks, never whole)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    upload.seek(0)
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


def detect_kind(upload: UploadedFile[bytes]) -> str | None:
    """The allowed type of this file's content, or None."""
    head = _head(upload)
    guess = filetype.guess(head) if head else None
    if guess is not None:
        return guess.mime if guess.mime in KINDS else None
    return "text/plain" if _is_text(upload) else None


def check_upload(upload: UploadedFile[bytes]) -> str:
    """The file's type, or a ValidationError naming the file and what is accepted."""
    name = upload.name or ""
    kind = detect_kind(upload)
    extension = PurePath(name).suffix.lower().lstrip(".")
    if kind is None or extension not in KINDS[kind]:
        raise ValidationError(
            _("“%(name)s” is not a file type accepted here. Accepted: %(kinds)s.")
            % {"name": name, "kinds": accepted_kinds()},
            code="file_type",
        )
    return kind


def check_uploads(uploads: Sequence[UploadedFile[bytes]], *, total_cap: int) -> None:
    """Every file of one contribution or request is of an accepted type; together they stay
    within `total_cap` bytes."""
    total = sum(upload.size or 0 for upload in uploads)
    if total > total_cap:
        raise ValidationError(
            _("These files come to %(total)s together; at most %(cap)s is accepted at once.")
            % {"total": filesizeformat(total), "cap": filesizeformat(total_cap)},
            code="size",
        )
    for upload in uploads:
        check_upload(upload)
