"""The WTPF's whole life, dated relative to `today` (the clock is passed in, so the demo is
always current): a preparatory period with inputs, a draft Opinion citing them, amendments
accepted and rejected, a forum discussion, a consensus call concluded by the chair with an
objection addressed and a minority statement, the Opinion adopted, and a follow-up phase (the
current one) with actions and progress notes. Everything goes through the apps' actions, each
step skipped when already there.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from roundtable.contributions.actions import do_open_call, do_submit_contribution
from roundtable.contributions.models import CallForInput, Contribution
from roundtable.decisions.actions import do_conclude_adoption, do_open_adoption
from roundtable.decisions.models import Adoption, Outcome
from roundtable.decisions.outcomes import do_add_follow_up, do_note_progress
from roundtable.decisions.positions import (
    do_add_minority_statement,
    do_mark_objection,
    do_take_position,
)
from roundtable.drafting.actions import do_create_document, do_publish_version
from roundtable.drafting.amendment_actions import (
    do_accept_amendment,
    do_propose_amendment,
    do_reject_amendment,
)
from roundtable.drafting.authority import decide_for
from roundtable.drafting.models import Amendment, Document
from roundtable.drafting.paragraph_actions import do_cite_contribution
from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_add_phase, do_update_process
from roundtable.processes.models import Process
from roundtable.stakeholders.models import Delegation, Organisation

from .languages import load_authentic_versions, load_languages
from .languages_draft import load_outdated_draft
from .people import ACTOR

# (kind, title, first day, last day) in days from today: the adoption is over, follow-up is now.
PHASES = [
    ("drafting", "Preparatory period", -70, -31),
    ("exchange-of-views", "Forum discussion", -30, -23),
    ("adoption", "Adoption of the Opinions", -22, -20),
    ("follow-up", "Follow-up of the Opinions", -19, 90),
]

DRAFT_OPINION = """The World Telecommunication Policy Forum,

Recognising that the participation of all stakeholders strengthens the legitimacy of the
Forum's opinions,

Invites the Secretary-General to open the preparatory process of the next Forum to every
accredited stakeholder group, on the basis of contributions received,

Encourages Member States and Sector Members to support a predictable environment for
investment in Internet infrastructure."""

INPUTS = [
    # email, delegation, organisation, title, body, day
    ("bertrand@example.org", "france", None, "Multistakeholder modalities at the ITU",
     "The forum can be **reconstituted on a multistakeholder basis** without changing "
     "the ITU instruments.", -66),
    ("globaltel@example.org", None, "globaltel", "Investment and the policy forum",
     "Sector Members ask for a predictable environment for investment.", -64),
]  # fmt: skip


def moment(today: date, days: int, hour: int = 12) -> datetime:
    day = today + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def load_wtpf(wtpf: Process, people: dict[str, Any], created: dict[str, int], today: date) -> None:
    if not wtpf.phases.exists():
        do_update_process(
            actor=ACTOR, process=wtpf, topics=["internet-public-policy"],
            alternative_modalities=["itu-wtpf-multistakeholder"],
            summary="A WTPF on Internet-related public policy. Viewed under itu-wtpf-multistakeholder "
            "it shows what a forum reconstituted on a multistakeholder basis would allow.",
        )  # fmt: skip
        for kind, title, first, last in PHASES:
            do_add_phase(
                actor=ACTOR, process=wtpf, kind=kind, title=title,
                starts_on=today + timedelta(days=first), ends_on=today + timedelta(days=last),
                description="Contributions feed the Secretary-General's report and draft Opinions."
                if kind == "drafting" else "",
            )  # fmt: skip
    if not CallForInput.objects.filter(process=wtpf).exists():
        call = do_open_call(
            actor=ACTOR, process=wtpf, title="Contributions to the Secretary-General's report",
            opens_at=moment(today, -70, 0), closes_at=moment(today, -30, 0),
        )  # fmt: skip
        for email, delegation, organisation, title, body, day in INPUTS:
            do_submit_contribution(
                actor=Actor.person(people[email]), call=call, title=title, body=body, language="en",
                delegation=Delegation.objects.get(venue=wtpf.venue, slug=delegation) if delegation else None,
                organisation=Organisation.objects.get(slug=organisation) if organisation else None,
                now=moment(today, day),
            )  # fmt: skip
            created["contributions"] += 1
    document = _load_draft(wtpf, people, today)
    load_languages(document, people["itu-secretariat@example.org"], today)
    _load_amendments(document, people, today)
    _load_adoption(document, people, today)
    load_authentic_versions(document, people["itu-secretariat@example.org"], today)
    load_outdated_draft(wtpf, people, today)


def _load_draft(wtpf: Process, people: dict[str, Any], today: date) -> Document:
    """The secretariat's draft opinion, its paragraphs citing the inputs that shaped them."""
    found = Document.objects.filter(process=wtpf, slug="draft-opinion-1").first()
    if found is not None:
        return found
    secretariat = people["itu-secretariat@example.org"]
    document = do_create_document(
        actor=Actor.person(secretariat), process=wtpf, slug="draft-opinion-1",
        title="Draft Opinion 1: participation of all stakeholders", source=DRAFT_OPINION,
        now=moment(today, -55, 9),
    )  # fmt: skip
    version = do_publish_version(
        actor=Actor.person(secretariat),
        document=document,
        note="First draft",
        now=moment(today, -55, 10),
    )
    pids = list(version.paragraphs.order_by("number").values_list("pid", flat=True))
    inputs = {c.title: c for c in Contribution.objects.filter(call__process=wtpf)}
    for pid, title in [(pids[2], INPUTS[0][3]), (pids[3], INPUTS[1][3])]:
        if title in inputs:
            do_cite_contribution(
                actor=Actor.person(secretariat), document=document, pid=pid, contribution=inputs[title],
                note="Drafted from this input.",
            )  # fmt: skip
    return document


