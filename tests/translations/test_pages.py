"""The language pages: the secretariat requests and assigns through the forms, the translator
sees the outdated paragraph with the source's redline and updates it, and the side-by-side
view carries `lang`/`dir` per column (Arabic right to left)."""

from __future__ import annotations

import pytest
from django.test import Client

from roundtable.permissions.actor import Actor
from roundtable.translations import actions
from roundtable.translations.models import TranslationRequest
from tests.drafting.scenes import member, published_document, world
from tests.translations.test_workflow import _change_p3

pytestmark = pytest.mark.django_db

ARABIC_P2 = "يقرّ المنتدى بأن نقاط تبادل الإنترنت تخفض تكلفة التوصيل."


def test_request_assign_translate_outdated_update_through_the_pages(client: Client) -> None:
    w = world(modality="itu-wtpf")
    document = published_document(w)
    translator = member(w, "translator@example.org", name="Layla Haddad")
    client.force_login(w.secretariat)
    page = client.get(f"/documents/{document.pk}/languages/")
    assert page.status_code == 200 and "Ask for a translation" in page.text
    client.post(
        f"/documents/{document.pk}/languages/request/", {"language": "ar", "due_date": "2026-12-20"}
    )
    job = TranslationRequest.objects.get()
    client.post(f"/translations/{job.pk}/assign/", {"email": "Translator@example.org"})
    job.refresh_from_db()
    assert job.assignee == translator and job.status == "assigned"

    client.force_login(translator)
    page = client.get(f"/translations/{job.pk}/")
    assert page.status_code == 200 and page.text.count('data-state="missing"') == 4
    client.post(f"/translations/{job.pk}/", {"pid": "p3", "text": ARABIC_P2})
    _change_p3(w, document)
    page = client.get(f"/translations/{job.pk}/")
    assert page.text.count('data-state="outdated"') == 1
    assert "<ins>and the private sector to encourage</ins>" in page.text
    client.post(f"/translations/{job.pk}/", {"pid": "p3", "text": "نص محدّث"})
    page = client.get(f"/translations/{job.pk}/")
    assert 'data-state="outdated"' not in page.text and "نص محدّث" in page.text

    # The secretariat's page counts; a stranger cannot open the translator's work.
    client.force_login(w.secretariat)
    page = client.get(f"/documents/{document.pk}/languages/")
    assert "1 translated, 3 to do" in page.text
    client.force_login(member(w, "stranger@example.org", "member"))
    assert client.get(f"/translations/{job.pk}/").status_code == 403
    assert client.post(f"/translations/{job.pk}/", {"pid": "p2", "text": "x"}).status_code in (
        302,
        403,
    )
    assert job.paragraphs.count() == 2


def test_side_by_side_in_arabic_and_english(client: Client) -> None:
    w = world(modality="itu-wtpf")
    document = published_document(w)
    translator = member(w, "translator@example.org")
    secretariat = Actor.person(w.secretariat)
    job = actions.do_request_translation(actor=secretariat, document=document, language="ar")
    actions.do_assign_translation(actor=secretariat, job=job, assignee=translator)
    actions.do_translate_paragraph(
        actor=Actor.person(translator), job=job, pid="p2", text=ARABIC_P2
    )
    # An Arabic reader gets Arabic on one side, the English original on the other.
    page = client.get(f"/documents/{document.pk}/languages/compare/", HTTP_ACCEPT_LANGUAGE="ar")
    assert page.status_code == 200
    assert (
        f'id="left-p2" data-pid="p2" lang="ar" dir="rtl"><span class="num">¶2</span>{ARABIC_P2}'
        in page.text
    )
    assert 'id="right-p2" data-pid="p2" lang="en" dir="ltr">' in page.text
    # An English reader: the original first, the Arabic beside it.
    page = client.get(f"/documents/{document.pk}/languages/compare/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'id="left-p2" data-pid="p2" lang="en" dir="ltr">' in page.text
    assert 'id="right-p3" data-pid="p3" lang="ar" dir="rtl">' in page.text
