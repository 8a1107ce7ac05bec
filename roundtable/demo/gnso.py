"""A GNSO Council motion carried by a chamber vote at the GNSO Supermajority threshold, dated
relative to `today`: 6 of the 7 Contracted Parties House votes (three quarters of one house)
and 8 of the 13 Non-Contracted Parties House votes (a majority of the other), ICANN Bylaws
11.3(i). The chair opens and concludes the vote; the councilors vote in their house.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from roundtable.decisions.actions import do_conclude_adoption, do_open_adoption
from roundtable.decisions.models import Adoption
from roundtable.decisions.positions import do_take_position
from roundtable.drafting.actions import do_create_document, do_publish_version
from roundtable.drafting.authority import decide_for
from roundtable.drafting.models import Document
from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_add_phase, do_update_process
from roundtable.processes.models import Process

from .people import ACTOR, COUNCILORS, councilor_email
from .wtpf import moment

PHASES = [
    ("exchange-of-views", "Council deliberation on the Final Report", -40, -11),
    ("adoption", "Council vote", -10, -9),
    ("follow-up", "Implementation", -8, 120),
]

MOTION = """Whereas the Expedited Policy Development Process Team delivered its Final Report
to the GNSO Council;

Resolved (1), the GNSO Council adopts the recommendations of the Final Report, which require
a GNSO Supermajority vote to be adopted;

Resolved (2), the GNSO Council recommends the recommendations to the ICANN Board for
adoption."""

# Those not named "no" vote yes; two Non-Contracted seats are empty (not voting counts as no).
NO_VOTES = {"Registrars councilor 3", "Non-commercial councilor 4", "Non-commercial councilor 5",
            "Non-commercial councilor 6"}  # fmt: skip


def load_gnso(process: Process, people: dict[str, Any], today: date) -> None:
    if not process.phases.exists():
        do_update_process(
            actor=ACTOR, process=process, topics=["generic-names-policy"],
            summary="The GNSO Council votes by house on a Final Report whose recommendations "
            "need a GNSO Supermajority (ICANN Bylaws 11.3(i)).",
        )  # fmt: skip
        for kind, title, first, last in PHASES:
            do_add_phase(
                actor=ACTOR, process=process, kind=kind, title=title,
                starts_on=today + timedelta(days=first), ends_on=today + timedelta(days=last),
            )  # fmt: skip
    document = Document.objects.filter(process=process, slug="epdp-final-report-motion").first()
    if document is None:
        staff = people["icann-staff@example.org"]
        document = do_create_document(
            actor=Actor.person(staff), process=process, slug="epdp-final-report-motion",
            title="Motion to adopt the EPDP Final Report", source=MOTION, now=moment(today, -30),
        )  # fmt: skip
        do_publish_version(actor=Actor.person(staff), document=document,
                           note="Motion as filed", now=moment(today, -30, 13))  # fmt: skip
    if Adoption.objects.filter(document=document).exists():
        return
    chair = Actor.person(people["gnso-chair@example.org"])
    adoption = do_open_adoption(
        actor=chair, document=document, procedure="supermajority",
        closes_at=moment(today, -10, 16), now=moment(today, -10, 14),
    )  # fmt: skip
    when = moment(today, -10, 15)
    for name, _house, _group in COUNCILORS:
        user = people[councilor_email(name)]
        standing = decide_for(Actor.person(user), right="vote", process=process, now=when).standing
        do_take_position(
            actor=Actor.person(user), adoption=adoption, standing=standing, now=when,
            position="no" if name in NO_VOTES else "yes",
        )  # fmt: skip
    do_conclude_adoption(
        actor=chair, adoption=adoption, now=moment(today, -10, 17),
        note="Carried with a GNSO Supermajority: three quarters of the Contracted Parties "
        "House and a majority of the Non-Contracted Parties House.",
    )  # fmt: skip
