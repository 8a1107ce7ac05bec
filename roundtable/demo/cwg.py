"""The demo's ITU CWG-Internet process (issue 9): Member States only, with an open
consultation anyone may read and a document for Member States only, so the public and a
Member State see different things (roundtable/processes/reading.py decides).

Kept apart from world.py so the demo world can be reworked without touching this part; the
demo command calls `load_cwg()` after `load_demo()` (it needs the ITU venue and its people).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from roundtable.contributions.actions import do_open_call, do_submit_contribution
from roundtable.contributions.models import CallForInput
from roundtable.drafting.actions import do_create_document, do_publish_version
from roundtable.drafting.models import Document
from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_add_phase, do_create_process, do_update_process
from roundtable.processes.models import Process
from roundtable.venues.models import Venue

ACTOR = Actor.operator("demo-loader")
VENUE = "itu"
SLUG = "cwg-internet"
MODALITY = "itu-cwg-internet"
SECRETARIAT = "itu-secretariat@example.org"
MEMBERS_DOCUMENT = "draft-report-to-council"
PUBLIC_DOCUMENT = "consultation-questions"

QUESTIONS = """The Council Working Group on international Internet-related public policy issues
invites all stakeholders to respond to the following questions.

What are the main obstacles to meaningful Internet connectivity in developing countries?

Which policy approaches have helped to bring affordable connectivity to those still offline?"""

DRAFT_REPORT = """Report of the Working Group to Council (draft for Member States).

The Group held its open consultation and received inputs from all stakeholder groups.

The Group considered the inputs received and agreed to continue its exchange of views at its
next meeting.

Member States are invited to send comments on this draft to the secretariat."""


def _user(email: str) -> Any:
    return get_user_model().objects.filter(username=email).first()


def _moment(days: int) -> datetime:
    today = timezone.now().date()
    return datetime.combine(today + timedelta(days=days), datetime.min.time(), tzinfo=UTC)


def load_cwg() -> dict[str, int]:
    """The CWG-Internet process, its phases, open consultation and documents (idempotent)."""
    created = {"processes": 0, "contributions": 0, "documents": 0}
    venue = Venue.objects.filter(slug=VENUE).first()
    secretariat = _user(SECRETARIAT)
    if venue is None or secretariat is None:
        return created  # the demo world is not loaded: nothing to hang the process on
    with transaction.atomic():
        process = Process.objects.filter(venue=venue, slug=SLUG).first()
        if process is None:
            process = do_create_process(
                actor=ACTOR, venue=venue, slug=SLUG, modality=MODALITY,
                title="Council Working Group on Internet-related public policy issues",
            )  # fmt: skip
            created["processes"] += 1
        if not process.phases.exists():
            do_update_process(
                actor=ACTOR, process=process, topics=["internet-public-policy"],
                summary="Member States only. Everyone may read the open consultation and "
                "submit input to it; the group's working documents are for Member States.",
            )  # fmt: skip
            start = timezone.now().date() - timedelta(days=7)
            do_add_phase(
                actor=ACTOR, process=process, kind="open-consultation",
                title="Online open consultation", starts_on=start,
                ends_on=start + timedelta(days=45),
            )  # fmt: skip
            do_add_phase(
                actor=ACTOR, process=process, kind="exchange-of-views",
                title="Meeting of the group", starts_on=start + timedelta(days=46),
                ends_on=start + timedelta(days=47),
            )  # fmt: skip
        if not CallForInput.objects.filter(process=process).exists():
            call = do_open_call(
                actor=ACTOR, process=process, title="Open consultation on meaningful connectivity",
                opens_at=_moment(-7), closes_at=_moment(38),
                description="Every stakeholder may submit input; the inputs are public.",
            )  # fmt: skip
            author = _user("bill@example.org")
            if author is not None:
                do_submit_contribution(
                    actor=Actor.person(author), call=call, language="en",
                    title="Community networks and meaningful connectivity",
                    body="Licensing community networks would connect many of those offline.",
                )  # fmt: skip
                created["contributions"] += 1
        for slug, title, source, audience in (
            (PUBLIC_DOCUMENT, "Questions of the open consultation", QUESTIONS, "public"),
            (MEMBERS_DOCUMENT, "Draft report to Council (Member States only)", DRAFT_REPORT,
             "members"),
        ):  # fmt: skip
            if Document.objects.filter(process=process, slug=slug).exists():
                continue
            document = do_create_document(
                actor=Actor.person(secretariat), process=process, slug=slug, title=title, source=source,
                audience=audience,
            )  # fmt: skip
            do_publish_version(
                actor=Actor.person(secretariat), document=document, note="First version"
            )
            created["documents"] += 1
    return created
