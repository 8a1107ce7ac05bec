"""Uploads (issue 10, point 4): an allow-list checked by content, a total per contribution,
files served only by a view that asks the door, as downloads that cannot run in the site."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from roundtable.contributions.actions import do_hide_contribution, do_submit_contribution
from roundtable.contributions.models import Attachment
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.actions import do_request_accreditation
from roundtable.stakeholders.models import SupportingDocument
from tests.processes.scenes import accredit, group, person, scene

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _zip(entries: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries:
            z.writestr(name, data)
    return out.getvalue()


DOCX = _zip(
    [("[Content_Types].xml", "<x/>"), ("_rels/.rels", "<x/>"), ("word/document.xml", "<w/>")]
)
ODT = _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>")])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def _file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/octet-stream")


def _author(s: Any) -> Any:
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    return bill


def _submit(s: Any, author: Any, *files: SimpleUploadedFile) -> Any:
    return do_submit_contribution(
        actor=Actor.person(author),
        call=s.call,
        title="t",
        body="b",
        language="en",
        attachments=list(files),
    )


@pytest.mark.parametrize(
    "name,data",
    [
        ("page.html", HTML),
        ("drawing.svg", SVG),
        ("setup.exe", EXE),
        ("report.pdf", EXE),  # a program named like a PDF
        ("report.pdf", HTML),  # a web page named like a PDF
        ("page.html", PDF),  # a real PDF named like a web page
        ("notes.txt", b"caf\xe9 latin-1 is not UTF-8"),
        ("notes.txt", b"text with a NUL\x00 byte"),
        ("archive.zip", _zip([("a.txt", "x")])),
        ("noextension", PDF),
    ],
)
def test_refused_kinds(name: str, data: bytes) -> None:
    s = scene()
    with pytest.raises(ValidationError) as refused:
        _submit(s, _author(s), _file(name, data))
    assert refused.value.code == "file_type" and name in refused.value.messages[0]
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "name,data",
    [
        ("paper.pdf", PDF),
        ("chart.png", PNG),
        ("photo.JPG", JPEG),
        ("notes.txt", "Texte en français, نص عربي, 中文".encode()),
        ("draft.docx", DOCX),
        ("draft.odt", ODT),
    ],
)
def test_accepted_kinds(name: str, data: bytes) -> None:
    s = scene()
    made = _submit(s, _author(s), _file(name, data))
    assert made.attachments.get().name == name


def test_three_files_of_19_mb_in_one_contribution_are_refused() -> None:
    s = scene()
    nineteen = 19 * 1024 * 1024
    files = [_file(f"part{i}.pdf", PDF + b"0" * (nineteen - len(PDF))) for i in range(3)]
    with pytest.raises(ValidationError) as refused:
        _submit(s, _author(s), *files)
    assert refused.value.code == "size" and "25.0" in refused.value.messages[0]
    assert not Attachment.objects.exists()


def test_the_total_cap_is_a_setting(settings) -> None:  # type: ignore[no-untyped-def]
    settings.ROUNDTABLE_ATTACHMENTS_TOTAL_BYTES = len(PDF) + 10
    s = scene()
    author = _author(s)
    _submit(s, author, _file("a.pdf", PDF))
    with pytest.raises(ValidationError):
        _submit(s, author, _file("a.pdf", PDF), _file("b.pdf", PDF))


def test_the_web_form_refuses_an_html_attachment_with_a_form_error(client: Client) -> None:
    s = scene()
    client.force_login(_author(s))
    response = client.post(
        f"/calls/{s.call.pk}/",
        {"title": "x", "body": "y", "language": "en", "attachments": _file("x.html", HTML)},
    )
    assert response.status_code == 400
    assert "is not a file type accepted here" in response.content.decode()
    assert not Attachment.objects.exists()


def _download_headers(response: Any, name: str) -> None:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_attachments_are_served_by_the_view_as_downloads(client: Client) -> None:
    s = scene()
    made = _submit(s, _author(s), _file("paper.pdf", PDF), _file("notes.txt", b"<b>hi</b>"))
    pdf, txt = made.attachments.order_by("id")
    url = f"/contributions/{made.pk}/attachments/{pdf.pk}/"
    page = client.get(f"/contributions/{made.pk}/").content.decode()
    assert f'href="{url}"' in page and "/media/" not in page
    listed = client.get(f"/api/calls/{s.call.pk}/contributions").json()
    found = next(c for c in listed if c["id"] == made.pk)
    assert found["attachments"][0] == url and all("/media/" not in a for a in found["attachments"])
    response = client.get(url)
    _download_headers(response, "paper.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    text = client.get(f"/contributions/{made.pk}/attachments/{txt.pk}/")
    _download_headers(text, "notes.txt")
    assert text["Content-Type"] == "text/plain; charset=utf-8"


def test_hidden_contributions_and_wrong_pairs_serve_nothing(client: Client) -> None:
    s = scene()
    author = _author(s)
    made = _submit(s, author, _file("paper.pdf", PDF))
    other = _submit(s, author, _file("other.pdf", PDF))
    attachment = made.attachments.get()
    # An attachment asked for under another contribution's address is not there.
    assert client.get(f"/contributions/{other.pk}/attachments/{attachment.pk}/").status_code == 404
    do_hide_contribution(actor=Actor.person(s.secretariat), contribution=made, reason="spam")
    assert client.get(f"/contributions/{made.pk}/attachments/{attachment.pk}/").status_code == 404


def _request_with_document(s: Any) -> tuple[Any, Any]:
    carla = person("carla@example.org")
    request = do_request_accreditation(
        actor=Actor.person(carla),
        venue=s.venue,
        group=group("academia"),
        documents=[_file("letter.pdf", PDF)],
    )
    return carla, request


def test_accreditation_documents_are_checked_by_content() -> None:
    s = scene()
    with pytest.raises(ValidationError) as refused:
        do_request_accreditation(
            actor=Actor.person(person("dan@example.org")),
            venue=s.venue,
            group=group("academia"),
            documents=[_file("letter.svg", SVG)],
        )
    assert refused.value.code == "file_type" and not SupportingDocument.objects.exists()


def test_accreditation_documents_only_to_the_requester_and_the_secretariat(client: Client) -> None:
    s = scene()
    carla, request = _request_with_document(s)
    document = request.documents.get()
    url = f"/accreditations/{request.pk}/documents/{document.pk}/"
    assert client.get(url).status_code in (302, 403)  # anonymous: never the file
    client.force_login(person("eve@example.org"))
    refused = client.get(url)
    assert refused.status_code == 403 and b"%PDF" not in refused.content
    client.force_login(carla)
    _download_headers(client.get(url), "letter.pdf")
    client.force_login(s.secretariat)
    queue = client.get(f"/venues/{s.venue.slug}/accreditations/").content.decode()
    assert f'href="{url}"' in queue and "/media/" not in queue
    _download_headers(client.get(url), "letter.pdf")
    assert (
        client.get(f"/accreditations/{request.pk}/documents/{document.pk + 1}/").status_code == 404
    )


def test_ids_beyond_the_database_range_are_404(client: Client) -> None:
    s = scene()
    made = _submit(s, _author(s), _file("paper.pdf", PDF))
    huge = 2**63
    for url in (
        f"/contributions/{huge}/attachments/1/",
        f"/contributions/{made.pk}/attachments/{huge}/",
    ):
        assert client.get(url).status_code == 404, url
    carla, request = _request_with_document(s)
    client.force_login(carla)
    assert client.get(f"/accreditations/{request.pk}/documents/{huge}/").status_code == 404
    assert client.get(f"/accreditations/{huge}/documents/1/").status_code == 404
