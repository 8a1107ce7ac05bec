"""Issue 18's translation workflow in a real browser: the secretariat requests an Arabic version
and assigns a translator through the languages page; the translator translates the four
paragraphs on the work page; an accepted amendment changes the source, and the translator's
page shows the paragraph outdated with the source's redline; the update clears it. Then the two
versions side by side for an Arabic and an English reader (each column its own lang and dir),
and axe-core on the languages, work and side-by-side pages in English and Arabic, and on a call
page with its machine translation for reading shown."""

from __future__ import annotations

from typing import Any

import pytest

from roundtable.contributions.models import CallForInput
from roundtable.machinetranslation.actions import (
    check_set_machine_translation,
    do_set_machine_translation,
)
from roundtable.permissions.actor import Actor
from roundtable.translations import actions
from roundtable.translations.models import TranslationRequest
from tests.browser.test_layout_a11y import AXE, DESKTOP, PHONE, axe_violations, open_context
from tests.drafting.scenes import World, member, published_document, world
from tests.processes.scenes import accredit, person, scene
from tests.support.browser import screenshot
from tests.support.libretranslate import libretranslate_on_loopback
from tests.translations.test_workflow import _change_p3

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC = {
    "p1": "مشروع الرأي 1",
    "p2": "يقرّ المنتدى بأن نقاط تبادل الإنترنت تخفض تكلفة التوصيل.",
    "p3": "يدعو المنتدى الدول الأعضاء إلى تشجيع إنشاء نقاط تبادل الإنترنت.",
    "p4": "ستقدم الأمانة تقريراً عن التقدم المحرز.",
}
UPDATED_P3 = "يدعو المنتدى الدول الأعضاء والقطاع الخاص إلى تشجيع نقاط تبادل الإنترنت."


def _page(context: Any) -> Any:
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _save(page: Any, pid: str, text: str) -> None:
    row = page.locator(f"li.work-row[data-pid='{pid}']")
    row.locator("textarea").fill(text)
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _state(page: Any, pid: str) -> str:
    return str(
        page.locator(f"li.work-row[data-pid='{pid}'] [data-state]").first.get_attribute(
            "data-state"
        )
    )


