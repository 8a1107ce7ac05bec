"""Writes for an adoption's life: open a consensus call or a vote, close its window, conclude
it through the pure core's tally and, when adopted, record the outcome.

Positions, objections and minority statements are in `positions.py`; outcomes without
adoption and their follow-up in `outcomes.py`; the bridge to the pure core in `ballots.py`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.drafting.actions import latest_published
from roundtable.drafting.authority import require_for, where
from roundtable.drafting.models import Document
from roundtable.modalities import BallotError, Procedure
from roundtable.modalities.chambers import absentee_deadline
from roundtable.modalities.model import Modality
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality
from roundtable.processes.models import Process

from .ballots import CONSENSUS_KINDS, current_tally, procedure_for
from .models import Adoption, Outcome

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


def outcome_kind(modality: Modality) -> str:
    return OUTCOME_KINDS.get(modality.outcome.kind, Outcome.Kind.STATEMENT)


# --- opening --------------------------------------------------------------------------------


def adoptable_procedure(
    process: Process, name: str = "", now: datetime | None = None
) -> tuple[str, str | None, Procedure]:
    """(modality name, phase kind, procedure) for adopting now, or a ValidationError saying
    why nothing can be adopted (IGF: no adoption procedure; the outcome is a summary)."""
    here = where(process, now=now)
    modality = get_modality(here.modality)
    phase: str | None = here.context["phase"]
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


def min_days(modality: str, phase: str) -> int:
    """The least number of days a call in `phase` stays open: the phase's `min_days`
    (igf-dynamic-coalition: dissent is invited for 14 days before an output is published)."""
    found = get_modality(modality).phase(phase) if phase else None
    return (found.min_days or 0) if found is not None else 0


def refuse_early_close(modality: str, phase: str, opened_at: datetime, closes: datetime) -> None:
    days = min_days(modality, phase)
    earliest = opened_at + timedelta(days=days)
    if days and closes < earliest:
        raise ValidationError(
            _(
                "Rule %(rule)s: a call in this phase stays open at least %(days)s days, so "
                "that objections and minority views can be filed; it closes at %(when)s at "
                "the earliest."
            )
            % {
                "rule": f"{modality}/phases/{phase}/min_days",
                "days": days,
                "when": earliest.isoformat(),
            },
            code="min_days",
        )


def do_open_adoption(
    *,
    actor: Actor,
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
    moment = now or timezone.now()
    if closes_at <= moment:
        raise ValidationError(_("The closing time must be in the future."), code="invalid_dates")
    modality, phase, found = adoptable_procedure(document.process, procedure, now=moment)
    refuse_early_close(modality, phase or "", moment, closes_at)
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
            opened_by=actor.user,
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


def check_open_adoption(
    *,
    actor: Actor,
    document: Document,
    closes_at: datetime,
    procedure: str = "",
    secret: bool | None = None,
) -> Adoption:
    require_for(actor, right="run_adoption", process=document.process)
    return do_open_adoption(
        actor=actor, document=document, closes_at=closes_at, procedure=procedure, secret=secret
    )


# --- the window -----------------------------------------------------------------------------


def lock_open(adoption: Adoption, moment: datetime) -> Adoption:
    """The adoption, locked for update, or a ValidationError when its window has closed."""
    locked = Adoption.objects.select_for_update().get(pk=adoption.pk)
    if locked.status != Adoption.Status.OPEN or moment >= locked.closes_at:
        raise ValidationError(
            _("This adoption closed at %(when)s.") % {"when": locked.closes_at.isoformat()},
            code="closed",
        )
    return locked


def do_close_window(*, actor: Actor, adoption: Adoption, now: datetime | None = None) -> Adoption:
    """The chair closes the objection window (or the vote) now, ahead of its planned end."""
    moment = now or timezone.now()
    with transaction.atomic():
        adoption = lock_open(adoption, moment)
        refuse_early_close(adoption.modality, adoption.phase, adoption.opened_at, moment)
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


def check_close_window(*, actor: Actor, adoption: Adoption) -> Adoption:
    require_for(actor, right="run_adoption", process=adoption.process)
    return do_close_window(actor=actor, adoption=adoption)


# --- conclusion -----------------------------------------------------------------------------


def do_conclude_adoption(
    *,
    actor: Actor,
    adoption: Adoption,
    designation: str = "",
    note: str = "",
    now: datetime | None = None,
) -> Adoption:
    """After the close: tally (the chair's designated level for consensus kinds), store the
    result and, when adopted, record the outcome with the adopted (frozen) version."""
    moment = now or timezone.now()
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
        _refuse_before_absentees(adoption, moment)
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
        adoption.concluded_by = actor.user
        adoption.concluded_at = moment
        adoption.save()
        record_event(
            actor=actor,
            verb="adoption.concluded",
            target=adoption,
            summary={"outcome": result.outcome, "summary": result.summary},
        )
        if result.adopted:
            record_outcome(actor, adoption, result.summary, moment)
        return adoption


def _refuse_before_absentees(adoption: Adoption, moment: datetime) -> None:
    """Absent members may still vote by absentee ballot: the tally waits for their window,
    unless every seat has voted already."""
    procedure = procedure_for(adoption)
    deadline = absentee_deadline(procedure, adoption.closes_at)
    seats = sum(n for _name, n in procedure.chambers)
    if deadline is not None and moment < deadline and adoption.positions.count() < seats:
        raise ValidationError(
            _("Rule %(rule)s: absentee ballots are counted until %(when)s; conclude after.")
            % {"rule": f"{procedure.name}/absentee-window", "when": deadline.isoformat()},
            code="absentee_open",
        )


def record_outcome(actor: Actor, adoption: Adoption, summary: str, moment: datetime) -> None:
    """The outcome of an adopted text: the modality's kind, with the adopted version."""
    modality = get_modality(adoption.modality)
    outcome = Outcome.objects.create(
        process=adoption.process,
        adoption=adoption,
        document=adoption.document,
        version=adoption.version,
        kind=outcome_kind(modality),
        binding=modality.outcome.binding,
        title=adoption.document.title,
        summary=summary,
        recorded_by=actor.user,
        recorded_at=moment,
    )
    record_event(
        actor=actor,
        verb="outcome.recorded",
        target=outcome,
        summary={"adoption": adoption.pk, "version": adoption.version.number},
    )


def check_conclude_adoption(
    *, actor: Actor, adoption: Adoption, designation: str = "", note: str = ""
) -> Adoption:
    right = "judge_consensus" if adoption.kind in CONSENSUS_KINDS else "run_adoption"
    require_for(actor, right=right, process=adoption.process)
    return do_conclude_adoption(actor=actor, adoption=adoption, designation=designation, note=note)
