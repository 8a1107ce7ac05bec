"""Demo: statements on the IGF 2007 stock-taking call, marked by the IGF's accredited demo
people and by more demo participants, enough for one statement of common ground, two that
divide the groups, one still open, and two opinion groups (issue 16, part 4). Four groups have
five voters each, the smallest that is shown on its own (analysis.balance.MIN_CELL); the
intergovernmental (2) and academic (3) voters show the small-group rule: counted together as
"other groups"."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from roundtable.agreement.actions import do_add_statement, do_mark
from roundtable.agreement.models import Statement
from roundtable.contributions.models import CallForInput
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.accounts import do_register_participant
from roundtable.stakeholders.actions import do_decide_accreditation, do_request_accreditation
from roundtable.stakeholders.models import Accreditation, StakeholderGroup

from .people import ACTOR, DEMO_PASSWORD

STATEMENTS = (
    "Transcripts of every session should be published in the six UN languages.",
    "Remote participants should queue on the same list as those in the room.",
    "The MAG should hold some of its meetings in closed session.",
    "Intersessional work should be left to governments between two Forums.",
)
# Extra demo participants, named plainly: (number, group).
VOTERS = (
    (1, "government"), (2, "government"), (3, "government"), (8, "government"),
    (4, "civil-society"), (5, "civil-society"), (9, "civil-society"),
    (6, "private-sector"), (10, "private-sector"), (11, "private-sector"), (12, "private-sector"),
    (7, "technical-community"), (13, "technical-community"), (14, "technical-community"),
    (15, "technical-community"),
    (16, "intergovernmental"),
    (17, "academia"), (18, "academia"),
)  # fmt: skip
# Marks per group on the four statements (a = agree, d = disagree, p = pass); a row per person,
# in the order the group's people are listed (the IGF's own demo people first).
MARKS = {
    "government": ("adpa", "adpa", "adaa", "adpa", "adda"),
    "civil-society": ("aapd", "aapd", "aaad", "aapd", "aadd"),
    "private-sector": ("adpa", "adpa", "adaa", "adpa", "addp"),
    "technical-community": ("aapd", "aapd", "aaad", "aapd", "aadd"),
    "intergovernmental": ("appa", "aapd"),
    "academia": ("aapp", "adap", "aadd"),
}
WORDS = {"a": "agree", "d": "disagree", "p": "pass"}
IGF_PEOPLE = {
    "government": ["bertrand@example.org"],
    "civil-society": ["bill@example.org", "avri@example.org"],
    "private-sector": ["globaltel@example.org"],
    "technical-community": ["registry@example.org"],
    "intergovernmental": ["unesco@example.org"],
    "academia": ["professor@example.org"],
}


def _voter(number: int, group: str, call: CallForInput) -> Any:
    email = f"demo-participant-{number}@example.org"
    user = get_user_model().objects.filter(username=email).first()
    if user is None:
        user = do_register_participant(
            actor=ACTOR, email=email, password=DEMO_PASSWORD,
            display_name=f"Demo participant {number}", verified=True,
        )  # fmt: skip
    venue = call.process.venue
    if not Accreditation.objects.filter(user=user, venue=venue).exists():
        made = do_request_accreditation(
            actor=Actor.person(user), venue=venue, group=StakeholderGroup.objects.get(slug=group),
            statement="Demo participant.",
        )  # fmt: skip
        if made.status == Accreditation.Status.PENDING:
            do_decide_accreditation(
                actor=ACTOR, accreditation=made, approve=True, reason="Documents checked."
            )
    return user


def load_igf_agreement(people: dict[str, Any]) -> None:
    call = CallForInput.objects.get(process__venue__slug="igf", process__slug="stock-taking-2007")
    if Statement.objects.filter(call=call).exists():
        return
    secretariat = Actor.person(people["igf-secretariat@example.org"])
    statements = [do_add_statement(actor=secretariat, call=call, text=t) for t in STATEMENTS]
    voters = {group: [people[email] for email in emails] for group, emails in IGF_PEOPLE.items()}
    for number, group in VOTERS:
        voters[group].append(_voter(number, group, call))
    for group, rows in MARKS.items():
        for user, row in zip(voters[group], rows, strict=True):
            for statement, letter in zip(statements, row, strict=True):
                # As of the consultation, whose phases are long past: the loader writes directly.
                do_mark(actor=Actor.person(user), statement=statement, value=WORDS[letter])
