"""Issue 11, point 2: the process page and the API speak the reader's language, not the
engine's identifiers; an anonymous visitor gets one invitation instead of refusals."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.decisions import actions
from roundtable.demo.world import load_demo
from roundtable.modalities.loader import load_modality
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality
from tests.drafting.scenes import member, published_document, world
from tests.processes.scenes import person
from tests.support.visible_text import raw_identifiers, visible_text

pytestmark = pytest.mark.django_db

WTPF = "/venues/itu/wtpf/"
MATRIX = "/api/processes/itu/wtpf/matrix"
ARABIC = re.compile(r"[\u0600-\u06ff]")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _rights() -> set[str]:
    return set(load_modality("itu-wtpf").rights) | set(get_modality("participation").rights)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _in(client: Client, language: str) -> None:
    client.post("/i18n/setlang/", {"language": language, "next": "/"})


@pytest.mark.parametrize(("language", "script"), [("ar", ARABIC), ("zh-hans", CHINESE)])
def test_api_matrix_in_the_readers_language_has_no_raw_identifier_in_its_words(
    client: Client, language: str, script: re.Pattern[str]
) -> None:
    load_demo()
    payload = client.get(MATRIX, {"lang": language}).json()
    readable = payload["readable"]
    assert payload["language"] == language
    words: list[str] = [readable["modality_label"], readable["phase_label"]]
    for right in readable["rights"]:
        words += [right["label"], right["description"]]
    for row in readable["rows"]:
        words.append(row["label"])
        words += [cell["word"] for cell in row["cells"]]
    words += [item["word"] for item in readable["legend"]]
    text = " ".join(words)
    assert raw_identifiers(text, _rights()) == []
    assert all(script.search(w) for w in words if w.strip())  # every word in the language
    # The raw ids stay in their own machine fields.
    assert "submit_input" in payload["rights"] and "group:government" in payload["rows"]
    assert {r["id"] for r in readable["rights"]} == set(payload["rights"])
    assert readable["rows"][2]["cells"][0]["value"] in ("yes", "no", "accredited")


def test_api_language_comes_from_accept_language_and_a_bad_code_is_a_400(client: Client) -> None:
    load_demo()
    payload = client.get(MATRIX, HTTP_ACCEPT_LANGUAGE="ar").json()
    assert payload["language"] == "ar" and ARABIC.search(payload["readable"]["rights"][0]["label"])
    refused = client.get(MATRIX, {"lang": "xx"})
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "bad_language"


@pytest.mark.parametrize(("language", "script"), [("ar", ARABIC), ("zh-hans", CHINESE)])
def test_decision_endpoint_gives_verdict_and_reasons_in_the_language_with_raw_fields(
    client: Client, language: str, script: re.Pattern[str]
) -> None:
    load_demo()
    url = "/api/processes/itu/wtpf/decisions/speak"
    payload = client.get(url, {"lang": language}).json()
    assert payload["allowed"] is False and payload["right"] == "speak"
    assert script.search(payload["verdict"]) and script.search(payload["right_label"])
    assert payload["what_would_allow"] and all(
        script.search(w) for w in payload["what_would_allow"]
    )
    said = " ".join([payload["verdict"], payload["right_label"], *payload["what_would_allow"]])
    assert raw_identifiers(said, _rights()) == []
    explanation = payload["explanation"]
    assert explanation["right"] == "speak" and explanation["standing_facts"] == ["anonymous"]
    assert {"category:member-state", "signed-in"} <= {
        f for way in explanation["missing_facts"] for f in way["facts"]
    }
    assert "Denied by default" in payload["reason"]  # the English engine text, kept


@pytest.mark.parametrize(("language", "script"), [("ar", ARABIC), ("zh-hans", CHINESE)])
def test_process_page_in_the_language_shows_no_raw_identifier(
    client: Client, language: str, script: re.Pattern[str]
) -> None:
    load_demo()
    for who in (None, person("reader@example.org")):
        if who is not None:
            client.force_login(who)
        _in(client, language)
        html = client.get(WTPF).content.decode()
        text = visible_text(html)
        assert raw_identifiers(text, _rights()) == [], who
        assert "demo-loader" not in text and "an anonymous visitor" not in text
        assert script.search(text)
        assert 'class="matrix-scroll"' in html and "<caption" in html
        assert 'class="cell-icon" aria-hidden="true"' in html and "matrix-legend" in html
    # Signed in without standing: verdicts and reasons in the language, English one click away.
    section = html[html.index('class="you"') : html.index('class="matrix"')]
    verdicts = re.findall(r'<span class="verdict[^"]*">(.*?)</span>', section)
    assert verdicts and all(script.search(v) for v in verdicts)
    assert "<details" in section and 'lang="en" dir="ltr"' in section
    assert 'class="would-allow"' in section


def test_anonymous_visitor_sees_one_invitation_not_a_wall_of_refusals(client: Client) -> None:
    load_demo()
    html = client.get(WTPF).content.decode()
    section = html[html.index('class="you"') : html.index('class="matrix"')]
    assert "Sign in and request accreditation to take part:" in section
    assert "Not allowed" not in section and "Denied by default" not in section
    _in(client, "ar")
    html = client.get(WTPF).content.decode()
    assert "سجّل الدخول واطلب الاعتماد للمشاركة" in html


def test_matrix_rows_and_columns_are_plain_language(client: Client) -> None:
    load_demo()
    text = visible_text(client.get(WTPF).content.decode())
    for words in ("Member States", "Civil society", "Submit input", "Propose amendments"):
        assert words in text
    for word in ("Allowed", "Not allowed"):
        assert word in text
    payload = json.loads(client.get(MATRIX, {"lang": "en"}).content)
    legend = {item["value"]: item["word"] for item in payload["readable"]["legend"]}
    assert legend == {"yes": "Allowed", "accredited": "Once accredited", "no": "Not allowed"}


def test_hidden_chair_controls_say_why_in_one_line(client: Client) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    someone = member(w, "m0@example.org", "member")
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=timezone.now() + timedelta(days=2)
    )
    client.force_login(someone)
    _in(client, "ar")
    html = client.get(f"/adoptions/{adoption.pk}/").content.decode()
    line = re.search(r'<p class="hidden-controls[^"]*">(.*?)</p>', html, re.S)
    assert line is not None and ARABIC.search(line.group(1))
    assert raw_identifiers(visible_text(line.group(1)), _rights()) == []
    client.force_login(w.chair)
    assert 'class="hidden-controls' not in client.get(f"/adoptions/{adoption.pk}/").content.decode()
