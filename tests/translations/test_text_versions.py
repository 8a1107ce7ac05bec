"""Issue 18 part 1: whole-text language versions of calls and contributions (no paragraph
ids there): added, shown, outdated once the source changes, updated; the door; the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from roundtable.api.actions import do_create_token
from roundtable.audit.models import Event
from roundtable.contributions.actions import do_submit_contribution
from roundtable.contributions.models import CallForInput, Contribution
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from roundtable.translations import queries
from roundtable.translations.models import TextTranslation
from roundtable.translations.text_actions import do_translate_call, do_translate_contribution
from tests.processes.scenes import Scene, accredit, person, scene

pytestmark = pytest.mark.django_db


def _auth(user: Any) -> dict[str, str]:
    token = do_create_token(actor=Actor.person(user), name="t")[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _contribution(s: Scene, email: str = "bill@example.org") -> tuple[Any, Contribution]:
    bill = person(email)
    accredit(bill, s.venue, "civil-society")
    made = do_submit_contribution(
        actor=Actor.person(bill),
        call=s.call,
        title="Open data",
        body="Publish the data openly.",
        language="en",
    )
    return bill, made


def test_author_adds_a_version_it_is_outdated_after_the_source_changes_then_updated() -> None:
    s = scene()
    bill, made = _contribution(s)
    me = Actor.person(bill)
    do_translate_contribution(
        actor=me,
        contribution=made,
        language="fr",
        title="Données ouvertes",
        text="Publier les données ouvertement.",
    )
    [fr] = queries.contribution_versions(made)
    assert (fr.language, fr.outdated, fr.row.translator_id) == ("fr", False, bill.pk)
    assert "translation.contribution-version" in [e.verb for e in Event.objects.all()]

    # The source changes (there is no edit action for a contribution's text yet).
    Contribution.objects.filter(pk=made.pk).update(body="Publish the data openly, now.")
    made.refresh_from_db()
    [fr] = queries.contribution_versions(made)
    assert fr.outdated

    do_translate_contribution(
        actor=me,
        contribution=made,
        language="fr",
        title="Données ouvertes",
        text="Publier les données ouvertement, maintenant.",
    )
    [fr] = queries.contribution_versions(made)
    assert not fr.outdated and fr.row.text.endswith("maintenant.")
    assert TextTranslation.objects.filter(contribution=made).count() == 2  # history kept


def test_secretariat_versions_a_call_in_arabic_and_the_call_change_outdates_it() -> None:
    s = scene()
    s.call.description = "Send your views."
    CallForInput.objects.filter(pk=s.call.pk).update(description=s.call.description)
    do_translate_call(
        actor=Actor.person(s.secretariat),
        call=s.call,
        language="ar",
        title="دعوة",
        text="أرسلوا آراءكم.",
    )
    do_translate_call(
        actor=Actor.person(s.secretariat), call=s.call, language="fr", title="Appel", text="Avis."
    )
    versions = queries.call_versions(s.call)
    assert [(v.language, v.rtl, v.outdated) for v in versions] == [
        ("ar", True, False),
        ("fr", False, False),
    ]
    CallForInput.objects.filter(pk=s.call.pk).update(description="Send your views by Friday.")
    s.call.refresh_from_db()
    assert all(v.outdated for v in queries.call_versions(s.call))


def test_versions_are_read_in_a_constant_number_of_queries() -> None:
    s = scene()
    bill, made = _contribution(s)
    counts = []
    for language in ("fr", "es", "ar"):
        do_translate_contribution(
            actor=Actor.person(bill), contribution=made, language=language, title="t", text="x"
        )
        with CaptureQueriesContext(connection) as queried:
            queries.contribution_versions(made)
        counts.append(len(queried))
    assert counts == [1, 1, 1]


def test_refusals_stranger_original_language_unknown_empty_and_machine_at_the_database() -> None:
    s = scene()
    bill, made = _contribution(s)
    stranger = person("eve@example.org")
    with pytest.raises(Denied):
        do_translate_contribution(
            actor=Actor.person(stranger), contribution=made, language="fr", title="t", text="x"
        )
    with pytest.raises(Denied):
        do_translate_call(actor=Actor.person(bill), call=s.call, language="fr", title="t", text="x")
    for language, text, code in (
        ("en", "x", "original-language"),
        ("xx", "x", "language"),
        ("fr", "  ", "empty"),
    ):
        with pytest.raises(ValidationError) as refused:
            do_translate_contribution(
                actor=Actor.person(bill),
                contribution=made,
                language=language,
                title="t",
                text=text,
            )
        assert refused.value.code == code
    assert not TextTranslation.objects.exists()
    row = dict(
        language="fr", title="t", text="x", source_sha256="0" * 64, created_at=made.submitted_at
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        TextTranslation.objects.create(contribution=made, machine=True, **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        TextTranslation.objects.create(contribution=made, call=s.call, **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        TextTranslation.objects.create(**row)


def test_the_api_author_adds_a_version_readers_see_it_outdated_refusals(client: Client) -> None:
    s = scene()
    bill, made = _contribution(s)
    stranger = person("eve@example.org")
    url = f"/api/contributions/{made.pk}/versions"

    def post(payload: dict[str, Any], who: Any) -> Any:
        return client.post(url, payload, content_type="application/json", **_auth(who))

    added = post({"language": "fr", "title": "Données", "text": "Publier."}, bill)
    assert added.status_code == 201, added.content
    assert added.json()["outdated"] is False and added.json()["translated_by"] == "bill"
    assert post({"language": "fr", "text": "x"}, stranger).status_code == 403
    original = post({"language": "en", "text": "x"}, bill)
    assert original.status_code == 400 and "original-language" in original.content.decode()
    assert post({"language": "xx", "text": "x"}, bill).status_code == 422

    Contribution.objects.filter(pk=made.pk).update(title="Open data now")
    [fr] = client.get(url).json()
    assert (fr["language"], fr["title"], fr["outdated"]) == ("fr", "Données", True)

    call_url = f"/api/calls/{s.call.pk}/versions"
    body = {"language": "es", "title": "Llamada", "text": "Opiniones."}
    refused = client.post(call_url, body, content_type="application/json", **_auth(bill))
    assert refused.status_code == 403
    made_call = client.post(call_url, body, content_type="application/json", **_auth(s.secretariat))
    assert made_call.status_code == 201, made_call.content
    assert [v["language"] for v in client.get(call_url).json()] == ["es"]


def test_pages_also_in_links_the_version_beside_the_original_rtl_and_the_form(
    client: Client,
) -> None:
    s = scene()
    bill, made = _contribution(s)
    client.force_login(bill)
    url = f"/contributions/{made.pk}/versions/ar/"
    form = client.get(url)
    assert form.status_code == 200 and b'name="text"' in form.content
    saved = client.post(url, {"title": "بيانات مفتوحة", "text": "انشروا البيانات."})
    assert saved.status_code == 302
    page = client.get(url).content.decode()
    assert 'id="version" lang="ar" dir="rtl"' in page and "انشروا البيانات." in page
    assert 'id="original" lang="en" dir="ltr"' in page and "Publish the data openly." in page
    assert 'data-state="outdated"' not in page

    Contribution.objects.filter(pk=made.pk).update(body="Changed.", body_html="<p>Changed.</p>")
    contribution_page = client.get(f"/contributions/{made.pk}/").content.decode()
    assert f'href="/contributions/{made.pk}/versions/ar/"' in contribution_page
    assert 'data-state="outdated"' in contribution_page
    assert 'data-state="outdated"' in client.get(url).content.decode()
    assert client.get(f"/contributions/{made.pk}/versions/en/").status_code == 404  # original

    client.force_login(person("eve@example.org"))
    reader = client.get(url)
    assert reader.status_code == 200 and b'name="text"' not in reader.content
    client.post(url, {"title": "x", "text": "x"})
    assert TextTranslation.objects.filter(contribution=made).count() == 1

    client.force_login(s.secretariat)
    call_url = f"/calls/{s.call.pk}/versions/fr/"
    assert client.post(call_url, {"title": "Appel", "text": "Avis."}).status_code == 302
    assert f'href="{call_url}"' in client.get(f"/calls/{s.call.pk}/").content.decode()
