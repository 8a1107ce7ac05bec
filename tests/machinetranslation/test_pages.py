"""Machine translation on pages (issue 18.3): the venue's switch as a control on the venue page
(the secretariat's alone; a denial names the rule), and "Machine-translate for reading" in the
side-by-side view: offered only when the switch is on and a service is named, the output labelled
beside the missing paragraphs, never stored as a language version. Off: no button, and nothing
reaches the loopback service even when the form is posted by hand."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from roundtable.audit.models import Event
from roundtable.machinetranslation.actions import check_set_machine_translation
from roundtable.machinetranslation.queries import is_on_at
from roundtable.permissions.actor import Actor
from roundtable.translations import actions
from roundtable.translations.models import ParagraphTranslation
from tests.drafting.scenes import World, member, published_document, world
from tests.support.libretranslate import FakeLibreTranslate

pytestmark = pytest.mark.django_db

ARABIC_P2 = "يقرّ المنتدى بأن نقاط تبادل الإنترنت تخفض تكلفة التوصيل."
BUTTON = "Machine-translate into Arabic for reading"


def test_the_secretariat_turns_the_switch_on_the_venue_page_others_see_no_control(
    client: Client, service: FakeLibreTranslate
) -> None:
    w = world(modality="itu-wtpf")
    url = f"/venues/{w.venue.slug}/settings/machine-translation/"
    client.force_login(w.secretariat)
    page = client.get(f"/venues/{w.venue.slug}/")
    assert 'data-machine-switch="off"' in page.text and "Turn machine translation on" in page.text
    response = client.post(url, {"enabled": "on"})
    assert response.status_code == 302 and is_on_at(w.venue)
    page = client.get(f"/venues/{w.venue.slug}/")
    assert 'data-machine-switch="on"' in page.text and "Turn machine translation off" in page.text
    client.post(url, {"enabled": "off"})
    assert not is_on_at(w.venue)
    assert Event.objects.filter(verb="machine_translation.switched").count() == 2

    client.force_login(member(w, "delegate@example.org", "member"))
    page = client.get(f"/venues/{w.venue.slug}/")
    assert "data-machine-switch" not in page.text and "Turn machine translation" not in page.text
    refused = client.post(url, {"enabled": "on"})
    assert refused.status_code == 403
    assert "the right “Turn machine translation on or off”" in refused.text
    assert "secretariat-switches-machine-translation" in refused.text
    assert not is_on_at(w.venue) and service.requests == []


def _arabic_p2(w: World) -> Any:
    document = published_document(w)
    translator = member(w, "translator@example.org")
    secretariat = Actor.person(w.secretariat)
    job = actions.do_request_translation(actor=secretariat, document=document, language="ar")
    actions.do_assign_translation(actor=secretariat, job=job, assignee=translator)
    actions.do_translate_paragraph(
        actor=Actor.person(translator), job=job, pid="p2", text=ARABIC_P2
    )
    return document


def test_off_no_button_and_no_request_leaves_the_server(
    client: Client, service: FakeLibreTranslate
) -> None:
    w = world(modality="itu-wtpf")
    document = _arabic_p2(w)
    client.force_login(member(w, "reader@example.org"))
    compare = f"/documents/{document.pk}/languages/compare/"
    page = client.get(compare + "?left=ar&right=en")
    assert page.status_code == 200 and BUTTON not in page.text
    # The form posted by hand is refused before any request.
    page = client.post(compare + "machine/", {"left": "ar", "right": "en", "target": "ar"})
    assert page.status_code == 200 and "Machine translation is off at this venue." in page.text
    assert 'class="machine-translation"' not in page.text
    assert service.requests == []


def test_on_the_missing_paragraphs_are_shown_machine_translated_labelled_not_stored(
    client: Client, service: FakeLibreTranslate
) -> None:
    w = world(modality="itu-wtpf")
    document = _arabic_p2(w)
    check_set_machine_translation(actor=Actor.person(w.secretariat), venue=w.venue, enabled=True)
    compare = f"/documents/{document.pk}/languages/compare/"
    # Anonymous readers are not offered it (every use is traced to a person).
    assert BUTTON not in client.get(compare + "?left=ar&right=en").text
    client.force_login(member(w, "reader@example.org"))
    page = client.get(compare + "?left=ar&right=en")
    assert BUTTON in page.text and service.requests == []
    page = client.post(compare + "machine/", {"left": "ar", "right": "en", "target": "ar"})
    assert page.status_code == 200
    assert page.text.count('<figure class="machine-translation" data-machine="true">') == 3
    assert "[ar] The Forum invites Member States to encourage the creation of IXPs." in page.text
    assert "Machine translation</strong> (LibreTranslate): not an authentic text." in page.text
    assert ARABIC_P2 in page.text  # the human paragraph stays as it is
    assert 'data-machine-shown="ar"' in page.text and BUTTON not in page.text
    assert len(service.requests) == 1 and len(service.requests[0].body["q"]) == 3
    assert ParagraphTranslation.objects.count() == 1  # never a language version
    # The original language column is never machine-translated.
    client.post(compare + "machine/", {"left": "ar", "right": "en", "target": "en"})
    assert len(service.requests) == 1
