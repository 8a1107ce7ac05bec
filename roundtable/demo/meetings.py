"""Two meetings for the demo's speaker queue.

- The IGF open consultation of 13 February 2007 (the founding thread: "open consultations on
  the 13th", "translation into the 6 UN languages"): hybrid, interpretation in the six
  languages, one queue with MAG members after the others on an open-consultation day. Three
  speakers from three groups have spoken (so the process's balance shows speaking time per
  group), three still wait.
- A NETmundial-style plenary now, under the netmundial preset: four sector microphones and two
  remote slots of two minutes, with a remote participant on the floor when the demo starts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from roundtable.meetings.actions import AgendaEntry, do_schedule_meeting
from roundtable.meetings.models import LANGUAGES, Meeting
from roundtable.meetings.queue import check_ask_floor, do_end_floor, do_give_floor
from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_add_phase, do_create_process, do_create_venue
from roundtable.processes.models import Process
from roundtable.stakeholders.accounts import do_register_participant
from roundtable.stakeholders.actions import do_decide_accreditation, do_request_accreditation
from roundtable.stakeholders.models import Accreditation, StakeholderGroup
from roundtable.stakeholders.roles import do_grant_role
from roundtable.venues.models import Venue

from .people import ACTOR, DEMO_PASSWORD

# Who spoke before the queue the demo shows, and for how long (seconds): (email, length).
IGF_SPOKEN = [
    ("bertrand@example.org", 420),
    ("globaltel@example.org", 270),
    ("unesco@example.org", 185),
]
IGF_AGENDA = [
    "Assessment of the first IGF",
    "Recommendations for future IGF meeting process",
    "Discussion regarding the future of the advisory groups",
    "Ideas for interim processes",
]

# NETmundial participants: (email, name, stakeholder group).
PLENARY = [
    ("nm-chair@example.org", "NETmundial chair", None),
    ("nm-gov@example.org", "Government delegate (Brazil)", "government"),
    ("nm-cs@example.org", "Civil society speaker", "civil-society"),
    ("nm-ps@example.org", "Private sector speaker", "private-sector"),
    ("nm-tech@example.org", "Technical community speaker", "technical-community"),
    ("nm-remote-hub@example.org", "Remote hub (Nairobi)", "civil-society"),
    ("nm-remote@example.org", "Remote participant (Buenos Aires)", "academia"),
    ("nm-gov2@example.org", "Government delegate (Germany)", "government"),
]


def _person(email: str, name: str) -> Any:
    found = get_user_model().objects.filter(username=email).first()
    return found or do_register_participant(
        actor=Actor.anonymous(), email=email, password=DEMO_PASSWORD, display_name=name,
        verified=True, send_verification=False,
    )  # fmt: skip


def _accredit(user: Any, venue: Venue, group: str) -> None:
    if Accreditation.objects.filter(user=user, venue=venue).exists():
        return
    asked = do_request_accreditation(
        actor=Actor.person(user), venue=venue, group=StakeholderGroup.objects.get(slug=group)
    )
    if asked.status == Accreditation.Status.PENDING:
        do_decide_accreditation(
            actor=ACTOR, accreditation=asked, approve=True, reason="Registered."
        )


def load_igf_consultation(people: dict[str, Any]) -> None:
    process = Process.objects.get(venue__slug="igf", slug="stock-taking-2007")
    if Meeting.objects.filter(process=process).exists():
        return
    meeting = do_schedule_meeting(
        actor=ACTOR, process=process, title="IGF open consultation",
        starts_at=datetime(2007, 2, 13, 9, tzinfo=UTC), ends_at=datetime(2007, 2, 13, 17, tzinfo=UTC),
        time_zone="Europe/Zurich", mode=Meeting.Mode.HYBRID, status=Meeting.Status.CONFIRMED,
        phase=process.phases.filter(kind="open-consultation").first(),
        location="Palais des Nations, Geneva", languages=LANGUAGES,
        day="open-consultation-day", agenda=[AgendaEntry(t) for t in IGF_AGENDA],
    )  # fmt: skip
    start = datetime(2007, 2, 13, 10, tzinfo=UTC)
    for email, seconds in IGF_SPOKEN:
        check_ask_floor(actor=Actor.person(people[email]), meeting=meeting)
        do_give_floor(actor=ACTOR, meeting=meeting, now=start)
        do_end_floor(actor=ACTOR, meeting=meeting, now=start + timedelta(seconds=seconds))
        start += timedelta(seconds=seconds + 30)
    # Avri, a MAG member, asks first; on an open-consultation day the others speak before her.
    for email, remote in [
        ("avri@example.org", False),
        ("registry@example.org", True),
        ("bill@example.org", False),
    ]:
        check_ask_floor(actor=Actor.person(people[email]), meeting=meeting, remote=remote)


def load_netmundial(today: date) -> None:
    venue = Venue.objects.filter(slug="netmundial").first() or do_create_venue(
        actor=ACTOR, slug="netmundial", name="NETmundial",
        description="Global Multistakeholder Meeting on the Future of Internet Governance.",
        default_modality="netmundial",
    )  # fmt: skip
    process = Process.objects.filter(venue=venue, slug="plenary").first()
    if process is not None:
        return
    process = do_create_process(
        actor=ACTOR, venue=venue, slug="plenary", title="NETmundial-style plenary",
        modality="netmundial",
    )  # fmt: skip
    phase = do_add_phase(
        actor=ACTOR, process=process, kind="exchange-of-views", title="Plenary sessions",
        starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=1),
    )  # fmt: skip
    users = {email: _person(email, name) for email, name, _g in PLENARY}
    for email, _name, group in PLENARY:
        if group:
            _accredit(users[email], venue, group)
    do_grant_role(actor=ACTOR, user=users["nm-chair@example.org"], venue=venue, role="chair")
    now = timezone.now()
    meeting = do_schedule_meeting(
        actor=ACTOR, process=process, title="Plenary on the draft statement",
        starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=3),
        time_zone="America/Sao_Paulo", mode=Meeting.Mode.HYBRID, status=Meeting.Status.CONFIRMED,
        phase=phase, location="Grand Hyatt, São Paulo", languages=["en", "es", "fr"],
        agenda=[AgendaEntry("Internet governance principles"), AgendaEntry("Roadmap")],
    )  # fmt: skip
    for email, remote in [
        ("nm-remote-hub@example.org", True),
        ("nm-gov@example.org", False),
        ("nm-cs@example.org", False),
        ("nm-remote@example.org", True),
        ("nm-ps@example.org", False),
        ("nm-tech@example.org", False),
        ("nm-gov2@example.org", False),
    ]:
        check_ask_floor(
            actor=Actor.person(users[email]), meeting=meeting, remote=remote,
            agenda_item=meeting.agenda.first(),
        )  # fmt: skip
    chair = Actor.person(users["nm-chair@example.org"])
    # The rotation: four microphones, then the remote slots; the demo starts in the first
    # remote slot, the four sector microphones having spoken (none of their queues is empty
    # but the governments', which keeps its second speaker for the next round).
    for _turn in range(len(PLENARY)):
        if do_give_floor(actor=chair, meeting=meeting).remote:
            break
