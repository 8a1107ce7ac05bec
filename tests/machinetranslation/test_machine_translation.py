"""Machine translation against a real LibreTranslate-speaking server on loopback (issue 18.3):
off means no request reaches it; on, each text is sent once, cached, and shown labelled;
a failing service gives a sentence, stores nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.utils import translation

from roundtable.audit.models import Event
from roundtable.machinetranslation.actions import (
    Unavailable,
    check_set_machine_translation,
    machine_translate,
)
from roundtable.machinetranslation.models import CachedTranslation
from roundtable.machinetranslation.providers import ProviderError
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from roundtable.processes.actions import do_create_venue
from roundtable.stakeholders.roles import do_grant_role
from roundtable.venues.models import Venue
from tests.processes.scenes import person
from tests.support.libretranslate import FakeLibreTranslate, libretranslate_on_loopback

pytestmark = pytest.mark.django_db

PARAGRAPHS = ["The Forum welcomes the report.", "Member States are invited to comment."]


@pytest.fixture
def service(service: Any, settings: Any) -> Any:
    """The loopback provider (conftest.py), with an API key to check it is sent."""
    settings.ROUNDTABLE_MT_API_KEY = "test-key"
    return service


@pytest.fixture
def venue() -> Venue:
    return do_create_venue(
        actor=Actor.operator(), slug="itu", name="ITU", default_modality="itu-wtpf"
    )


@pytest.fixture
def secretariat(venue: Venue) -> Actor:
    user = person("sec@example.org")
    do_grant_role(actor=Actor.operator(), user=user, role="secretariat", venue=venue)
    return Actor.person(user)


@pytest.fixture
def reader() -> Actor:
    return Actor.person(person("reader@example.org"))


def translate(reader: Actor, venue: Venue, texts: list[str] = PARAGRAPHS) -> Any:
    return machine_translate(actor=reader, venue=venue, texts=texts, source="en", target="fr")


def test_switch_off_no_request_leaves_the_server(
    service: FakeLibreTranslate, venue: Venue, reader: Actor
) -> None:
    with pytest.raises(Unavailable, match="off at this venue"):
        translate(reader, venue)
    assert service.requests == []
    assert CachedTranslation.objects.count() == 0


def test_no_provider_configured_refuses_even_when_switched_on(
    settings: Any, venue: Venue, secretariat: Actor, reader: Actor
) -> None:
    settings.ROUNDTABLE_MT_URL = ""
    check_set_machine_translation(actor=secretariat, venue=venue, enabled=True)
    with pytest.raises(Unavailable, match="No machine translation service"):
        translate(reader, venue)


def test_only_the_secretariat_switches_and_only_people_ask(
    service: FakeLibreTranslate, venue: Venue, secretariat: Actor, reader: Actor
) -> None:
    with pytest.raises(Denied):
        check_set_machine_translation(actor=reader, venue=venue, enabled=True)
    check_set_machine_translation(actor=secretariat, venue=venue, enabled=True)
    with pytest.raises(Denied):
        translate(Actor.anonymous(), venue)
    assert service.requests == []
    switched = Event.objects.filter(verb="machine_translation.switched")
    assert switched.count() == 1


def test_switched_on_calls_the_service_once_then_serves_the_cache(
    service: FakeLibreTranslate, venue: Venue, secretariat: Actor, reader: Actor
) -> None:
    check_set_machine_translation(actor=secretariat, venue=venue, enabled=True)
    first = translate(reader, venue)
    assert [r.text for r in first] == [f"[fr] {p}" for p in PARAGRAPHS]
    assert all(r.machine and r.provider == "LibreTranslate" for r in first)
    assert [r.original for r in first] == PARAGRAPHS
    assert len(service.requests) == 1
    sent = service.requests[0]
    assert (sent.method, sent.path) == ("POST", "/translate")
    assert sent.body == {
        "q": PARAGRAPHS,
        "source": "en",
        "target": "fr",
        "format": "text",
        "api_key": "test-key",
    }
    again = translate(reader, venue)
    assert [r.text for r in again] == [r.text for r in first]
    assert len(service.requests) == 1, "the same texts were sent twice"
    # One new paragraph among known ones: only it goes out.
    translate(reader, venue, [PARAGRAPHS[0], "A new paragraph."])
    assert service.requests[1].body["q"] == ["A new paragraph."]
    assert CachedTranslation.objects.count() == 3
    assert Event.objects.filter(verb="machine_translation.fetched").count() == 2


def test_our_chinese_code_is_the_services(
    service: FakeLibreTranslate, venue: Venue, secretariat: Actor, reader: Actor
) -> None:
    check_set_machine_translation(actor=secretariat, venue=venue, enabled=True)
    machine_translate(actor=reader, venue=venue, texts=["Hello"], source="en", target="zh-hans")
    assert service.requests[0].body["target"] == "zh"


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("error", r"answered with an error \(HTTP 500\)"),
        ("garbage", "could not be read"),
        ("short", "could not be read"),
    ],
)
def test_a_failing_service_gives_a_sentence_and_stores_nothing(
    service: FakeLibreTranslate,
    venue: Venue,
    secretariat: Actor,
    reader: Actor,
    mode: str,
    message: str,
) -> None:
    check_set_machine_translation(actor=secretariat, venue=venue, enabled=True)
    service.mode = mode
    with pytest.raises(ProviderError, match=message):
        translate(reader, venue)
    assert len(service.requests) == 1
    assert CachedTranslation.objects.count() == 0
    assert not Event.objects.filter(verb="machine_translation.fetched").exists()


def test_a_service_that_is_down_gives_a_sentence(
    settings: Any, venue: Venue, secretariat: Actor, reader: Actor
) -> None:
    with libretranslate_on_loopback() as gone:
        url = gone.url
    settings.ROUNDTABLE_MT_URL = url  # the port was closed with the server
    check_set_machine_translation(actor=secretariat, venue=venue, enabled=True)
    with pytest.raises(ProviderError, match="could not be reached"):
        translate(reader, venue)
    assert CachedTranslation.objects.count() == 0


LABELS = {
    "en": "Machine translation",
    "fr": "Traduction automatique",
    "es": "Traducción automática",
    "ru": "Машинный перевод",
    "ar": "ترجمة آلية",
    "zh-hans": "机器翻译",
}


@pytest.mark.parametrize("language", list(LABELS))
def test_the_output_is_labelled_in_the_readers_language_beside_the_original(
    service: FakeLibreTranslate, venue: Venue, secretariat: Actor, reader: Actor, language: str
) -> None:
    check_set_machine_translation(actor=secretariat, venue=venue, enabled=True)
    result = machine_translate(
        actor=reader, venue=venue, texts=["Bonjour"], source="fr", target="ar"
    )[0]
    template = Template("{% load machinetranslation %}{% machine_translation mt %}")
    with translation.override(language):
        html = template.render(Context({"mt": result}))
    assert LABELS[language] in html
    assert '<div class="machine-text" lang="ar" dir="rtl"><p>[ar] Bonjour</p></div>' in html
    # The original stays one click away, in its own language.
    assert "<details" in html
    assert '<div lang="fr" dir="ltr"><p>Bonjour</p></div>' in html


def test_the_command_switches_a_venue_and_lists_the_services_languages(
    service: FakeLibreTranslate, venue: Venue, reader: Actor
) -> None:
    out = StringIO()
    call_command("machinetranslation", "on", "itu", stdout=out)
    assert out.getvalue().strip() == "itu: on"
    assert service.requests == []
    translate(reader, venue)
    out = StringIO()
    call_command("machinetranslation", "languages", stdout=out)
    assert out.getvalue().split() == ["ar", "zh", "en", "es", "fr", "ru"]
    assert [r.path for r in service.requests] == ["/translate", "/languages"]
    call_command("machinetranslation", "off", "itu", stdout=StringIO())
    with pytest.raises(Unavailable):
        translate(reader, venue)
    with pytest.raises(CommandError, match="No venue"):
        call_command("machinetranslation", "on", "nowhere")
