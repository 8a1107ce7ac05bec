"""Amendments proposed in a language version (issue 18 part 2): the amendment keeps its pid and
its language, the base text is the human version's paragraph (never machine output), the
secretariat reads it beside the authentic text with `lang`/`dir` per block, and the API
carries `language`."""

from __future__ import annotations

import hashlib
import importlib
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from roundtable.api.actions import do_create_token
from roundtable.audit.models import Event
from roundtable.drafting import amendment_actions
from roundtable.drafting.models import Amendment, Document
from roundtable.machinetranslation.models import CachedTranslation
from roundtable.permissions.actor import Actor
from roundtable.translations import actions
from tests.drafting.scenes import World, member, published_document, world
from tests.translations.test_workflow import FRENCH, _assigned

pytestmark = pytest.mark.django_db

EN_P3 = "The Forum invites Member States to encourage the creation of IXPs."
FR_NEW = "Le Forum invite les États Membres et le secteur privé à encourager les IXP."
AR_P3 = "يدعو المنتدى الدول الأعضاء إلى تشجيع إنشاء نقاط تبادل الإنترنت."


def _translated(w: World, document: Document, language: str, texts: dict[str, str]) -> None:
    job, translator = _assigned(w, document, language)
    for pid, text in texts.items():
        actions.do_translate_paragraph(actor=Actor.person(translator), job=job, pid=pid, text=text)


def _scene() -> tuple[World, Document, Any]:
    # A modality where a member may propose amendments through the door.
    w = world(modality="icann-gnso-pdp-wg")
    document = published_document(w)
    return w, document, member(w, "delegate@example.org", "member")


def test_a_reader_of_the_french_version_amends_it_and_the_secretariat_sees_the_original(
    client: Client,
) -> None:
    w, document, delegate = _scene()
    _translated(w, document, "fr", {"p2": FRENCH["p2"], "p3": FRENCH["p3"]})
    client.force_login(delegate)
    url = f"/documents/{document.pk}/languages/fr/amend/"
    page = client.get(f"{url}?pid=p3")
    assert page.status_code == 200
    # The base shown is the French paragraph, in French's direction; only the two paragraphs
    # a person translated are offered.
    assert f'<blockquote lang="fr" dir="ltr">{escape(FRENCH["p3"])}</blockquote>' in page.text
    assert 'value="p3"' in page.text and 'value="p2"' in page.text
    assert 'value="p1"' not in page.text and 'value="p4"' not in page.text
    assert '<textarea name="text" cols="40" rows="10" lang="fr" dir="ltr"' in page.text

    # The side-by-side view links to it, for each version shown that exists.
    compare = client.get(f"/documents/{document.pk}/languages/compare/?left=fr&right=en")
    assert f'href="{url}" data-amend="fr"' in compare.text
    answer = client.post(
        url, {"pid": "p3", "kind": "replace", "text": FR_NEW, "rationale": "Le secteur privé."}
    )
    made = Amendment.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/amendments/{made.pk}/"
    assert (made.pid, made.language, made.text, made.base.number) == ("p3", "fr", FR_NEW, 1)
    event = Event.objects.get(verb="amendment.proposed")
    assert event.summary["language"] == "fr" and event.summary["pid"] == "p3"

    # The secretariat: the amendment in French beside the authentic English paragraph, each
    # block with its own language; no word redline across two languages.
    client.force_login(w.secretariat)
    page = client.get(f"/amendments/{made.pk}/", HTTP_ACCEPT_LANGUAGE="ar")
    assert page.status_code == 200
    assert f'class="authentic" lang="en" dir="ltr">{EN_P3}</blockquote>' in page.text
    assert f'class="proposed" lang="fr" dir="ltr">{FR_NEW}</blockquote>' in page.text
    assert 'class="redline"' not in page.text
    # Accepting would write French into the English original: refused, with the way out.
    with pytest.raises(ValidationError) as refused:
        amendment_actions.do_accept_amendment(actor=Actor.person(w.secretariat), amendment=made)
    assert refused.value.code == "other_language"
    assert document.versions.count() == 1


