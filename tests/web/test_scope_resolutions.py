"""The page cache's memory of what a URL's slugs and ids resolve to (web/page_scopes.py): a
warm key read is one read of the generations alone, and the key it gives is always the key the
full statement gives, across renames, placements and new rows taking a freed slug."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.audit.actions import record_event
from roundtable.audit.models import ScopeGeneration
from roundtable.lists.actions import do_ensure_list, do_place_list
from roundtable.lists.models import MailingList
from roundtable.permissions.actor import Actor
from roundtable.web import page_scopes
from roundtable.web.page_scopes import forget_resolutions, page_generation
from tests.drafting.scenes import world
from tests.web.test_home_search import open_call

pytestmark = pytest.mark.django_db

OPERATOR = Actor.operator("test")


def keyed(view_name: str, **kwargs: object) -> str:
    """The key with the memory, checked against the key without it."""
    kept = page_generation(view_name, kwargs)
    forget_resolutions()
    fresh = page_generation(view_name, kwargs)
    assert kept == fresh, (view_name, kwargs)
    return kept


def test_a_warm_read_asks_for_the_generations_alone() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    call = open_call(w, "Call on exchange points")
    pages = [
        ("processes:venue", {"venue": w.venue.slug}),
        ("processes:process", {"venue": w.venue.slug, "process": w.process.slug}),
        ("contributions:call", {"pk": call.pk}),
    ]
    for view_name, kwargs in pages:
        first = page_generation(view_name, kwargs)
        with CaptureQueriesContext(connection) as queries:
            assert page_generation(view_name, kwargs) == first
        assert len(queries) == 1, view_name
        sql = queries[0]["sql"]
        assert ScopeGeneration._meta.db_table in sql and MailingList._meta.db_table not in sql
        assert " JOIN " not in sql.upper()


def test_a_write_to_the_page_reads_the_whole_statement_again() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    mailing_list = do_ensure_list(actor=OPERATOR, address="alpha@example.org")
    before = keyed("lists:list", slug=mailing_list.slug)
    assert "process-self:None" not in before and "=None;None=None" in before  # no process yet
    page_generation("lists:list", {"slug": mailing_list.slug})  # remembered, unplaced
    do_place_list(actor=OPERATOR, mailing_list=mailing_list, venue=None, process=w.process)
    with CaptureQueriesContext(connection) as queries:
        placed = page_generation("lists:list", {"slug": mailing_list.slug})
    assert len(queries) == 2  # the generations moved: resolved again
    assert f"process-self:{w.process.pk}=" in placed
    assert f"venue-self:{w.venue.pk}=" in placed
    assert placed == keyed("lists:list", slug=mailing_list.slug)


def test_a_freed_slug_taken_by_a_new_row_names_the_new_row() -> None:
    old = do_ensure_list(actor=OPERATOR, address="alpha@example.org")
    slug = old.slug
    assert f"list:{old.pk}=" in page_generation("lists:thread", {"slug": slug, "pk": 1})
    # No action renames a list today; a rename must still be seen (it bumps the list's scope).
    MailingList.objects.filter(pk=old.pk).update(slug=f"{slug}-old")
    old.refresh_from_db()
    record_event(actor=OPERATOR, verb="lists.rename", target=old)
    missing = page_generation("lists:thread", {"slug": slug, "pk": 1})
    assert missing.split(";")[1] == "None=None"
    new = MailingList.objects.create(address="beta@example.org", slug=slug, name="Beta")
    record_event(actor=OPERATOR, verb="lists.create", target=new)
    # A missing slug was not remembered: creating it bumped only the new list's scopes.
    assert f"list:{new.pk}=" in keyed("lists:thread", slug=slug, pk=1)


def test_an_unknown_slug_is_not_remembered_and_the_memory_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page_generation("lists:list", {"slug": "nobody-has-this"})
    assert ("lists:list", ("nobody-has-this",) * 3) not in page_scopes._RESOLVED
    monkeypatch.setattr(page_scopes, "_RESOLVED_MAX", 2)
    for n in range(5):
        do_ensure_list(actor=OPERATOR, address=f"list{n}@example.org")
    for found in MailingList.objects.all():
        page_generation("lists:list", {"slug": found.slug})
        assert len(page_scopes._RESOLVED) <= 2
