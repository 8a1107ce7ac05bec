"""Three IGF dynamic coalitions, dated from the demo's `today`: one active (its report filed,
its list busy, its charter published through the members' consensus call with a minority
statement from a private-sector member), one whose report is overdue (its list
busy), one inactive (no report, its list quiet for more than a year). Founded, approved,
joined and reported through the coalitions app's actions; their list messages are imported as
an mbox through the lists app, like any archive."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from roundtable.coalitions.actions import (
    Founder,
    do_file_report,
    do_join,
    do_request_founding,
    do_review_founding,
    do_set_report_date,
)
from roundtable.coalitions.models import Coalition
from roundtable.decisions.actions import do_conclude_adoption, do_open_adoption
from roundtable.decisions.positions import (
    do_add_minority_statement,
    do_mark_objection,
    do_take_position,
)
from roundtable.drafting.actions import do_create_document, do_publish_version
from roundtable.drafting.authority import require_for
from roundtable.lists.actions import do_import_archive
from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_add_phase
from roundtable.processes.models import Process
from roundtable.stakeholders.models import StakeholderGroup
from roundtable.venues.models import Venue

from .people import ACTOR

SECRETARIAT = "igf-secretariat@example.org"
# Published on the coalition's page: no one's address (the demo's crawl test checks).
CONTACTS = "The coordinators, through the coalition's mailing list."

# name, founders (email, group), days before today: founded, report filed (None: none),
# list messages; the joiners (email, group).
COALITIONS: list[dict[str, Any]] = [
    {
        "name": "Dynamic Coalition on Internet Rights and Principles",
        "need": "Human rights apply online; the Internet's principles need a shared statement.",
        "plan": "Draft a charter of Internet rights and principles, open to every member.",
        "founders": [("bill@example.org", "civil-society"), ("bertrand@example.org", "government"),
                     ("registry@example.org", "technical-community")],
        "founded": 300, "report": 40, "messages": [200, 60, 10],
        "joiners": [("professor@example.org", "academia"), ("globaltel@example.org", "private-sector")],
        "output": True,
    },
    {
        "name": "Dynamic Coalition on Accessibility and Disability",
        "need": "Persons with disabilities are left out of Internet governance meetings.",
        "plan": "Guidelines for accessible meetings and remote participation.",
        "founders": [("avri@example.org", "civil-society"), ("unesco@example.org", "intergovernmental"),
                     ("professor@example.org", "academia")],
        "founded": 420, "report": None, "messages": [120, 15],
        "joiners": [],
        "output": False,
    },
    {
        "name": "Dynamic Coalition on Open Standards",
        "need": "Open standards keep the Internet interoperable.",
        "plan": "A yearly survey of open standards in public procurement.",
        "founders": [("registry@example.org", "technical-community"),
                     ("globaltel@example.org", "private-sector"), ("bill@example.org", "civil-society")],
        "founded": 800, "report": 480, "messages": [700, 500],
        "joiners": [],
        "output": False,
    },
]  # fmt: skip

CHARTER = """The Charter of Human Rights and Principles for the Internet

Every person has the right to access the Internet, on equal terms.

The Internet's architecture stays open, interoperable and decentralised."""

OBJECTION = "The charter should not prescribe how networks are managed."
MINORITY = (
    "Private sector members support the charter's rights but not its second principle as "
    "written: a charter should not prescribe network management, which changes with the "
    "technology."
)


