"""Writes for adoption: open a consensus call or a vote, take positions (object, support,
vote), close the window, mark objections addressed, conclude through the pure core's tally,
minority statements, outcomes and follow-up.

Every count is the pure core's (`roundtable.modalities.procedures.tally`): this module only
gathers the positions into `Ballot`s and stores the `Tally` it returns, arithmetic included.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.drafting.actions import latest_published
from roundtable.drafting.authority import decide_for, require_for, where
from roundtable.drafting.models import Document, Version
from roundtable.modalities import Ballot, BallotError, Procedure, Standing, tally
from roundtable.modalities.model import Modality
from roundtable.permissions.door import get_modality
from roundtable.processes.models import Process

from .models import (
    Adoption,
    AnonymousStatement,
    FollowUp,
    MinorityStatement,
    Outcome,
    Position,
    ProgressNote,
)
from .speakers import require_delegation_speaker

CONSENSUS_KINDS = ("consensus", "rough-consensus")
# The modality's outcome kind -> the outcome types Roundtable records.
OUTCOME_KINDS = {
    "opinion": Outcome.Kind.OPINION,
    "recommendation": Outcome.Kind.RECOMMENDATION,
    "final-report": Outcome.Kind.RECOMMENDATION,
    "council-resolution": Outcome.Kind.RECOMMENDATION,
    "mou": Outcome.Kind.MOU,
    "multistakeholder-statement": Outcome.Kind.STATEMENT,
    "statement": Outcome.Kind.STATEMENT,
    "chair-summary": Outcome.Kind.CHAIRS_SUMMARY,
    "messages": Outcome.Kind.MESSAGES,
}


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def outcome_kind(modality: Modality) -> str:
    return OUTCOME_KINDS.get(modality.outcome.kind, Outcome.Kind.STATEMENT)


def procedure_for(adoption: Adoption) -> Procedure:
    procedure = get_modality(adoption.modality).procedure(adoption.procedure)
    if procedure is None:  # the rule file changed under an open adoption
        raise ValidationError(
            _("The modality no longer has the procedure “%(name)s”.")
            % {"name": adoption.procedure},
            code="procedure",
        )
    return procedure


def voter_key(user: Any, standing: Standing) -> str:
    """One position per eligible standing: a delegation speaks (and votes) once; otherwise
    each person does."""
    if standing.delegation:
        return f"delegation:{standing.delegation}"
    return f"user:{user.pk}"


def chamber_of(standing: Standing, procedure: Procedure) -> str:
    """The chamber (house) a voter sits in: the chamber named by one of their roles,
    categories or groups. Empty for procedures without chambers."""
    names = [name for name, _seats in procedure.chambers]
    if not names:
        return ""
    held = [n for n in names if n in standing.roles | standing.categories | standing.groups]
    if len(held) != 1:
        raise ValidationError(
            _("To vote you must sit in exactly one chamber of %(chambers)s.")
            % {"chambers": ", ".join(names)},
            code="chamber",
        )
    return held[0]


# --- opening --------------------------------------------------------------------------------


def adoptable_procedure(process: Process, name: str = "", now: datetime | None = None) -> Any:
    """(modality name, phase kind, procedure) for adopting now, or a ValidationError saying
    why nothing can be adopted (IGF: no adoption procedure; the outcome is a summary)."""
    here = where(process, now=now)
    modality = get_modality(here.modality)
    phase = here.context["phase"]
    default = modality.adoption_procedure(phase) if phase else None
    if default is None or default.kind == "none":
        raise ValidationError(
            _(
                "Nothing can be adopted in this phase: the modality %(modality)s names no "
                "adoption procedure for phase %(phase)s."
            )
            % {"modality": modality.name, "phase": phase or "-"},
            code="no_adoption",
        )
    procedure = default
    if name and name != default.name:
        found = modality.procedure(name)
        if found is None or found.kind == "none":
            raise ValidationError(
                _("%(modality)s has no adoption procedure “%(name)s”.")
                % {"modality": modality.name, "name": name},
                code="procedure",
            )
        procedure = found
    return here.modality, phase, procedure


def do_open_adoption(
    *,
    actor: Any,
    document: Document,
    closes_at: datetime,
    procedure: str = "",
    secret: bool | None = None,
    now: datetime | None = None,
) -> Adoption:
    """Put the latest published version to the phase's procedure until `closes_at`.

    Whether the ballot is secret is the procedure's setting (`secret` in the rule file), not
    the chair's choice. `secret`, when given, is what the caller expects: a request for a
    secret ballot under a public procedure (or the reverse) is refused, never silently changed.
    """
    moment = _now(now)
    if closes_at <= moment:
        raise ValidationError(_("The closing time must be in the future."), code="invalid_dates")
    modality, phase, found = adoptable_procedure(document.process, procedure, now=moment)
    if secret is not None and secret != found.secret:
        raise ValidationError(
            (
                _(
                    "The modality %(modality)s decides: the procedure %(procedure)s is a "
                    "secret ballot; it cannot be opened as a public one."
                )
                if found.secret
                else _(
                    "The modality %(modality)s decides: the procedure %(procedure)s is a "
                    "public vote or call; it cannot be opened as a secret ballot."
                )
            )
            % {"modality": modality, "procedure": found.name},
            code="secret",
        )
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        version = latest_published(document)
        if version is None:
            raise ValidationError(_("Publish a version before adopting it."), code="no_version")
        if Adoption.objects.filter(document=document, status=Adoption.Status.OPEN).exists():
            raise ValidationError(
                _("An adoption of this document is already open."), code="already_open"
            )
        adoption = Adoption.objects.create(
            process=document.process,
            document=document,
            version=version,
            modality=modality,
            phase=phase or "",
            procedure=found.name,
            kind=found.kind,
            secret=found.secret,  # the modality's setting, never the chair's
            opened_by=actor,
            opened_at=moment,
            closes_at=closes_at,
        )
        record_event(
            actor=actor,
            verb="adoption.opened",
            target=adoption,
            summary={
                "document": document.pk,
                "version": version.number,
                "procedure": found.name,
                "kind": found.kind,
                "closes_at": closes_at.isoformat(),
                "secret": adoption.secret,
            },
        )
        return adoption


def check_open_adoption(*, request: Any, document: Document, **fields: Any) -> Adoption:
    require_for(request, right="run_adoption", process=document.process)
    return do_open_adoption(actor=request.user, document=document, **fields)


# --- positions and votes --------------------------------------------------------------------


def _lock_open(adoption: Adoption, moment: datetime) -> Adoption:
    locked = Adoption.objects.select_for_update().get(pk=adoption.pk)
    if locked.status != Adoption.Status.OPEN or moment >= locked.closes_at:
        raise ValidationError(
            _("This adoption closed at %(when)s.") % {"when": locked.closes_at.isoformat()},
            code="closed",
        )
    return locked


def do_take_position(
    *,
    actor: Any,
    adoption: Adoption,
    standing: Standing,
    position: str,
    text: str = "",
    now: datetime | None = None,
) -> Position:
    """Record (or change, until the close) the position of the actor's standing: support /
    object / abstain in a consensus call (an objection needs its text), or a vote."""
    moment = _now(now)
    procedure = procedure_for(adoption)
    chamber = chamber_of(standing, procedure)
    key = voter_key(actor, standing)
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
    if adoption.secret and statement:
        _refuse_secret_statement(adoption, procedure)
    group = ",".join(sorted(standing.groups))
    for attempt in range(2):
        try:
            with transaction.atomic():
                _lock_open(adoption, moment)
                found = Position.objects.select_for_update().filter(
                    adoption=adoption, voter_key=key
                )
                row = found.first()
                verb = "position.changed" if row is not None else "position.taken"
                if row is None:
                    row = Position(adoption=adoption, voter_key=key, created_at=moment)
                row.user = actor
                row.chamber = chamber
                row.group = group
                row.position = position
                # A secret ballot carries no text beside the voter: a statement the procedure
                # allows is kept apart, without attribution (and without an event, whose
                # place in the trail beside this vote's would name its author).
                row.text = "" if adoption.secret else statement
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


def _refuse_secret_statement(adoption: Adoption, procedure: Procedure) -> None:
    """Refuse a secret voter's statement unless the procedure publishes it anonymously."""
    if not procedure.anonymous_statements:
        raise ValidationError(
            _(
                "This is a secret ballot: under the modality %(modality)s no statement is "
                "published beside a secret vote, with or without the voter's name. Cast the "
                "vote without text."
            )
            % {"modality": adoption.modality},
            code="secret_statement",
        )