def _load_amendments(document: Document, people: dict[str, Any], today: date) -> None:
    """France's amendment is accepted (a second version); GlobalTel's deletion is rejected."""
    if document.amendments.exists():
        return
    first = document.versions.get(number=1)
    pids = list(first.paragraphs.order_by("number").values_list("pid", flat=True))
    accepted = do_propose_amendment(
        actor=Actor.person(people["bertrand@example.org"]), version=first, kind=Amendment.Kind.REPLACE,
        pid=pids[2], group="government",
        text="Invites the Secretary-General to open the preparatory process of the next Forum "
        "to every accredited stakeholder group, on the basis of contributions received and "
        "published in the six official languages,",
        rationale="Contributions should be readable by every participant.",
        now=moment(today, -45),
    )  # fmt: skip
    rejected = do_propose_amendment(
        actor=Actor.person(people["globaltel@example.org"]), version=first, kind=Amendment.Kind.DELETE,
        pid=pids[1], text="", group="private-sector",
        rationale="The recital adds nothing to the operative paragraphs.",
        now=moment(today, -44),
    )  # fmt: skip
    secretariat = people["itu-secretariat@example.org"]
    do_accept_amendment(
        actor=Actor.person(secretariat), amendment=accepted, reason="Agreed in the preparatory meeting.",
        now=moment(today, -40),
    )  # fmt: skip
    do_reject_amendment(
        actor=Actor.person(secretariat), amendment=rejected,
        reason="The recital states why the Forum invites wider participation; it stays.",
    )  # fmt: skip


def _standing(user: Any, process: Process, when: datetime) -> Any:
    return decide_for(Actor.person(user), right="decide", process=process, now=when).standing


def _load_adoption(document: Document, people: dict[str, Any], today: date) -> None:
    """The consensus call of the adoption phase, concluded; then the follow-up."""
    process = document.process
    chair = Actor.person(people["chair@example.org"])
    if not Adoption.objects.filter(document=document).exists():
        adoption = do_open_adoption(
            actor=chair, document=document, closes_at=moment(today, -21, 17),
            now=moment(today, -22, 9),
        )  # fmt: skip
        for email, position, text, hour in [
            ("bertrand@example.org", "support", "", 10),
            ("globaltel@example.org", "support", "", 11),
            ("dick@example.org", "object",
             "The Forum should not invite the Secretary-General to change who takes part in "
             "its preparatory process: that is for the Plenipotentiary Conference.", 12),
        ]:  # fmt: skip
            when = moment(today, -22, hour)
            do_take_position(
                actor=Actor.person(people[email]), adoption=adoption, position=position, text=text,
                standing=_standing(people[email], process, when), now=when,
            )  # fmt: skip
        objection = adoption.positions.get(position="object")
        do_mark_objection(
            actor=chair, position=objection, addressed=True,
            note="Discussed in the forum: the Opinion invites, it does not decide; the "
            "Plenipotentiary Conference keeps its say.",
        )  # fmt: skip
        do_conclude_adoption(
            actor=chair, adoption=adoption, designation="consensus",
            note="One objection, addressed in the discussion; the United States attach a "
            "minority statement.",
            now=moment(today, -20, 10),
        )  # fmt: skip
        when = moment(today, -20, 15)
        do_add_minority_statement(
            actor=Actor.person(people["dick@example.org"]), adoption=adoption,
            standing=_standing(people["dick@example.org"], process, when), now=when,
            text="The United States join the consensus on the Opinion's aims but maintain "
            "that the composition of ITU meetings is for the Plenipotentiary Conference.",
        )  # fmt: skip
    outcome = Outcome.objects.filter(document=document).first()
    if outcome is None or outcome.follow_ups.exists():
        return
    secretariat = Actor.person(people["itu-secretariat@example.org"])
    pids = list(outcome.version.paragraphs.order_by("number").values_list("pid", flat=True))  # type: ignore[union-attr]
    for title, owner, due, pid, notes in [
        ("Open the next preparatory process to every accredited stakeholder group",
         "ITU Secretary-General", 60, pids[2],
         [(-12, "in-progress", "Consultation of the Council Working Group started."),
          (-3, "in-progress", "Draft procedures circulated to Member States and Sector Members.")]),
        ("Publish the contributions in the six official languages", "ITU secretariat", 30,
         pids[2], [(-5, "done", "All contributions of this Forum are translated and online.")]),
        ("Report on investment in Internet infrastructure", "ITU-D Bureau", 120, pids[3], []),
    ]:  # fmt: skip
        follow_up = do_add_follow_up(
            actor=secretariat, outcome=outcome, title=title, owner=owner,
            due_on=today + timedelta(days=due), paragraphs=[pid], now=moment(today, -19),
        )  # fmt: skip
        for day, status, text in notes:
            do_note_progress(
                actor=secretariat, follow_up=follow_up, text=text, status=status,
                now=moment(today, day),
            )  # fmt: skip
