"""Machine-translate for reading on a call's and a contribution's page (issue 18.3), against the
loopback LibreTranslate server: offered only when the venue's switch is on, a service is named
and the reader may ask; the title and text go out once, come back labelled in the reader's
language beside the original, and are never stored as a language version. A person's version
in the reader's language is linked instead, with nothing sent."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from roundtable.contributions.actions import do_submit_contribution
from roundtable.contributions.models import CallForInput, Contribution
from roundtable.machinetranslation.actions import do_set_machine_translation
from roundtable.permissions.actor import Actor
from roundtable.processes import reading
from roundtable.translations.models import TextTranslation
from roundtable.translations.text_actions import do_translate_call
from tests.processes.scenes import Scene, accredit, person, scene
from tests.support.libretranslate import FakeLibreTranslate

pytestmark = pytest.mark.django_db

DESCRIPTION = "Comments on the draft opinion on Internet exchange points."
observe = reading.observe_decision
FIGURE = '<figure class="machine-translation" data-machine="true">'


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def _button(language: str, name: str) -> str:
    with translation.override(language):
        return translation.gettext("Machine-translate into %(lang)s for reading") % {"lang": name}


def _scene() -> Scene:
    s = scene()
    CallForInput.objects.filter(pk=s.call.pk).update(description=DESCRIPTION)
    s.call.refresh_from_db()
    return s


def _reader(s: Scene, email: str = "reader@example.org") -> Any:
    reader = person(email)
    accredit(reader, s.venue, "civil-society")
    return reader


def _switch(s: Scene, on: bool) -> None:
    do_set_machine_translation(actor=Actor.operator("test"), venue=s.venue, enabled=on)


def test_off_no_button_and_a_hand_made_post_sends_nothing(
    client: Client, service: FakeLibreTranslate
) -> None:
    s = _scene()
    client.force_login(_reader(s))
    page = client.get(f"/calls/{s.call.pk}/", HTTP_ACCEPT_LANGUAGE="ar")
    assert page.status_code == 200 and "machine-offer" not in page.text
    assert _button("ar", "العربيّة") not in page.text
    posted = client.post(f"/calls/{s.call.pk}/machine/", HTTP_ACCEPT_LANGUAGE="ar")
    assert posted.status_code == 200
    assert _in("ar", "Machine translation is off at this venue.") in posted.text
    assert FIGURE not in posted.text and "Traceback" not in posted.text
    assert service.requests == []


def test_on_a_call_in_arabic_one_request_labelled_beside_the_original_nothing_stored(
    client: Client, service: FakeLibreTranslate
) -> None:
    s = _scene()
    _switch(s, True)
    url = f"/calls/{s.call.pk}/machine/"
    # Anonymous readers are not offered it; the door answers a hand-made POST.
    anonymous = client.get(f"/calls/{s.call.pk}/", HTTP_ACCEPT_LANGUAGE="ar")
    assert "machine-offer" not in anonymous.text
    assert client.post(url, HTTP_ACCEPT_LANGUAGE="ar").status_code in {403, 404}
    client.force_login(_reader(s))
    page = client.get(f"/calls/{s.call.pk}/", HTTP_ACCEPT_LANGUAGE="ar")
    assert 'class="machine-offer"' in page.text and f'hx-post="{url}"' in page.text
    assert service.requests == []
    before = TextTranslation.objects.count()

    shown = client.post(url, HTTP_ACCEPT_LANGUAGE="ar")
    assert shown.status_code == 200
    [sent] = service.requests
    assert sent.body["q"] == ["Call for input", DESCRIPTION]
    assert (sent.body["source"], sent.body["target"]) == ("en", "ar")
    label = f"<strong>{_in('ar', 'Machine translation')}</strong> (LibreTranslate): "
    assert label + _in("ar", "not an authentic text.") in shown.text
    assert _in("ar", "Machine translation") != "Machine translation"  # the Arabic label
    assert '<div class="machine-text" lang="ar" dir="rtl"><h3>[ar] Call for input</h3>' in (
        shown.text
    )
    assert f"<p>[ar] {DESCRIPTION}</p>" in shown.text
    # The original beside it (its own lang/dir) and one click away inside the figure.
    assert 'id="original" lang="en" dir="ltr"' in shown.text
    assert '<details class="machine-original">' in shown.text
    assert TextTranslation.objects.count() == before  # never a language version

    # htmx swaps the fragment in place of the button: the answer is cached, nothing sent.
    fragment = client.post(url, HTTP_ACCEPT_LANGUAGE="ar", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert fragment.text.startswith('<div id="machine-reading"') and FIGURE in fragment.text
    assert len(service.requests) == 1


def test_a_contribution_in_french_read_in_english(
    client: Client, service: FakeLibreTranslate
) -> None:
    s = _scene()
    _switch(s, True)
    author = _reader(s, "author@example.org")
    made = do_submit_contribution(
        actor=Actor.person(author),
        call=s.call,
        title="Données ouvertes",
        body="Publier les données **ouvertement**.",
        language="fr",
    )
    client.force_login(_reader(s))
    page = client.get(f"/contributions/{made.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert _button("en", "English") in page.text
    shown = client.post(f"/contributions/{made.pk}/machine/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Machine translation</strong> (LibreTranslate): not an authentic text." in shown.text
    assert "<h3>[en] Données ouvertes</h3><p>[en] Publier les données **ouvertement**.</p>" in (
        shown.text
    )
    assert "<strong>ouvertement</strong>" in shown.text  # the rendered original beside it
    [sent] = service.requests
    assert (sent.body["source"], sent.body["target"]) == ("fr", "en")
    # Read in its own language: nothing to translate, nothing offered or sent.
    page = client.get(f"/contributions/{made.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "machine-offer" not in page.text
    again = client.post(f"/contributions/{made.pk}/machine/", HTTP_ACCEPT_LANGUAGE="fr")
    assert again.status_code == 302 and len(service.requests) == 1
    # A withdrawn contribution shows no text: nothing to translate either.
    Contribution.objects.filter(pk=made.pk).update(status=Contribution.Status.WITHDRAWN)
    gone = client.post(f"/contributions/{made.pk}/machine/", HTTP_ACCEPT_LANGUAGE="en")
    assert gone.status_code == 404 and len(service.requests) == 1


def test_a_human_version_in_the_readers_language_is_linked_instead(
    client: Client, service: FakeLibreTranslate
) -> None:
    s = _scene()
    _switch(s, True)
    do_translate_call(
        actor=Actor.person(s.secretariat), call=s.call, language="ar", title="دعوة", text="تعليقات."
    )
    client.force_login(_reader(s))
    page = client.get(f"/calls/{s.call.pk}/", HTTP_ACCEPT_LANGUAGE="ar")
    assert f'data-reader-version="/calls/{s.call.pk}/versions/ar/"' in page.text
    assert "machine-offer" not in page.text
    posted = client.post(f"/calls/{s.call.pk}/machine/", HTTP_ACCEPT_LANGUAGE="ar")
    assert posted.status_code == 302 and posted["Location"] == f"/calls/{s.call.pk}/versions/ar/"
    assert service.requests == []


def test_a_reader_who_may_not_read_the_process_is_refused_like_the_page(
    client: Client, service: FakeLibreTranslate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every preset lets anyone observe a call (it is public record), so the process's door is
    made to say no here (the read matrix drives the route with real standings)."""
    s = _scene()
    _switch(s, True)
    client.force_login(_reader(s))

    def closed(viewer: Any, process: Any, **kw: Any) -> Any:
        return replace(observe(viewer, process, **kw), allowed=False)

    monkeypatch.setattr(reading, "observe_decision", closed)
    page = client.get(f"/calls/{s.call.pk}/")
    posted = client.post(f"/calls/{s.call.pk}/machine/", HTTP_ACCEPT_LANGUAGE="ar")
    assert page.status_code == 403 and posted.status_code == 403
    assert client.post("/calls/999999/machine/").status_code == 404
    assert service.requests == []


def test_a_provider_failure_is_a_sentence_in_the_readers_language_and_stores_nothing(
    client: Client, service: FakeLibreTranslate
) -> None:
    s = _scene()
    _switch(s, True)
    service.mode = "error"
    client.force_login(_reader(s))
    url = f"/calls/{s.call.pk}/machine/"
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        shown = client.post(url, HTTP_ACCEPT_LANGUAGE="ar", **headers)
        assert shown.status_code == 200 and "Traceback" not in shown.text
        sentence = _in(
            "ar", "The machine translation service answered with an error (HTTP %(status)s)."
        )
        assert sentence % {"status": 500} in shown.text
        assert 'data-machine-reading="error"' in shown.text and FIGURE not in shown.text
    assert len(service.requests) == 2  # a failure is not cached: the next reader tries again
    service.mode = "ok"
    assert FIGURE in client.post(url, HTTP_ACCEPT_LANGUAGE="ar").text