def test_request_assign_translate_outdated_update_and_side_by_side(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    w = world(modality="itu-wtpf")
    document = published_document(w)
    translator = member(w, "translator@example.org", name="Layla Haddad")

    # The secretariat asks for Arabic and names the translator, through the forms.
    context = open_context(browser, live_server, "en", w.secretariat, DESKTOP)
    page = _page(context)
    page.goto(f"/documents/{document.pk}/languages/")
    page.select_option("#id_language", "ar")
    page.fill("#id_due_date", "2026-12-20")
    page.get_by_role("button", name="Request").click()
    page.wait_for_load_state()
    row = page.locator("tr[data-language='ar']")
    row.locator("input[name=email]").fill("Translator@example.org")
    row.get_by_role("button", name="Assign").click()
    page.wait_for_load_state()
    assert "Layla Haddad" in row.inner_text()
    job = TranslationRequest.objects.get()
    assert job.assignee == translator and job.status == "assigned"
    context.close()

    # The translator translates every paragraph; the textareas are Arabic, right to left.
    context = open_context(browser, live_server, "en", translator, DESKTOP)
    page = _page(context)
    page.goto(f"/translations/{job.pk}/")
    first = page.locator("li.work-row textarea").first
    assert first.get_attribute("lang") == "ar" and first.get_attribute("dir") == "rtl"
    assert page.locator("li.work-row [data-state='missing']").count() == 4
    for pid, text in ARABIC.items():
        _save(page, pid, text)
    assert [_state(page, pid) for pid in ARABIC] == ["current"] * 4

    # The source changes (an accepted amendment: version 2): p3 is outdated, with the redline.
    _change_p3(w, document)
    page.reload()
    assert [_state(page, pid) for pid in ARABIC] == ["current", "current", "outdated", "current"]
    redline = page.locator("li.work-row[data-pid='p3'] [data-redline]")
    assert redline.locator("del").all_inner_texts() == ["to encourage the creation of"]
    assert redline.locator("ins").all_inner_texts() == ["and the private sector to encourage"]
    assert page.locator("[data-outdated-count]").get_attribute("data-outdated-count") == "1"
    screenshot(page, "translations-work-outdated")
    _save(page, "p3", UPDATED_P3)
    assert _state(page, "p3") == "current"
    assert page.locator("[data-redline]").count() == 0
    assert page.locator("[data-outdated-count]").get_attribute("data-outdated-count") == "0"
    context.close()

    _side_by_side(browser, live_server, document.pk)


def _side_by_side(browser: Any, live_server: Any, pk: int) -> None:
    """An Arabic reader: Arabic left (right to left), the English original right; an English
    reader the other way round. The browser's computed direction follows each column's dir."""
    for language, (left, right) in (("ar", ("ar", "en")), ("en", ("en", "ar"))):
        context = open_context(browser, live_server, language, None, DESKTOP)
        page = _page(context)
        response = page.goto(f"/documents/{pk}/languages/compare/")
        assert response is not None and response.status == 200
        for side, code in (("left", left), ("right", right)):
            cell = page.locator(f"#{side}-p3")
            assert cell.get_attribute("lang") == code
            expected = "rtl" if code == "ar" else "ltr"
            assert cell.get_attribute("dir") == expected
            assert cell.evaluate("e => getComputedStyle(e).direction") == expected
        arabic = page.locator(f"#{'left' if left == 'ar' else 'right'}-p3")
        assert UPDATED_P3 in arabic.inner_text()
        screenshot(page, f"translations-side-by-side-{language}")
        context.close()


def _axe_world() -> tuple[World, Any, TranslationRequest, Any]:
    w = world(modality="itu-wtpf")
    document = published_document(w)
    translator = member(w, "translator@example.org", name="Layla Haddad")
    secretariat = Actor.person(w.secretariat)
    job = actions.do_request_translation(actor=secretariat, document=document, language="ar")
    actions.do_assign_translation(actor=secretariat, job=job, assignee=translator)
    for pid, text in ARABIC.items():
        actions.do_translate_paragraph(actor=Actor.person(translator), job=job, pid=pid, text=text)
    _change_p3(w, document)  # one outdated paragraph, so the redline is on the page too
    return w, document, job, translator


@pytest.mark.parametrize("language", ["en", "ar"])
def test_language_pages_pass_axe(browser, live_server, language: str) -> None:  # type: ignore[no-untyped-def]
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `python3 dev.py test` installs axe-core from npm.")
    w, document, job, translator = _axe_world()
    pages = {
        "languages": (f"/documents/{document.pk}/languages/", w.secretariat),
        "work": (f"/translations/{job.pk}/", translator),
        "compare": (f"/documents/{document.pk}/languages/compare/?left=ar&right=en", None),
    }
    problems: list[str] = []
    for name, (path, user) in pages.items():
        context = open_context(browser, live_server, language, user, PHONE)
        page = _page(context)
        response = page.goto(path)
        assert response is not None and response.status == 200, (name, path)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        if name == "work":
            # The English source keeps its direction on an Arabic page.
            source = page.locator("li.work-row[data-pid='p3'] .source")
            assert source.evaluate("e => getComputedStyle(e).direction") == "ltr"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{language} {name}: page is {width}px wide")
        problems.extend(f"{language} {name}: {v}" for v in axe_violations(page))
        screenshot(page, f"translations-{name}-{language}")
        context.close()
    assert not problems, "\n".join(problems)


def test_machine_translation_for_reading_in_arabic(browser, live_server, settings) -> None:  # type: ignore[no-untyped-def]
    """An Arabic reader of a document with one Arabic paragraph asks for the others machine-
    translated: labelled in Arabic, right to left, the English original one click away."""
    w = world(modality="itu-wtpf")
    document = published_document(w)
    translator = member(w, "translator@example.org")
    secretariat = Actor.person(w.secretariat)
    job = actions.do_request_translation(actor=secretariat, document=document, language="ar")
    actions.do_assign_translation(actor=secretariat, job=job, assignee=translator)
    actions.do_translate_paragraph(
        actor=Actor.person(translator), job=job, pid="p2", text=ARABIC["p2"]
    )
    check_set_machine_translation(actor=secretariat, venue=w.venue, enabled=True)
    reader = member(w, "reader@example.org")
    with libretranslate_on_loopback() as service:
        settings.ROUNDTABLE_MT_URL = service.url
        context = open_context(browser, live_server, "ar", reader, PHONE)
        page = _page(context)
        page.goto(f"/documents/{document.pk}/languages/compare/?left=ar&right=en")
        assert service.requests == []
        page.locator("form.machine-offer button").click()
        page.wait_for_load_state()
        figures = page.locator("#left-p3 figure.machine-translation")
        assert figures.count() == 1
        assert "ترجمة آلية" in figures.locator("figcaption").inner_text()
        output = figures.locator(".machine-text")
        assert output.get_attribute("lang") == "ar"
        assert output.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert "[ar] The Forum invites Member States" in output.inner_text()
        assert page.locator("figure.machine-translation").count() == 3
        assert page.locator("#left-p2 figure").count() == 0  # the human paragraph as it is
        original = figures.locator("details.machine-original")
        original.locator("summary").click()
        shown = original.locator("div[lang='en']")
        assert shown.is_visible()
        assert shown.evaluate("e => getComputedStyle(e).direction") == "ltr"
        assert len(service.requests) == 1
        problems = axe_violations(page)
        screenshot(page, "translations-machine-ar")
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_machine_reading_on_a_call_page_passes_axe(
    browser, live_server, settings, language: str
) -> None:  # type: ignore[no-untyped-def]
    """A call written in French, read in English or Arabic: the button swaps in (htmx) the
    labelled output in the reader's language and direction, one request, under the original."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `python3 dev.py test` installs axe-core from npm.")
    s = scene()
    CallForInput.objects.filter(pk=s.call.pk).update(
        language="fr", title="Appel à contributions", description="Commentaires sur le projet."
    )
    do_set_machine_translation(actor=Actor.operator("test"), venue=s.venue, enabled=True)
    reader = person("reader@example.org")
    accredit(reader, s.venue, "civil-society")
    with libretranslate_on_loopback() as service:
        settings.ROUNDTABLE_MT_URL = service.url
        context = open_context(browser, live_server, language, reader, PHONE)
        page = _page(context)
        page.goto(f"/calls/{s.call.pk}/")
        assert service.requests == []
        page.locator("form.machine-offer button").click()
        figure = page.locator("#machine-reading figure.machine-translation")
        figure.wait_for()
        assert page.url.endswith(f"/calls/{s.call.pk}/")  # swapped in place, no new page
        label = figure.locator("figcaption").inner_text()
        assert ("ترجمة آلية" if language == "ar" else "Machine translation") in label
        output = figure.locator(".machine-text")
        assert output.get_attribute("lang") == language
        direction = output.evaluate("e => getComputedStyle(e).direction")
        assert direction == ("rtl" if language == "ar" else "ltr")
        assert f"[{language}] Commentaires sur le projet." in output.inner_text()
        assert len(service.requests) == 1
        width = page.evaluate("document.documentElement.scrollWidth")
        problems = [f"page is {width}px wide"] if width > PHONE["width"] else []
        problems.extend(axe_violations(page))
        screenshot(page, f"translations-machine-call-{language}")
        context.close()
    assert not problems, "\n".join(problems)