def test_machine_output_is_never_the_basis_of_an_amendment(client: Client) -> None:
    w, document, delegate = _scene()
    # A machine translation of every paragraph into Arabic sits in the cache; no person has
    # translated the document into Arabic.
    for paragraph in document.versions.get(number=1).paragraphs.all():
        CachedTranslation.objects.create(
            source_hash=hashlib.sha256(paragraph.text.encode()).hexdigest(),
            source="en", target="ar", provider="libretranslate", text=AR_P3,
            created_at=timezone.now(),
        )  # fmt: skip
    v1 = document.versions.get(number=1)
    with pytest.raises(ValidationError) as refused:
        amendment_actions.check_propose_amendment(
            actor=Actor.person(delegate), version=v1, kind="replace", pid="p3", text=AR_P3,
            rationale="r", language="ar",
        )  # fmt: skip
    assert refused.value.code == "no_human_version"
    client.force_login(delegate)
    page = client.get(f"/documents/{document.pk}/languages/ar/amend/")
    assert page.status_code == 200 and 'name="pid"' not in page.text
    client.post(
        f"/documents/{document.pk}/languages/ar/amend/",
        {"pid": "p3", "kind": "replace", "text": AR_P3, "rationale": "r"},
    )
    assert not Amendment.objects.exists()
    # An outdated human paragraph is no basis either: the source changed under it.
    _translated(w, document, "fr", {"p3": FRENCH["p3"]})
    v2 = amendment_actions.do_accept_amendment(
        actor=Actor.person(w.secretariat),
        amendment=amendment_actions.do_propose_amendment(
            actor=Actor.person(delegate), version=v1, kind="replace", pid="p3",
            text="The Forum invites all to encourage IXPs.", rationale="r",
        ),
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        amendment_actions.do_propose_amendment(
            actor=Actor.person(delegate), version=v2, kind="replace", pid="p3", text=FR_NEW,
            rationale="r", language="fr",
        )  # fmt: skip
    assert refused.value.code == "no_human_version"


def test_all_versions_authentic_the_same_language_is_the_authentic_text(client: Client) -> None:
    w, document, delegate = _scene()
    actions.do_set_languages(
        actor=Actor.person(w.secretariat), document=document, original_language="en",
        authenticity="all",
    )  # fmt: skip
    _translated(w, document, "ar", {"p3": AR_P3})
    made = amendment_actions.check_propose_amendment(
        actor=Actor.person(delegate), version=document.versions.get(number=1), kind="replace",
        pid="p3", text=AR_P3.replace("الدول الأعضاء", "الجميع"), rationale="r", language="ar",
    )  # fmt: skip
    client.force_login(w.secretariat)
    page = client.get(f"/amendments/{made.pk}/")
    assert f'class="authentic" lang="ar" dir="rtl">{AR_P3}</blockquote>' in page.text
    assert '<div class="redline proposed" lang="ar" dir="rtl">' in page.text
    assert "<del>الدول الأعضاء</del>" in page.text and "<ins>الجميع</ins>" in page.text
    assert EN_P3 not in page.text.split('class="against-authentic"')[1]


def test_the_api_reads_and_writes_the_language(client: Client) -> None:
    w, document, delegate = _scene()
    _translated(w, document, "fr", {"p3": FRENCH["p3"]})
    token = do_create_token(actor=Actor.person(delegate), name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def propose(**extra: str) -> Any:
        body = {"kind": "replace", "pid": "p3", "text": FR_NEW, "rationale": "r", **extra}
        url = f"/api/documents/{document.pk}/amendments"
        return client.post(url, body, content_type="application/json", **auth)

    made = propose(language="fr")
    assert made.status_code == 201, made.content
    assert made.json()["language"] == "fr" and made.json()["pid"] == "p3"
    read = client.get(f"/api/amendments/{made.json()['id']}", **auth)
    assert read.json()["language"] == "fr"
    refused = propose(language="ru")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "no_human_version"
    assert propose(language="xx").status_code in (400, 422)
    # Without a language: the document's original, wherever it is set.
    assert propose().json()["language"] == "en"
    actions.do_set_languages(
        actor=Actor.person(w.secretariat), document=document, original_language="fr",
        authenticity="original",
    )  # fmt: skip
    assert propose(text="Texte.").json()["language"] == "fr"


def test_the_migration_gives_earlier_amendments_their_document_s_original_language() -> None:
    w, document, delegate = _scene()
    made = amendment_actions.do_propose_amendment(
        actor=Actor.person(delegate), version=document.versions.get(number=1), kind="delete",
        pid="p4", text="", rationale="r",
    )  # fmt: skip
    actions.do_set_languages(
        actor=Actor.person(w.secretariat), document=document, original_language="es",
        authenticity="original",
    )  # fmt: skip
    assert Amendment.objects.get(pk=made.pk).language == "en"  # as drafting's migration left it
    migration = importlib.import_module(
        "roundtable.translations.migrations.0003_amendment_language_from_original"
    )
    migration.from_original(django_apps, None)
    assert Amendment.objects.get(pk=made.pk).language == "es"
