"""The key pages with real data: the demo loader, plus an adoption concluded through the actions.

`key_pages()` returns {name: path} for every page the layout and accessibility tests visit.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from roundtable.contributions.models import CallForInput, Contribution
from roundtable.decisions import actions as decisions
from roundtable.decisions import positions
from roundtable.decisions.models import Outcome
from roundtable.drafting.actions import do_publish_version, do_save_draft
from roundtable.drafting.models import Document
from roundtable.lists.models import MailingList, Message, Thread
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import file_statements, member, published_document, world

LONG_WORD = "https://example.org/" + "a-very-long-address-without-spaces-" * 6


def load_key_pages() -> tuple[dict[str, str], Any]:
    """Load the data; return the pages and a signed-in person who sees the chair's controls."""
    call_command("demo", verbosity=0)
    w = world(modality="icann-gnso-pdp-wg")
    alice = member(w, "alice@example.org", "member", name="Alice")
    file_statements(w, alice)  # a GNSO statement of interest is needed to take a position
    document = published_document(w)
    do_save_draft(
        actor=Actor.person(w.secretariat),
        document=document,
        source=document.versions.get().source + f"\n\nA long address: {LONG_WORD}",
    )
    do_publish_version(actor=Actor.person(w.secretariat), document=document, note="Second version")
    adoption = decisions.do_open_adoption(
        actor=Actor.person(w.chair), document=document, closes_at=timezone.now() + timedelta(days=2)
    )
    positions.check_take_position(actor=Actor.person(alice), adoption=adoption, position="support")
    decisions.do_close_window(actor=Actor.person(w.chair), adoption=adoption)
    decisions.do_conclude_adoption(
        actor=Actor.person(w.chair), adoption=adoption, designation="consensus"
    )
    outcome = Outcome.objects.get(adoption=adoption)

    wtpf_call = CallForInput.objects.filter(process__slug="wtpf").order_by("pk").first()
    contribution = Contribution.objects.order_by("pk").first()
    demo_document = Document.objects.get(slug="draft-opinion-1")
    mailing_list = MailingList.objects.order_by("pk").first()
    thread = Thread.objects.filter(mailing_list=mailing_list).order_by("pk").first()
    message = Message.objects.filter(mailing_list=mailing_list).order_by("pk").first()
    assert wtpf_call and contribution and mailing_list and thread and message
    pages = {
        "home": "/",
        "venue": "/venues/itu/",
        "process": "/venues/itu/wtpf/",
        "call": f"/calls/{wtpf_call.pk}/",
        "contribution": f"/contributions/{contribution.pk}/",
        "document": f"/documents/{demo_document.pk}/",
        "document-2": f"/documents/{document.pk}/",
        "redline": f"/documents/{document.pk}/redline/?from=1&to=2",
        "adoption": f"/adoptions/{adoption.pk}/",
        "outcome": f"/outcomes/{outcome.pk}/",
        "lists": "/lists/",
        "list": f"/lists/{mailing_list.slug}/",
        "thread": f"/lists/{mailing_list.slug}/t/{thread.key}/",
        "message": f"/lists/{mailing_list.slug}/m/{message.key}/",
        "sign-in": "/accounts/login/",
        "404": "/no/such/page/",
    }
    return pages, w.chair