def _at(today: date, days: int) -> datetime:
    day = today - timedelta(days=days)
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _mbox(coalition: Coalition, today: date, days: list[int], folder: Path) -> Path:
    address = coalition.mailing_list.address if coalition.mailing_list else ""
    entries = []
    for n, ago in enumerate(days):
        moment = _at(today, ago)
        entries.append(
            f"From demo@example.org {moment:%a %b %d %H:%M:%S %Y}\n"
            f"From: Coalition member <member{n}@example.org>\nTo: {address}\n"
            f"Subject: {coalition.name}: news {n + 1}\nDate: {format_datetime(moment)}\n"
            f"Message-ID: <{coalition.slug}-{n}@demo.example.org>\n\n"
            f"News {n + 1} of the coalition's work.\n"
        )
    path = folder / f"{coalition.slug}.mbox"
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def load_coalitions(venue: Venue, people: dict[str, Any], today: date) -> None:
    """Idempotent: a coalition already there (by name) is left as it is."""
    groups = {g.slug: g for g in StakeholderGroup.objects.all()}
    if not venue.coalition_dates.exists():
        do_set_report_date(
            actor=_person(people, SECRETARIAT), venue=venue, due_on=today - timedelta(days=20)
        )
    with tempfile.TemporaryDirectory() as folder:
        for spec in COALITIONS:
            if Coalition.objects.filter(venue=venue, name=spec["name"]).exists():
                continue
            founded = _at(today, spec["founded"])
            first, *_rest = spec["founders"]
            coalition = do_request_founding(
                actor=_person(people, first[0]), venue=venue, name=spec["name"],
                statement_of_need=spec["need"], action_plan=spec["plan"],
                contacts=CONTACTS, now=founded,
                founders=[Founder(people[e], groups[g]) for e, g in spec["founders"]],
            )  # fmt: skip
            coalition = do_review_founding(
                actor=_person(people, SECRETARIAT), coalition=coalition, approve=True, now=founded
            )
            for email, group in spec["joiners"]:
                do_join(actor=_person(people, email), coalition=coalition, group=groups[group],
                        now=founded + timedelta(days=30))  # fmt: skip
            if spec["report"] is not None:
                do_file_report(
                    actor=_person(people, first[0]), coalition=coalition,
                    text="We met four times, published a draft and took part in the IGF.",
                    now=_at(today, spec["report"]),
                )  # fmt: skip
            if coalition.mailing_list is None:  # approval made it; a guard for the type
                continue
            mbox = _mbox(coalition, today, spec["messages"], Path(folder))
            do_import_archive(
                actor=ACTOR, list_address=coalition.mailing_list.address, paths=[str(mbox)],
                workers=1,
            )  # fmt: skip
            if spec["output"] and coalition.process is not None:
                _charter(coalition.process, people, today)


def _charter(process: Process, people: dict[str, Any], today: date) -> None:
    """The coordinator drafts and publishes the charter, calls for the members' rough consensus
    for 15 days (the modality's 14 at least), a government member supports it, a private-sector
    member objects and attaches a minority statement; the coordinator records the objection as
    addressed (not accommodated) and concludes: a non-binding outcome carrying that view."""
    coordinator = _person(people, "bill@example.org")
    do_add_phase(
        actor=_person(people, SECRETARIAT), process=process, kind="adoption",
        title="Consensus call on the charter", starts_on=today - timedelta(days=80),
        ends_on=today - timedelta(days=50),
    )  # fmt: skip
    document = do_create_document(
        actor=coordinator, process=process, slug="charter",
        title="Charter of Human Rights and Principles for the Internet", source=CHARTER,
        now=_at(today, 100),
    )  # fmt: skip
    do_publish_version(actor=coordinator, document=document, now=_at(today, 90))
    opened = _at(today, 75)
    adoption = do_open_adoption(
        actor=coordinator, document=document, closes_at=opened + timedelta(days=15), now=opened
    )
    for email, position, text in (
        ("bertrand@example.org", "support", ""),
        ("globaltel@example.org", "object", OBJECTION),
    ):
        member, moment = _person(people, email), _at(today, 70)
        # The door gives the member's standing there (with the group said on joining).
        standing = require_for(member, right="decide", process=process, now=moment).standing
        do_take_position(
            actor=member, adoption=adoption, standing=standing, position=position, text=text,
            now=moment,
        )  # fmt: skip
        if text:
            do_add_minority_statement(
                actor=member, adoption=adoption, standing=standing, text=MINORITY, now=moment
            )
            do_mark_objection(
                actor=coordinator, position=adoption.positions.get(position="object"),
                addressed=True, note="Weighed by the members; kept as a minority view.",
            )  # fmt: skip
    do_conclude_adoption(
        actor=coordinator, adoption=adoption, designation="rough-consensus",
        note="Rough consensus of the members; the private sector's view is attached.",
        now=adoption.closes_at + timedelta(hours=1),
    )  # fmt: skip


def _person(people: dict[str, Any], email: str) -> Actor:
    return Actor.person(people[email])
