"""The page shell's fixed parts (`{% same_for_all %}`, web/templatetags/shell.py) are rendered
once per language and served to every viewer: they must never carry anything of one viewer or
one request to another. Two viewers who see different headers (an anonymous reader, a signed-in
participant) read the same page in turn, in two languages; and a part rendered with a viewer's
context shows nothing of it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import set_script_prefix
from django.utils import translation

from tests.processes.scenes import person

pytestmark = pytest.mark.django_db


def _token(body: str) -> str:
    found = re.search(r'"X-CSRFToken": "([^"]*)"', body)
    assert found is not None
    return found.group(1)


def test_an_anonymous_reader_and_a_participant_each_get_their_own_header_in_each_language() -> None:
    member = Client()
    member.force_login(person("carol@example.org", "Carol"))
    anonymous = Client()
    for _ in range(2):  # the second round is served from the kept parts
        for language in ("en", "ar"):
            bodies = {}
            for name, client in (("anonymous", anonymous), ("member", member)):
                client.cookies["django_language"] = language
                response = client.get("/")
                assert response.status_code == 200
                bodies[name] = response.content.decode()
            rtl = language == "ar"
            for body in bodies.values():
                assert f'<html lang="{language}" dir="{"rtl" if rtl else "ltr"}">' in body
                assert ("bootstrap.rtl.min.css" in body) is rtl
                assert f'<option value="{language}" lang="{language}" selected>' in body
                assert body.count(" selected>") == 1
                assert 'href="/lists/"' in body and "</footer>" in body
            assert "carol@example.org" in bodies["member"]
            assert "carol@example.org" not in bodies["anonymous"]
            assert 'action="/accounts/logout/"' not in bodies["anonymous"]
            assert "/accounts/login/?next=/" in bodies["anonymous"]
            assert "/accounts/login/?next=/" not in bodies["member"]
            assert _token(bodies["member"]) != _token(bodies["anonymous"])


def test_a_part_shows_nothing_of_the_viewer_or_the_request_it_was_first_rendered_for() -> None:
    template = engines["django"].from_string(
        "{% load shell %}{% same_for_all %}[{{ user }}|{{ request.path }}|{{ csrf_token }}|"
        "{{ secret }}|{% url 'home' %}]{% endsame_for_all %}"
    )
    request = RequestFactory().get("/private/")
    request.user = AnonymousUser()
    first = template.render({"secret": "only-for-alice"}, request)
    assert first == "[||||/]"
    assert template.render({"secret": "for-bob"}, request) == first


def test_a_part_is_kept_apart_per_language_and_per_url_prefix() -> None:
    template = engines["django"].from_string(
        '{% load i18n shell %}{% same_for_all %}{% translate "Sign in" %} '
        "{% url 'home' %}{% endsame_for_all %}"
    )
    with translation.override("fr"):
        french = template.render({})
    with translation.override("en"):
        english = template.render({})
        try:
            set_script_prefix("/mounted/")
            mounted = template.render({})
        finally:
            set_script_prefix("/")
    assert english == "Sign in /"
    assert french != english and french.endswith(" /")
    assert mounted == "Sign in /mounted/"
