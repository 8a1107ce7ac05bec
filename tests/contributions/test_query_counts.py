"""The process page and the contributions list cost the same number of queries for 10 and for
1,000 contributions (rows made by the documented bulk helper, tests/contributions/bulk.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from roundtable.coalitions.actions import do_join
from roundtable.drafting.actions import check_create_document, check_publish_version
from roundtable.drafting.amendment_actions import do_accept_amendment, do_propose_amendment
from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_add_phase
from roundtable.translations.actions import (
    do_assign_translation,
    do_request_translation,
    do_translate_paragraph,
)
from tests.coalitions.scenes import founded as founded_coalition
from tests.coalitions.scenes import igf as coalition_scene
from tests.contributions.bulk import bulk_campaigns, bulk_contributions
from tests.drafting.scenes import member as translation_member
from tests.drafting.scenes import published_document as translation_document
from tests.drafting.scenes import world as translation_world
from tests.processes.scenes import accredit, group, person, scene

pytestmark = pytest.mark.django_db


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_queries_do_not_grow_with_contributions(
    client: Client, signed_in: bool, settings: Any
) -> None:
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0  # the full render is what is counted
    small, large = scene(process_slug="small"), scene(process_slug="large")
    author = person("author@example.org")
    accredit(author, small.venue, "civil-society")
    bulk_contributions(small.call, author, 10)
    bulk_contributions(large.call, author, 1000)
    if signed_in:
        client.force_login(author)
    pages = {
        "process": ("/venues/itu/small/", "/venues/itu/large/"),
        "contributions": (f"/calls/{small.call.pk}/", f"/calls/{large.call.pk}/"),
        "api list": (
            f"/api/calls/{small.call.pk}/contributions",
            f"/api/calls/{large.call.pk}/contributions",
        ),
        "export": (
            "/api/processes/itu/small/contributions.json",
            "/api/processes/itu/large/contributions.json",
        ),
        "balance": ("/venues/itu/small/balance/", "/venues/itu/large/balance/"),
        "balance api": ("/api/processes/itu/small/balance", "/api/processes/itu/large/balance"),
        "stock-taking report": ("/venues/itu/small/report/", "/venues/itu/large/report/"),
    }
    for name, (few, many) in pages.items():
        _count(client, few)  # warm caches (modality files, content types)
        assert _count(client, few) == _count(client, many), name


def test_coalition_pages_do_not_grow_with_coalitions_or_members(
    client: Client, settings: Any
) -> None:
    """The venue's coalitions (1 then 6) and a coalition's page (3 then 9 members)."""
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0
    s = coalition_scene()
    first = founded_coalition(s, "Dynamic Coalition number 0")
    small_list = _count(client, "/venues/igf/coalitions/")
    small_page = _count(client, f"/venues/igf/coalitions/{first.slug}/")
    for n in range(1, 6):
        founded_coalition(s, f"Dynamic Coalition number {n}")
    for n in range(6):
        joiner = person(f"joiner{n}@example.org")
        do_join(actor=Actor.person(joiner), coalition=first, group=group("academia"))
    assert _count(client, "/venues/igf/coalitions/") == small_list
    assert _count(client, f"/venues/igf/coalitions/{first.slug}/") == small_page


def test_campaign_pages_do_not_grow_with_campaigns_or_members(
    client: Client, settings: Any
) -> None:
    """A call's campaigns (2 then 12 campaigns) and one campaign's page (3 then 250 members:
    a full page of signatories and a pager), seen by the secretariat (the correction forms)."""
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0
    small, large = scene(process_slug="small"), scene(process_slug="large")
    author = person("author@example.org")
    bulk_contributions(small.call, author, 10)
    bulk_contributions(large.call, author, 400)
    few = bulk_campaigns(small.call, [3, 2])
    many = bulk_campaigns(large.call, [250] + [10] * 11)
    client.force_login(small.secretariat)
    for name, (url_few, url_many) in {
        "call": (f"/calls/{small.call.pk}/campaigns/", f"/calls/{large.call.pk}/campaigns/"),
        "campaign": (
            f"/contributions/{few[0].members.first().contribution_id}/campaign/",  # type: ignore[union-attr]
            f"/contributions/{many[0].members.first().contribution_id}/campaign/",  # type: ignore[union-attr]
        ),
    }.items():
        _count(client, url_few)  # warm caches
        assert _count(client, url_few) == _count(client, url_many), name


def _translated_document(w: Any, slug: str, paragraphs: int, languages: tuple[str, ...]) -> Any:
    """A document of `paragraphs` paragraphs translated in full into `languages`, each by its
    own translator; with more than one language, an accepted amendment then outdates p3."""
    text = "\n\n".join(f"Paragraph {n} of {slug}." for n in range(1, paragraphs + 1))
    document = translation_document(w, text=text, slug=slug)
    secretariat = Actor.person(w.secretariat)
    for language in languages:
        translator = translation_member(w, f"{slug}-{language}@example.org", name=language)
        job = do_request_translation(actor=secretariat, document=document, language=language)
        do_assign_translation(actor=secretariat, job=job, assignee=translator)
        for n in range(1, paragraphs + 1):
            do_translate_paragraph(
                actor=Actor.person(translator), job=job, pid=f"p{n}", text=f"{language} {n}"
            )
    if len(languages) > 1:
        amendment = do_propose_amendment(
            actor=Actor.person(translation_member(w, f"{slug}-delegate@example.org", "member")),
            version=document.versions.get(number=1), kind="replace", pid="p3",
            text="Paragraph 3, amended.", rationale="Clearer.",
        )  # fmt: skip
        do_accept_amendment(actor=secretariat, amendment=amendment, reason="agreed")
    return document


def test_language_pages_do_not_grow_with_languages_or_paragraphs(
    client: Client, settings: Any
) -> None:
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0  # the full render is what is counted
    w = translation_world(modality="itu-wtpf")
    small = _translated_document(w, "small", 4, ("ar",))
    large = _translated_document(w, "large", 30, ("ar", "fr", "es", "ru", "zh-hans"))
    for signed_in in (None, w.secretariat):
        if signed_in is not None:
            client.force_login(signed_in)
        for page in ("languages/", "languages/compare/?left=ar&right=fr"):
            few, many = f"/documents/{small.pk}/{page}", f"/documents/{large.pk}/{page}"
            _count(client, few)  # warm caches (modality files, content types)
            assert _count(client, few) == _count(client, many), (page, signed_in)


def test_a_coalition_page_does_not_grow_with_outputs_or_members_signed_in(
    client: Client, settings: Any
) -> None:
    """A coordinator's view of a coalition's page (1 then 4 outputs, 3 then 7 members): the
    door's coalition facts (coalitions/facts.py) are read once per request, however many
    questions the page asks the door about the coalition's process."""
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0
    s = coalition_scene()
    coalition = founded_coalition(s)
    coordinator = Actor.person(s.civil)

    def output(n: int) -> None:
        made = check_create_document(
            actor=coordinator, process=coalition.process, slug=f"output-{n}",
            title=f"Output {n}", source=f"Paragraph of output {n}.",
        )  # fmt: skip
        check_publish_version(actor=coordinator, document=made)

    output(0)
    client.force_login(s.civil)
    url = f"/venues/igf/coalitions/{coalition.slug}/"
    _count(client, url)  # warm caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(1, 4):
        output(n)
    for n in range(4):
        joiner = person(f"joiner{n}@example.org")
        do_join(actor=Actor.person(joiner), coalition=coalition, group=group("academia"))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
    # The output's page asks the door about the coalition's process for each of its controls
    # (draft, amend, comment, adopt): four member lookups before the memo, one now.
    document = coalition.process.documents.order_by("pk")[0]
    with CaptureQueriesContext(connection) as output_page:
        assert client.get(f"/documents/{document.pk}/").status_code == 200
    assert len(_member_lookups(output_page)) == 1


