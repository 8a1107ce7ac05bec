"""Writes for outcomes and what follows them: the outcome of a process that adopts nothing
(a chair's summary or messages), the follow-up actions of an outcome and their progress.
(The outcome of an adopted text is recorded when its adoption concludes, in `actions.py`.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.drafting.authority import require_for
from roundtable.drafting.models import Version
from roundtable.permissions.actor import Actor
from roundtable.processes.models import Process

from .ballots import person_of
from .models import FollowUp, Outcome, ProgressNote

# --- outcomes without adoption (IGF) --------------------------------------------------------


def do_record_summary(
    *,
    actor: Actor,
    process: Process,
    title: str,
    summary: str,
    kind: str = Outcome.Kind.CHAIRS_SUMMARY,
    version: Version | None = None,
    now: datetime | None = None,
) -> Outcome:
    """The outcome of a process that adopts nothing: a chair's summary or messages."""
    if kind not in (Outcome.Kind.CHAIRS_SUMMARY, Outcome.Kind.MESSAGES):
        raise ValidationError(
            _("Without adoption, an outcome is a chair's summary or messages."), code="kind"
        )
    if not title.strip() or not summary.strip():
        raise ValidationError(_("A summary needs a title and a text."), code="required")
    if version is not None and not version.published:
        raise ValidationError(_("Only a published version can be referenced."), code="draft")
    with transaction.atomic():
        outcome = Outcome.objects.create(
            process=process,
            document=version.document if version else None,
            version=version,
            kind=kind,
            binding=False,
            title=title.strip(),
            summary=summary.strip(),
            recorded_by=actor.user,
            recorded_at=now or timezone.now(),
        )
        record_event(actor=actor, verb="outcome.recorded", target=outcome, summary={"kind": kind})
        return outcome


def check_record_summary(
    *,
    actor: Actor,
    process: Process,
    title: str,
    summary: str,
    kind: str = Outcome.Kind.CHAIRS_SUMMARY,
    version: Version | None = None,
) -> Outcome:
    require_for(actor, right="run_adoption", process=process)
    return do_record_summary(
        actor=actor, process=process, title=title, summary=summary, kind=kind, version=version
    )


# --- follow-up ------------------------------------------------------------------------------


def do_add_follow_up(
    *,
    actor: Actor,
    outcome: Outcome,
    title: str,
    owner: str,
    due_on: date | None = None,
    paragraphs: Sequence[str] = (),
    now: datetime | None = None,
) -> FollowUp:
    if not title.strip() or not owner.strip():
        raise ValidationError(_("An action needs a title and an owner."), code="required")
    pids = [p.strip() for p in paragraphs if p.strip()]
    if pids:
        known = (
            set(outcome.version.paragraphs.values_list("pid", flat=True))
            if outcome.version
            else set()
        )
        unknown = [p for p in pids if p not in known]
        if unknown:
            raise ValidationError(
                _("The adopted text has no paragraph %(pids)s.") % {"pids": ", ".join(unknown)},
                code="no_paragraph",
            )
    with transaction.atomic():
        follow_up = FollowUp.objects.create(
            outcome=outcome,
            title=title.strip(),
            owner=owner.strip(),
            due_on=due_on,
            paragraphs=pids,
            created_by=actor.user,
            created_at=now or timezone.now(),
        )
        record_event(
            actor=actor,
            verb="follow_up.added",
            target=outcome,
            summary={"follow_up": follow_up.pk, "title": title, "owner": owner},
        )
        return follow_up


def check_add_follow_up(
    *,
    actor: Actor,
    outcome: Outcome,
    title: str,
    owner: str,
    due_on: date | None = None,
    paragraphs: Sequence[str] = (),
) -> FollowUp:
    require_for(actor, right="run_adoption", process=outcome.process)
    return do_add_follow_up(
        actor=actor,
        outcome=outcome,
        title=title,
        owner=owner,
        due_on=due_on,
        paragraphs=paragraphs,
    )


def do_note_progress(
    *, actor: Actor, follow_up: FollowUp, text: str, status: str, now: datetime | None = None
) -> ProgressNote:
    if status not in FollowUp.Status.values:
        raise ValidationError(_("Unknown status."), code="status")
    if not text.strip():
        raise ValidationError(_("A progress note cannot be empty."), code="required")
    with transaction.atomic():
        note = ProgressNote.objects.create(
            follow_up=follow_up,
            author=person_of(actor),
            text=text.strip(),
            status=status,
            written_at=now or timezone.now(),
        )
        follow_up.status = status
        follow_up.save(update_fields=["status"])
        record_event(
            actor=actor,
            verb="follow_up.progress",
            target=follow_up.outcome,
            summary={"follow_up": follow_up.pk, "status": status},
        )
        return note


def check_note_progress(
    *, actor: Actor, follow_up: FollowUp, text: str, status: str
) -> ProgressNote:
    require_for(actor, right="run_adoption", process=follow_up.outcome.process)
    return do_note_progress(actor=actor, follow_up=follow_up, text=text, status=status)
