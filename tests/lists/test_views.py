from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from roundtable.lists.actions import do_import_archive
from roundtable.lists.models import MailingList, Message, Thread
from roundtable.permissions.actor import Actor

OPERATOR = Actor.operator("tests")  # imports run by the server's operator

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(seed_file: Path) -> Message:
    do_import_archive(actor=OPERATOR, list_address="mmwg@wsis-cs.org", paths=[str(seed_file)])
    return Message.objects.get()


def _section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_seed_shows_bills_reply_with_the_thread_collapsed_and_no_footer(
    client: Client, seed: Message
) -> None:
    page = client.get(f"/lists/mmwg/t/{seed.thread.key}/").content.decode()
    article = _section(page, '<article id="m-', "</article>")
    shown = re.sub(r"<details.*?</details>", "", article, flags=re.S)
    assert "Hi Bertrand," in shown and "Bill" in shown
    assert (
        "Thanks Avri for the reminder" not in shown
        and "Plans are currently being made" not in shown
    )
    collapsed = re.findall(r'<details class="mail-quote">.*?</details>', article, flags=re.S)
    assert collapsed and "Thanks Avri for the reminder" in collapsed[0]
    assert "<details open" not in article
    assert "mailing list" not in article and "listinfo/mmwg" not in article

    message_page = client.get(f"/lists/mmwg/m/{seed.key}/").content.decode()
    body = _section(message_page, '<section class="lists-body">', "</section>")
    assert "Hi Bertrand," in body and "mmwg mailing list" not in body


def test_pages_render_for_anonymous_readers(
    client: Client, twisted_web: Path, django_assert_max_num_queries
) -> None:
    do_import_archive(
        actor=OPERATOR,
        list_address="twisted-web@twistedmatrix.com",
        paths=[str(twisted_web / "2005-November.txt")],
    )
    thread = Thread.objects.order_by("-message_count", "key").first()
    message = thread.messages.order_by("position").first()
    urls = [
        "/lists/",
        "/lists/twisted-web/",
        "/lists/twisted-web/2005/11/",
        f"/lists/twisted-web/t/{thread.key}/",
        f"/lists/twisted-web/m/{message.key}/",
        f"/lists/twisted-web/m/{message.key}/raw/",
        f"/lists/twisted-web/author/{message.from_addr}/",
        "/lists/twisted-web/search/?q=nevow",
        "/lists/search/?q=nevow&from=2005-01-01&to=2005-12-31",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    with django_assert_max_num_queries(12):
        client.get(f"/lists/twisted-web/t/{thread.key}/")
    with django_assert_max_num_queries(12):
        client.get("/lists/twisted-web/")
    raw = client.get(f"/lists/twisted-web/m/{message.key}/raw/")
    assert (
        raw["Content-Type"].startswith("text/plain") and raw["X-Content-Type-Options"] == "nosniff"
    )
    assert client.get("/lists/twisted-web/t/nope/").status_code == 404
    assert client.get("/lists/no-such-list/").status_code == 404
    listing = client.get("/lists/twisted-web/").content.decode()
    assert "Dormant" in listing  # the last message is from 2005


def test_placeholder_parents_are_shown(client: Client, tmp_path: Path) -> None:
    mbox = tmp_path / "x.mbox"
    mbox.write_bytes(
        b"From a@x Mon Jan  1 00:00:00 2001\nFrom: a@x\nSubject: Re: gone\nMessage-ID: <b@x>\n"
        b"In-Reply-To: <missing@x>\nDate: Mon, 1 Jan 2001 00:00:00 +0000\n\nfirst reply\n\n"
        b"From c@x Mon Jan  1 00:00:00 2001\nFrom: c@x\nSubject: Re: gone\nMessage-ID: <c@x>\n"
        b"References: <missing@x>\nDate: Mon, 1 Jan 2001 01:00:00 +0000\n\nsecond reply\n"
    )
    do_import_archive(actor=OPERATOR, list_address="x@example.org", paths=[str(mbox)])
    [thread] = Thread.objects.all()
    assert thread.root_message_id == "missing@x" and thread.message_count == 2
    page = client.get(f"/lists/x/t/{thread.key}/").content.decode()
    assert "missing@x" in page and "first reply" in page and "second reply" in page
    assert MailingList.objects.get().slug == "x"
