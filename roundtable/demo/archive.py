"""The founding thread in the MMWG list archive, when the shared seed folder is at hand.

The seed lives outside the repository (`../shared/seed/`), read in place; a checkout without
it simply has an empty MMWG archive. Importing again stores nothing new (duplicates).

The seed is the HTML body of one message, without headers: its sender and date are recorded
by the curator's action from what the text itself shows (see `SEED_FROM_NAME`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from roundtable.lists.actions import ImportResult, do_ensure_list, do_import_archive, do_place_list
from roundtable.lists.curation import do_attribute_message
from roundtable.lists.models import MailingList, Message, Subscription
from roundtable.lists.subscriptions import do_confirm, do_subscribe
from roundtable.permissions.actor import Actor
from roundtable.processes.models import Process
from roundtable.venues.models import Venue

MMWG_LIST = "mmwg@wsis-cs.org"


def seed_dir() -> Path:
    return (Path(settings.REPO_DIR) / ".." / "shared" / "seed").resolve()


# What the seed shows of its sender and date, and where it comes from. The sender signs "Bill"
# and writes of attending the WTPF within the US delegation: Bill Drake, per the founding
# thread. The file has no date: it replies to (and quotes) Bertrand de La Chapelle's message
# "Date: Thu, 23 Nov 2006 11:08:11 +0200", so it was written no earlier than that moment;
# the day it was sent is not known, and no more precise date is recorded.
SEED_SUBJECT = "Re: [Mmwg] Update on upcoming IGF consultations"
SEED_FROM_NAME = "Bill Drake"
SEED_NOT_BEFORE = datetime(2006, 11, 23, 9, 8, 11, tzinfo=UTC)  # 11:08:11 +0200
SEED_NOTE = (
    "sender from the signature “Bill” (Bill Drake); date unknown, not before the "
    "quoted message of Thu, 23 Nov 2006 11:08:11 +0200 to which it replies"
)


# Members of the MMWG list in the demo: Bill posts (bill@example.org), Avri moderates (her
# `moderator` role at the mmwg venue); every other address is a non-member whose posts wait.
MMWG_MEMBERS = ("bill@example.org", "avri@example.org")


def load_mmwg_list(*, actor: Actor) -> MailingList:
    """The MMWG list, placed in the mmwg venue's process, with its members (idempotent)."""
    mailing_list = do_ensure_list(actor=actor, address=MMWG_LIST, name="MMWG")
    venue = Venue.objects.filter(slug="mmwg").first()
    process = Process.objects.filter(venue=venue, slug="modalities").first() if venue else None
    if mailing_list.venue_id != (venue.pk if venue else None):
        do_place_list(actor=actor, mailing_list=mailing_list, venue=venue, process=process)
    for email in MMWG_MEMBERS:
        if Subscription.objects.filter(mailing_list=mailing_list, email=email).exists():
            continue
        request = do_subscribe(actor=actor, mailing_list=mailing_list, email=email)
        if not request.done:
            do_confirm(actor=actor, token=request.token)
    return mailing_list


def load_seed_archive(*, actor: Actor) -> ImportResult | None:
    seeds = sorted(str(p) for p in seed_dir().glob("*.txt"))
    if not seeds:
        return None
    result = do_import_archive(actor=actor, list_address=MMWG_LIST, paths=seeds, workers=1)
    seed = Message.objects.filter(
        mailing_list__address=MMWG_LIST, subject=SEED_SUBJECT, from_name="", from_addr=""
    ).first()
    if seed is not None:
        do_attribute_message(
            actor=actor,
            message=seed,
            note=SEED_NOTE,
            from_name=SEED_FROM_NAME,
            not_before=SEED_NOT_BEFORE,
        )
    return result
