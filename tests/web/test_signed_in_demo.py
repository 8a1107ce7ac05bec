"""On the demo world, for readers of every standing and two pages of each kind: a signed-in
reader's kept page is byte for byte the page rendered with the cache off (each visitor's CSRF
token aside), and never another reader's (roundtable/web/page_cache.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from roundtable.contributions.models import CallForInput
from roundtable.decisions.models import Adoption
from roundtable.drafting.models import Document
from roundtable.lists.models import MailingList, Message, Thread
from roundtable.processes.models import Process
from roundtable.venues.models import Venue
from tests.processes.scenes import person
from tests.support.world import DemoWorld
from tests.web.test_signed_in_pages import fresh, same_page

pytestmark = pytest.mark.django_db


def two_of_each() -> list[str]:
    urls = ["/", "/search/?q=the", "/search/?q=internet", "/lists/", "/lists/search/?q=the"]
    urls += [
        f"/venues/{slug}/"
        for slug in Venue.objects.order_by("pk").values_list("slug", flat=True)[:2]
    ]
    for process in Process.objects.select_related("venue").order_by("pk")[:2]:
        urls += [f"/venues/{process.venue.slug}/{process.slug}/"]
        urls += [f"/venues/{process.venue.slug}/{process.slug}/documents/"]
    urls += [
        f"/calls/{pk}/"
        for pk in CallForInput.objects.order_by("pk").values_list("pk", flat=True)[:2]
    ]
    for pk in Document.objects.order_by("pk").values_list("pk", flat=True)[:2]:
        urls += [f"/documents/{pk}/", f"/documents/{pk}/redline/"]
    urls += [
        f"/adoptions/{pk}/"
        for pk in Adoption.objects.order_by("pk").values_list("pk", flat=True)[:2]
    ]
    for mailing_list in MailingList.objects.order_by("pk")[:2]:
        urls += [f"/lists/{mailing_list.slug}/", f"/lists/{mailing_list.slug}/search/?q=the"]
        newest = Message.objects.filter(mailing_list=mailing_list).order_by("-date").first()
        if newest is not None and newest.date is not None:
            urls += [f"/lists/{mailing_list.slug}/{newest.date:%Y}/{newest.date.month}/"]
        urls += [f"/lists/{mailing_list.slug}/t/{key}/" for key in
                 Thread.objects.filter(mailing_list=mailing_list).values_list("key", flat=True)[:2]]  # fmt: skip
    urls += ["/api/venues"]
    return urls


def readers(demo_world: DemoWorld) -> dict[str, Any]:
    """The demo's participant, government and secretariat, its newcomer (an accreditation
    waiting), and someone with no standing anywhere."""
    waiting = get_user_model().objects.get(username="newcomer@example.org")
    email = "kept-pages-reader@example.org"
    nobody = get_user_model().objects.filter(username=email).first() or person(email, "Reader")
    return {**demo_world.users, "newcomer": waiting, "nobody": nobody}


def test_a_kept_page_is_the_page_rendered_afresh_for_every_standing(
    demo_world: DemoWorld,
) -> None:
    urls = two_of_each()
    assert len(urls) >= 20
    for who, user in readers(demo_world).items():
        reader = Client()
        reader.force_login(user)
        for url in urls:
            first = reader.get(url)
            kept = reader.get(url)
            if first.status_code != 200:  # a page this reader may not see is never kept
                assert "X-Page-Cache" not in kept, (who, url)
                continue
            # The API reads no session: every reader gets the one anonymous answer.
            shared = url.startswith("/api/") and first["X-Page-Cache"] == "hit"
            assert shared or first["X-Page-Cache"] == "stored", (who, url)
            assert kept["X-Page-Cache"] == "hit", (who, url)
            assert "private" in kept["Cache-Control"], (who, url)
            assert same_page(kept, fresh(reader, url)), (who, url)


def test_no_reader_is_answered_from_anothers_page(demo_world: DemoWorld) -> None:
    urls = two_of_each()
    for url in urls:
        for user in readers(demo_world).values():
            reader = Client()
            reader.force_login(user)
            answer = reader.get(url)
            assert answer.get("X-Page-Cache") != "hit" or url.startswith("/api/"), url
