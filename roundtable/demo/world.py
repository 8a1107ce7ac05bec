"""The founding document's world, loaded through real actions so it is audited like any data.

`load_world` makes the venues and processes; `load_demo` adds on top of it the people
(people.py), the IGF stock-taking of February 2007 with its inputs, the WTPF's whole life
dated relative to today (wtpf.py), a GNSO Council vote (gnso.py) and the EU AI Act
consultation's 304 real feedbacks (consultation.py). Everything is idempotent: what exists already
(by slug or email) is left as it is. Further loaders (e.g. a CWG) plug into `load_demo` the
same way: a function of the venues, the people and the clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from roundtable.contributions.actions import do_comment, do_open_call, do_submit_contribution
from roundtable.contributions.models import Contribution
from roundtable.permissions.actor import Actor
from roundtable.processes.actions import (
    do_add_phase,
    do_create_process,
    do_create_venue,
    do_update_process,
)
from roundtable.processes.models import Process
from roundtable.stakeholders.models import Organisation
from roundtable.venues.models import Venue

from .agreement import load_igf_agreement
from .coalitions import load_coalitions
from .consultation import load_consultation, load_eu_venue
from .gnso import load_gnso
from .meetings import load_igf_consultation, load_netmundial
from .people import ACTOR, DEMO_PASSWORD, load_people
from .wtpf import load_wtpf

VENUES: list[dict[str, Any]] = [
    {
        "slug": "igf",
        "name": "Internet Governance Forum",
        "description": "Multistakeholder forum with no decision-making capacity (Tunis Agenda §72, §77).",
        "default_modality": "igf-open-consultation",
        "automatic_accreditation": ["ecosoc-status"],
    },
    {
        "slug": "itu",
        "name": "International Telecommunication Union",
        "description": "Member States and Sector Members; the World Telecommunication Policy Forum.",
        "default_modality": "itu-wtpf",
        "automatic_accreditation": ["ecosoc-status", "itu-sector-member"],
    },
    {
        "slug": "mmwg",
        "name": "Multistakeholder Modalities Working Group",
        "description": "The MMWG mailing list where the founding thread of this project was written.",
        "default_modality": "open-mailing-list",
    },
    {
        "slug": "icann",
        "name": "ICANN",
        "description": "The GNSO Council manages the generic names policy development process.",
        "default_modality": "icann-gnso-council",
    },
]

PROCESSES = [
    ("igf", "stock-taking-2007", "IGF stock-taking, February 2007", "igf-open-consultation"),
    ("itu", "wtpf", "World Telecommunication Policy Forum", "itu-wtpf"),
    ("mmwg", "modalities", "Multistakeholder modalities", "open-mailing-list"),
    ("icann", "gnso-council", "GNSO Council", "icann-gnso-council"),
]

# From the founding email (Avri Doria to the MMWG list, 23 November 2006).
STOCK_TAKING_AGENDA = [
    "Assessment of the first IGF",
    "Recommendations for future IGF meeting process",
    "Discussion regarding the future of the advisory groups",
    "Ideas for interim processes",
]


def load_world() -> dict[str, int]:
    created = {"venues": 0, "processes": 0}
    with transaction.atomic():
        venues = {}
        for spec in VENUES:
            venue = Venue.objects.filter(slug=spec["slug"]).first()
            if venue is None:
                venue = do_create_venue(actor=ACTOR, **spec)
                created["venues"] += 1
            venues[venue.slug] = venue
        for venue_slug, slug, title, modality in PROCESSES:
            venue = venues[venue_slug]
            if not Process.objects.filter(venue=venue, slug=slug).exists():
                do_create_process(
                    actor=ACTOR, venue=venue, slug=slug, title=title, modality=modality
                )
                created["processes"] += 1
    return created


def _moment(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _load_igf(venues: dict[str, Venue], people: dict[str, Any], created: dict[str, int]) -> None:
    igf = Process.objects.get(venue=venues["igf"], slug="stock-taking-2007")
    if not igf.phases.exists():
        do_update_process(
            actor=ACTOR, process=igf,
            topics=["igf-stock-taking", "multistakeholder-modalities"],
            summary="Stock-taking of the first IGF in Geneva: the MAG meets on 12 February 2007, "
            "open consultations follow on the 13th, with translation into the six UN languages.",
        )  # fmt: skip
        do_add_phase(
            actor=ACTOR, process=igf, kind="exchange-of-views", title="MAG stock-taking meeting",
            starts_on=date(2007, 2, 12), ends_on=date(2007, 2, 12), tentative=True,
            modality="igf-mag", day="mag-day", agenda=STOCK_TAKING_AGENDA,
        )  # fmt: skip
        do_add_phase(
            actor=ACTOR, process=igf, kind="open-consultation", title="Open consultations",
            starts_on=date(2007, 2, 13), ends_on=date(2007, 2, 13), tentative=True,
            modality="igf-open-consultation", day="open-consultation-day",
            agenda=STOCK_TAKING_AGENDA,
            description="Interpretation into the six UN languages.",
        )  # fmt: skip
    if not igf.calls.exists():
        call = do_open_call(
            actor=ACTOR, process=igf, title="Inputs to the February stock-taking",
            opens_at=_moment(date(2006, 11, 23), 9), closes_at=_moment(date(2007, 2, 14), 0),
            description="Written inputs ahead of the open consultations of 13 February 2007.",
        )  # fmt: skip
        inputs = [
            ("bill@example.org", "civil-society-caucus", "Assessment of the first IGF",
             "The first IGF showed that **open dialogue** works. We ask for:\n\n"
             "- transcripts in all six UN languages\n- remote participation in every session"),
            ("registry@example.org", "example-registry", "Remote participation at the next IGF",
             "Remote participants should queue *on the same list* as those in the room."),
            ("avri@example.org", None, "Interim processes and the MMWG",
             "Between meetings the [MMWG list](https://example.org/mmwg) can prepare the "
             "modalities discussion in a multistakeholder format."),
            ("unesco@example.org", "unesco", "Action lines and multistakeholder modalities",
             "The facilitation meetings on the Action Lines show the same need for modalities."),
        ]  # fmt: skip
        for index, (email, organisation, title, body) in enumerate(inputs):
            made = do_submit_contribution(
                actor=Actor.person(people[email]), call=call, title=title, body=body, language="en",
                organisation=Organisation.objects.get(slug=organisation) if organisation else None,
                now=_moment(date(2007, 1, 10 + index)),
            )  # fmt: skip
            created["contributions"] += 1
            if index == 0:
                do_comment(
                    actor=Actor.person(people["professor@example.org"]), contribution=made,
                    body="Agreed: remote participation is what made the first IGF open.",
                )  # fmt: skip


def load_demo(today: date | None = None) -> dict[str, int]:
    """The world plus its people, phases, calls, contributions, drafts and decisions
    (idempotent). `today` dates the WTPF and the GNSO Council (default: today)."""
    today = today or timezone.now().date()
    created = load_world()
    created.update({"participants": 0, "contributions": 0})
    with transaction.atomic():
        eu = load_eu_venue(created)
        venues = {v.slug: v for v in Venue.objects.all()}
        people = load_people(venues, created)
        _load_igf(venues, people, created)
        load_wtpf(Process.objects.get(venue=venues["itu"], slug="wtpf"), people, created, today)
        load_gnso(Process.objects.get(venue=venues["icann"], slug="gnso-council"), people, today)
        load_consultation(eu, people, created)
        load_igf_consultation(people)
        load_netmundial(today)
        load_igf_agreement(people)
        load_coalitions(venues["igf"], people, today)
    return created


__all__ = ["ACTOR", "DEMO_PASSWORD", "Contribution", "load_demo", "load_world"]
