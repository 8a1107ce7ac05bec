"""Writes for what participants say in an adoption: take (or change) a position or a vote,
the chair's marking of objections as addressed, and the minority statements of those who
objected or voted against.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.drafting.authority import decide_for, require_for
from roundtable.modalities import Ballot, BallotError, Standing, tally
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from roundtable.stakeholders.disclosures import require_disclosures

from .actions import lock_open
from .ballots import (
    CONSENSUS_KINDS,
    chamber_of,
    person_of,
    procedure_for,
    refuse_secret_statement,
    stakeholder_group_of,
    voter_key,
)
from .models import Adoption, AnonymousStatement, MinorityStatement, Position
from .speakers import require_delegation_speaker


def do_take_position(
    *,
    actor: Actor,
    adoption: Adoption,
    standing: Standing,
    position: str,
    text: str = "",
    conflict_of_interest: bool = False,
    now: datetime | None = None,
) -> Position:
    """Record (or change, until the close) the position of the actor's standing: support /
    object / abstain in a consensus call (an objection needs its text), or a vote."""
    moment = now or timezone.now()
    user = person_of(actor)
    procedure = procedure_for(adoption)
    chamber = chamber_of(standing, procedure)
    stakeholder_group = stakeholder_group_of(standing, procedure)
    key = voter_key(user, standing)
    # Validate the position with the pure core's own vocabulary (it raises on unknown ones).
    try:
        tally(procedure, [Ballot(key, position, chamber or None)])
    except BallotError as exc:
        raise ValidationError(str(exc), code="position") from None
    position = position.strip().lower()
    if adoption.kind in CONSENSUS_KINDS and position in ("object", "no") and not text.strip():
        raise ValidationError(
            _("An objection needs its text: say what you object to and why."), code="required"
        )
    statement = text.strip()
    if conflict_of_interest and (position != "abstain" or not statement or adoption.secret):
        raise ValidationError(
            _(
                "A conflict-of-interest notice goes with an abstention in an open ballot, "
                "and says what the conflict is."
            ),
            code="conflict_of_interest",
        )
    if adoption.secret and statement:
        refuse_secret_statement(adoption, procedure)
    group = ",".join(sorted(standing.groups))
    for attempt in range(2):
        try:
            with transaction.atomic():
                lock_open(adoption, moment)
                found = Position.objects.select_for_update().filter(
                    adoption=adoption, voter_key=key
                )
                row = found.first()
                verb = "position.changed" if row is not None else "position.taken"
                if row is None:
                    row = Position(adoption=adoption, voter_key=key, created_at=moment)
                row.user = user
                row.chamber = chamber
                row.stakeholder_group = stakeholder_group
                # The member's own vote in the meeting, whoever had cast it before.
                row.via, row.cast_by = "", None
                row.group = group
                row.position = position
                # A secret ballot carries no text beside the voter: a statement the procedure
                # allows is kept apart, without attribution (and without an event, whose
                # place in the trail beside this vote's would name its author).
                row.text = "" if adoption.secret else statement
                row.conflict_of_interest = conflict_of_interest
                row.updated_at = moment
                row.save()
                if adoption.secret and statement:
                    AnonymousStatement.objects.create(adoption=adoption, text=statement)
                record_event(
                    actor=actor,
                    verb=verb,
                    target=adoption,
                    row=row,
                    summary={"voter": key}
                    if adoption.secret
                    else {"voter": key, "position": position, "chamber": chamber, "group": group},
                )
                return row
        except IntegrityError:
            # Two requests of one standing raced to create its row: the second updates it.
            if attempt:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def check_take_position(
    *,
    actor: Actor,
    adoption: Adoption,
    position: str,
    text: str = "",
    conflict_of_interest: bool = False,
) -> Position:
    right = "decide" if adoption.kind in CONSENSUS_KINDS else "vote"
    decision = require_for(actor, right=right, process=adoption.process)
    # A delegation speaks through its head (or the member the head designated for this
    # adoption): participation.yaml, right `speak_for_delegation`.
    require_delegation_speaker(actor, adoption=adoption, standing=decision.standing)
    # GNSO Operating Procedures 5.3.1: a current Statement of Interest is a precondition to
    # participate; BCP 79: positions stated in a consensus call are Contributions under the
    # Note Well. The permitting rule's obligations say which statement, if any.
    require_disclosures(decision, actor.user, adoption.process.venue)
    return do_take_position(
        actor=actor,
        adoption=adoption,
        standing=decision.standing,
        position=position,
        text=text,
        conflict_of_interest=conflict_of_interest,
    )


def do_mark_objection(
    *, actor: Actor, position: Position, addressed: bool, note: str = ""
) -> Position:
    """The chair records whether an objection was addressed (not necessarily accommodated)."""
    if position.position not in ("object", "no"):
        raise ValidationError(_("Only objections are marked addressed."), code="not_objection")
    with transaction.atomic():
        adoption = Adoption.objects.select_for_update().get(pk=position.adoption_id)
        if adoption.status != Adoption.Status.OPEN:
            raise ValidationError(_("This adoption is concluded."), code="concluded")
        position.addressed = addressed
        position.addressed_note = note.strip()
        position.save(update_fields=["addressed", "addressed_note"])
        record_event(
            actor=actor,
            verb="objection.marked",
            target=adoption,
            row=position,
            summary={"voter": position.voter_key, "addressed": addressed, "note": note},
        )
        return position


def check_mark_objection(
    *, actor: Actor, position: Position, addressed: bool, note: str = ""
) -> Position:
    require_for(actor, right="judge_consensus", process=position.adoption.process)
    return do_mark_objection(actor=actor, position=position, addressed=addressed, note=note)


# --- minority statements --------------------------------------------------------------------


def objected(adoption: Adoption, key: str) -> bool:
    return adoption.positions.filter(voter_key=key, position__in=("object", "no")).exists()


def do_add_minority_statement(
    *,
    actor: Actor,
    adoption: Adoption,
    standing: Standing,
    text: str,
    now: datetime | None = None,
) -> MinorityStatement | AnonymousStatement:
    """Those who objected (or voted no) attach a minority statement, before or after the close."""
    if not text.strip():
        raise ValidationError(_("The statement cannot be empty."), code="required")
    user = person_of(actor)
    key = voter_key(user, standing)
    if not objected(adoption, key):
        raise PermissionDenied(
            _("Only those who objected or voted against attach a minority statement.")
        )
    if adoption.secret:
        # Attributed, it would tell who voted against: published anonymously or refused.
        refuse_secret_statement(adoption, procedure_for(adoption))
        return AnonymousStatement.objects.create(adoption=adoption, text=text.strip())
    with transaction.atomic():
        statement = MinorityStatement.objects.create(
            adoption=adoption,
            author=user,
            group=",".join(sorted(standing.groups)),
            text=text.strip(),
            submitted_at=now or timezone.now(),
        )
        record_event(
            actor=actor,
            verb="minority_statement.added",
            target=adoption,
            summary={"statement": statement.pk, "voter": key},
        )
        return statement


def check_add_minority_statement(
    *, actor: Actor, adoption: Adoption, text: str
) -> MinorityStatement | AnonymousStatement:
    right = "decide" if adoption.kind in CONSENSUS_KINDS else "vote"
    decision = decide_for(actor, right=right, process=adoption.process)
    # An objector keeps their statement after the call (and its phase) closed; anyone else
    # the door does not let take part is refused with the rule that decides it.
    if not decision.allowed and not objected(
        adoption, voter_key(person_of(actor), decision.standing)
    ):
        raise Denied(decision)
    return do_add_minority_statement(
        actor=actor, adoption=adoption, standing=decision.standing, text=text
    )