def check_take_position(*, request: Any, adoption: Adoption, **fields: Any) -> Position:
    right = "decide" if adoption.kind in CONSENSUS_KINDS else "vote"
    decision = require_for(request, right=right, process=adoption.process)
    # A delegation speaks through its head (or the member the head designated for this
    # adoption): participation.yaml, right `speak_for_delegation`.
    require_delegation_speaker(request, adoption=adoption, standing=decision.standing)
    return do_take_position(
        actor=request.user, adoption=adoption, standing=decision.standing, **fields
    )


def do_close_window(*, actor: Any, adoption: Adoption, now: datetime | None = None) -> Adoption:
    """The chair closes the objection window (or the vote) now, ahead of its planned end."""
    moment = _now(now)
    with transaction.atomic():
        adoption = _lock_open(adoption, moment)
        planned = adoption.closes_at
        adoption.closes_at = moment
        adoption.save(update_fields=["closes_at"])
        record_event(
            actor=actor,
            verb="adoption.window_closed",
            target=adoption,
            summary={"planned": planned.isoformat(), "closed": moment.isoformat()},
        )
        return adoption


def check_close_window(*, request: Any, adoption: Adoption) -> Adoption:
    require_for(request, right="run_adoption", process=adoption.process)
    return do_close_window(actor=request.user, adoption=adoption)


