"""Time rules of a call for input: its periods, late input, replies, and extensions.

A call has a comment period (`opens_at` to `closes_at`) and may have a reply period after it
(to `reply_closes_at`), in which only replies to earlier contributions are taken (ICANN
Public Comment from 1 January 2012). Which right the door asks depends on the moment:
`submit_input` while comments are open, `reply_to_comments` in the reply period,
`submit_late_input` once every period has closed. The process's modality decides the last
two when it declares them; otherwise `permissions/modalities/periods.yaml` refuses them, by
name. A period is extended by an action with a recorded reason (`call.extended`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.modalities.engine import Decision
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, get_modality, require
from roundtable.processes.setup import require_manage_process
from roundtable.processes.situation import Situation

from .models import CallExtension, CallForInput, Contribution

#: roundtable/permissions/modalities/periods.yaml, found by name like every platform rule file.
PERIODS = "periods"
PERIOD_RIGHTS = ("reply_to_comments", "submit_late_input")

Window = Literal["not-open", "comments", "replies", "late"]


class CallClosed(ValidationError):
    """The call for input is not open at this moment."""


@dataclass(frozen=True)
class Moment:
    """Where a call stands at a moment: its window and the right the door is asked for."""

    window: Window
    right: str

    @property
    def late(self) -> bool:
        return self.window == "late"

    @property
    def reply(self) -> bool:
        return self.window == "replies"


def window(call: CallForInput, now: datetime) -> Moment:
    if now < call.opens_at:
        return Moment("not-open", "submit_input")
    if now < call.closes_at:
        return Moment("comments", "submit_input")
    if call.reply_closes_at is not None and now < call.reply_closes_at:
        return Moment("replies", "reply_to_comments")
    return Moment("late", "submit_late_input")


def rule_file(right: str, modality: str) -> str:
    if right in PERIOD_RIGHTS and right not in get_modality(modality).rights:
        return PERIODS
    return modality


def decide_now(who: object, call: CallForInput, where: Situation) -> tuple[Moment, Decision]:
    """For a page: the call's moment and whether `who` may send input in it."""
    moment = window(call, where.now)
    decision = decide(
        who, right=moment.right, modality=rule_file(moment.right, where.modality),
        context=where.context,
    )  # fmt: skip
    return moment, decision


def require_now(actor: Actor, call: CallForInput, where: Situation) -> tuple[Moment, Decision]:
    """For an action: the allowing decision for the call's moment; `Denied` (with the rule)
    otherwise, and `CallClosed` before the call opens."""
    moment = window(call, where.now)
    if moment.window == "not-open":
        raise CallClosed(
            _("This call for input opens on %(when)s.")
            % {"when": date_format(call.opens_at, "DATETIME_FORMAT")},
            code="call_not_open",
        )
    decision = require(
        actor, right=moment.right, modality=rule_file(moment.right, where.modality),
        context=where.context,
    )  # fmt: skip
    return moment, decision


def check_reply_target(call: CallForInput, replies_to: Contribution | None) -> None:
    """A reply answers a published contribution of the same call sent in its comment period."""
    if replies_to is None:
        raise ValidationError(
            _("In the reply period, only replies to earlier contributions are taken: choose the contribution you answer."),
            code="reply_required",
        )  # fmt: skip
    if (
        replies_to.call_id != call.pk
        or replies_to.status != Contribution.Status.PUBLISHED
        or replies_to.submitted_at >= call.closes_at
    ):
        raise ValidationError(
            _("A reply must answer a published contribution sent to this call in its comment period."),
            code="reply_target",
        )  # fmt: skip


# --- extensions -----------------------------------------------------------------------------


def do_extend_call(
    *,
    actor: Actor,
    call: CallForInput,
    closes_at: datetime,
    reason: str,
    period: str = CallExtension.Period.COMMENT,
    now: datetime | None = None,
) -> CallExtension:
    """Move the close of a period later, with a reason everyone can read."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("An extension needs a reason, shown with it."), code="reason_required"
        )
    if period not in CallExtension.Period.values:
        raise ValidationError(_("Extend the comment period or the reply period."), code="period")
    with transaction.atomic():
        call = CallForInput.objects.select_for_update().get(pk=call.pk)
        reply = period == CallExtension.Period.REPLY
        previous = call.reply_closes_at if reply else call.closes_at
        if previous is None:
            raise ValidationError(
                _("This call has no reply period to extend."), code="no_reply_period"
            )
        if closes_at <= previous:
            raise ValidationError(
                _("An extension must close later than %(when)s.")
                % {"when": date_format(previous, "DATETIME_FORMAT")},
                code="not_later",
            )
        if not reply and call.reply_closes_at is not None and closes_at >= call.reply_closes_at:
            raise ValidationError(
                _("The comment period must close before the reply period: extend the reply period first."),
                code="overlaps_reply",
            )  # fmt: skip
        if reply:
            call.reply_closes_at = closes_at
            call.save(update_fields=["reply_closes_at"])
        else:
            call.closes_at = closes_at
            call.save(update_fields=["closes_at"])
        extension = CallExtension.objects.create(
            call=call,
            period=period,
            previous_closes_at=previous,
            closes_at=closes_at,
            reason=reason,
            extended_by=actor.user,
            extended_at=now or timezone.now(),
        )
        record_event(
            actor=actor,
            verb="call.extended",
            row=extension,
            target=call.process,
            summary={
                "call": call.pk,
                "period": period,
                "from": previous.isoformat(),
                "to": closes_at.isoformat(),
                "reason": reason,
            },
        )
        return extension


def check_extend_call(
    *,
    actor: Actor,
    call: CallForInput,
    closes_at: datetime,
    reason: str,
    period: str = CallExtension.Period.COMMENT,
) -> CallExtension:
    require_manage_process(actor, call.process.venue)
    return do_extend_call(actor=actor, call=call, closes_at=closes_at, reason=reason, period=period)