def _member_lookups(queries: CaptureQueriesContext) -> list[dict[str, Any]]:
    return [
        q for q in queries.captured_queries
        if 'FROM "coalitions_member"' in q["sql"] and "process" in q["sql"]
    ]  # fmt: skip


def test_balance_over_time_does_not_grow_with_phases_or_rows(client: Client, settings: Any) -> None:
    """The balance (page, JSON, CSV) of a process with 1 phase and 10 inputs, then one with 7
    phases and 1,000 inputs spread over them: one aggregate per measure, not per phase."""
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0
    small, large = scene(process_slug="small"), scene(process_slug="large")
    author = person("author@example.org")
    accredit(author, small.venue, "civil-society")
    bulk_contributions(small.call, author, 10)
    bulk_contributions(large.call, author, 1000)
    today = timezone.now().date()
    for n in range(1, 7):  # six earlier phases of ten days, before the scene's own
        starts_on = today - timedelta(days=3 + 10 * n)
        do_add_phase(actor=Actor.operator("test"), process=large.process, kind="drafting",
                     title=f"Earlier {n}", starts_on=starts_on,
                     ends_on=starts_on + timedelta(days=9))  # fmt: skip
    pks = list(large.call.contributions.order_by("pk").values_list("pk", flat=True))
    for n in range(7):  # 0: the scene's phase; 10 to 60 days ago: one of the earlier phases
        large.call.contributions.filter(pk__in=pks[n::7]).update(
            submitted_at=timezone.now() - timedelta(days=10 * n)
        )
    assert large.process.phases.count() == 7
    for few, many in (
        ("/venues/itu/small/balance/", "/venues/itu/large/balance/"),
        ("/api/processes/itu/small/balance", "/api/processes/itu/large/balance"),
        ("/api/processes/itu/small/balance.csv", "/api/processes/itu/large/balance.csv"),
    ):
        _count(client, few)  # warm caches
        assert _count(client, few) == _count(client, many), many