def do_mark_objection(
    *, actor: Any, position: Position, addressed: bool, note: str = ""
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


def check_mark_objection(*, request: Any, position: Position, **fields: Any) -> Position:
    require_for(request, right="judge_consensus", process=position.adoption.process)
    return do_mark_objection(actor=request.user, position=position, **fields)


def ballots(adoption: Adoption) -> list[Ballot]:
    return [
        Ballot(
            voter=p.voter_key,
            position=p.position,
            chamber=p.chamber or None,
            addressed=p.addressed,
        )
        for p in adoption.positions.order_by("created_at", "id")
    ]


def current_tally(adoption: Adoption, designation: str | None = None) -> Any:
    """The pure core's tally of the positions so far (a Tally: outcome, summary, arithmetic)."""
    return tally(procedure_for(adoption), ballots(adoption), designation=designation or None)


def do_conclude_adoption(
    *,
    actor: Any,
    adoption: Adoption,
    designation: str = "",
    note: str = "",
    now: datetime | None = None,
) -> Adoption:
    """After the close: tally (the chair's designated level for consensus kinds), store the
    result and, when adopted, record the outcome with the adopted (frozen) version."""
    moment = _now(now)
    with transaction.atomic():
        adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
        if adoption.status != Adoption.Status.OPEN:
            raise ValidationError(_("This adoption is already concluded."), code="concluded")
        if moment < adoption.closes_at:
            raise ValidationError(
                _("The window is open until %(when)s: close it first.")
                % {"when": adoption.closes_at.isoformat()},
                code="window_open",
            )
        if adoption.kind in CONSENSUS_KINDS and not designation:
            raise ValidationError(_("Designate the level of consensus."), code="designation")
        try:
            result = current_tally(adoption, designation if not adoption.is_vote else None)
        except BallotError as exc:
            raise ValidationError(str(exc), code="designation") from None
        adoption.status = Adoption.Status.CONCLUDED
        adoption.designated_level = designation if not adoption.is_vote else ""
        adoption.chair_note = note.strip()
        adoption.result = result.to_json()
        adoption.adopted = result.adopted
        adoption.concluded_by = actor
        adoption.concluded_at = moment
        adoption.save()
        record_event(
            actor=actor,
            verb="adoption.concluded",
            target=adoption,
            summary={"outcome": result.outcome, "summary": result.summary},
        )
        if result.adopted:
            modality = get_modality(adoption.modality)
            outcome = Outcome.objects.create(
                process=adoption.process,
                adoption=adoption,
                document=adoption.document,
                version=adoption.version,
                kind=outcome_kind(modality),
                binding=modality.outcome.binding,
                title=adoption.document.title,
                summary=result.summary,
                recorded_by=actor,
                recorded_at=moment,
            )
            record_event(
                actor=actor,
                verb="outcome.recorded",
                target=outcome,
                summary={"adoption": adoption.pk, "version": adoption.version.number},
            )
        return adoption


def check_conclude_adoption(*, request: Any, adoption: Adoption, **fields: Any) -> Adoption:
    right = "judge_consensus" if adoption.kind in CONSENSUS_KINDS else "run_adoption"
    require_for(request, right=right, process=adoption.process)
    return do_conclude_adoption(actor=request.user, adoption=adoption, **fields)


# --- minority statements --------------------------------------------------------------------


def do_add_minority_statement(
    *, actor: Any, adoption: Adoption, standing: Standing, text: str, now: datetime | None = None
) -> MinorityStatement | AnonymousStatement:
    """Those who objected (or voted no) attach a minority statement, before or after the close."""
    if not text.strip():
        raise ValidationError(_("The statement cannot be empty."), code="required")
    key = voter_key(actor, standing)
    if not adoption.positions.filter(voter_key=key, position__in=("object", "no")).exists():
        raise PermissionDenied(
            _("Only those who objected or voted against attach a minority statement.")
        )
    if adoption.secret:
        # Attributed, it would tell who voted against: published anonymously or refused.
        _refuse_secret_statement(adoption, procedure_for(adoption))
        return AnonymousStatement.objects.create(adoption=adoption, text=text.strip())
    with transaction.atomic():
        statement = MinorityStatement.objects.create(
            adoption=adoption,
            author=actor,
            group=",".join(sorted(standing.groups)),
            text=text.strip(),
            submitted_at=_now(now),
        )
        record_event(
            actor=actor,
            verb="minority_statement.added",
            target=adoption,
            summary={"statement": statement.pk, "voter": key},
        )
        return statement


def check_add_minority_statement(*, request: Any, adoption: Adoption, text: str) -> Any:
    right = "decide" if adoption.kind in CONSENSUS_KINDS else "vote"
    standing = decide_for(request, right=right, process=adoption.process).standing
    return do_add_minority_statement(
        actor=request.user, adoption=adoption, standing=standing, text=text
    )


# --- outcomes without adoption (IGF) --------------------------------------------------------


def do_record_summary(
    *,
    actor: Any,
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
            recorded_by=actor,
            recorded_at=_now(now),
        )
        record_event(actor=actor, verb="outcome.recorded", target=outcome, summary={"kind": kind})
        return outcome


def check_record_summary(*, request: Any, process: Process, **fields: Any) -> Outcome:
    require_for(request, right="run_adoption", process=process)
    return do_record_summary(actor=request.user, process=process, **fields)


# --- follow-up ------------------------------------------------------------------------------


def do_add_follow_up(
    *,
    actor: Any,
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
            created_by=actor,
            created_at=_now(now),
        )
        record_event(
            actor=actor,
            verb="follow_up.added",
            target=outcome,
            summary={"follow_up": follow_up.pk, "title": title, "owner": owner},
        )
        return follow_up


def check_add_follow_up(*, request: Any, outcome: Outcome, **fields: Any) -> FollowUp:
    require_for(request, right="run_adoption", process=outcome.process)
    return do_add_follow_up(actor=request.user, outcome=outcome, **fields)


def do_note_progress(
    *, actor: Any, follow_up: FollowUp, text: str, status: str, now: datetime | None = None
) -> ProgressNote:
    if status not in FollowUp.Status.values:
        raise ValidationError(_("Unknown status."), code="status")
    if not text.strip():
        raise ValidationError(_("A progress note cannot be empty."), code="required")
    with transaction.atomic():
        note = ProgressNote.objects.create(
            follow_up=follow_up,
            author=actor,
            text=text.strip(),
            status=status,
            written_at=_now(now),
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


def check_note_progress(*, request: Any, follow_up: FollowUp, **fields: Any) -> ProgressNote:
    require_for(request, right="run_adoption", process=follow_up.outcome.process)
    return do_note_progress(actor=request.user, follow_up=follow_up, **fields)
