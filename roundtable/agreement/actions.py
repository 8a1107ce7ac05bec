"""Writes for statements and marks. `check_*` ask the door, then the `do_*` change and audit.

Adding and withdrawing a statement is managing the process (`manage_process`, participation.yaml).
A mark is a comment in short form: it asks for `comment` under the process's modality in its
current phase, so whoever may comment there may mark, and nobody else.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.contributions.models import CallForInput
from roundtable.decisions.models import Outcome
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.processes.setup import require_manage_process
from roundtable.processes.situation import situation
from roundtable.stakeholders.models import StakeholderGroup
from roundtable.stakeholders.queries import standing_accreditation

from .models import STATEMENT_LENGTH, Mark, Statement

VALUES = {"agree": Mark.Value.AGREE, "disagree": Mark.Value.DISAGREE, "pass": Mark.Value.PASS}


def _person(actor: Actor) -> User:
    if actor.user is None:
        raise PermissionDenied
    return actor.user


def group_at_venue(user: User, venue_id: int) -> StakeholderGroup | None:
    """The group of the person's latest approved accreditation at the venue: the rule by which
    a contribution gets its group (contributions.actions.do_submit_contribution)."""
    accreditation = standing_accreditation(user, venue_id)
    return accreditation.group if accreditation else None


def clean_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValidationError(_("A statement cannot be empty."), code="required")
    if len(text) > STATEMENT_LENGTH:
        raise ValidationError(
            _("A statement has at most %(limit)d characters; this one has %(length)d.")
            % {"limit": STATEMENT_LENGTH, "length": len(text)},
            code="too_long",
        )
    return text


def do_add_statement(
    *,
    actor: Actor,
    text: str,
    call: CallForInput | None = None,
    outcome: Outcome | None = None,
    now: datetime | None = None,
) -> Statement:
    if (call is None) == (outcome is None):
        raise ValueError("a statement belongs to a call or to an outcome")
    process = call.process if call is not None else outcome.process  # type: ignore[union-attr]
    with transaction.atomic():
        statement = Statement.objects.create(
            process=process,
            call=call,
            outcome=outcome,
            text=clean_text(text),
            added_by=_person(actor),
            added_at=now or timezone.now(),
        )
        record_event(
            actor=actor,
            verb="statement.added",
            row=statement,
            target=process,
            summary={"statement": statement.pk, "text": statement.text},
        )
    return statement


def check_add_statement(
    *, actor: Actor, text: str, call: CallForInput | None = None, outcome: Outcome | None = None
) -> Statement:
    process = call.process if call is not None else outcome.process  # type: ignore[union-attr]
    require_manage_process(actor, process.venue)
    return do_add_statement(actor=actor, text=text, call=call, outcome=outcome)


def do_withdraw_statement(*, actor: Actor, statement: Statement) -> Statement:
    if statement.withdrawn_at is not None:
        return statement
    with transaction.atomic():
        statement.withdrawn_at = timezone.now()
        statement.save(update_fields=["withdrawn_at"])
        record_event(
            actor=actor,
            verb="statement.withdrawn",
            row=statement,
            target=statement.process,
            summary={"statement": statement.pk},
        )
    return statement


def check_withdraw_statement(*, actor: Actor, statement: Statement) -> Statement:
    require_manage_process(actor, statement.process.venue)
    return do_withdraw_statement(actor=actor, statement=statement)


def do_mark(*, actor: Actor, statement: Statement, value: str) -> Mark:
    """The person's mark on the statement, replacing any earlier one (the trail keeps both)."""
    if value not in VALUES:
        raise ValidationError(_("Mark agree, disagree or pass."), code="invalid")
    if statement.withdrawn_at is not None:
        raise ValidationError(_("This statement was withdrawn."), code="withdrawn")
    user = _person(actor)
    with transaction.atomic():
        mark, _made = Mark.objects.update_or_create(
            statement=statement,
            participant=user,
            defaults={
                "value": VALUES[value],
                "group": group_at_venue(user, statement.process.venue_id),
                "marked_at": timezone.now(),
            },
        )
        record_event(
            actor=actor,
            verb="statement.marked",
            row=mark,
            # On the statement, not the process: the process's history is public, marks are not.
            target=statement,
            summary={"statement": statement.pk, "mark": value},
        )
    return mark


def check_mark(*, actor: Actor, statement: Statement, value: str) -> Mark:
    where = situation(statement.process)
    require(actor, right="comment", modality=where.modality, context=where.context)
    return do_mark(actor=actor, statement=statement, value=value)
