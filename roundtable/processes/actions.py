"""Writes for venues, processes and phases. Each authorises (check_*), changes, then records an
audit event inside the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.modalities import ModalityError
from roundtable.modalities.model import PHASE_KINDS
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality
from roundtable.permissions.registry import NAME, process_modality
from roundtable.venues.models import Venue

from .models import Phase, Process


def ensure_modalities(*names: str) -> None:
    """Refuse a name that is not a registered process modality (a preset or an uploaded rule
    file): never a path, never a platform file; the refusal echoes no file's content."""
    for name in names:
        if not name:
            continue
        try:
            process_modality(name)
        except ModalityError:
            shown = name if NAME.match(name) else _("(not a modality name)")
            raise ValidationError(
                _(
                    "Unknown modality “%(name)s”: choose a preset or a rule file uploaded "
                    "by a secretariat."
                )
                % {"name": shown},
                code="modality",
            ) from None


def do_create_venue(
    *,
    actor: Actor,
    slug: str,
    name: str,
    default_modality: str,
    description: str = "",
    automatic_accreditation: Sequence[str] = (),
) -> Venue:
    ensure_modalities(default_modality)
    with transaction.atomic():
        venue = Venue.objects.create(
            slug=slug,
            name=name,
            default_modality=default_modality,
            description=description,
            automatic_accreditation=list(automatic_accreditation),
        )
        record_event(
            actor=actor,
            verb="venue.created",
            target=venue,
            summary={"slug": slug, "name": name, "default_modality": default_modality},
        )
        return venue


def do_create_process(
    *,
    actor: Actor,
    venue: Venue,
    slug: str,
    title: str,
    modality: str = "",
    summary: str = "",
    topics: Sequence[str] = (),
    alternative_modalities: Sequence[str] = (),
) -> Process:
    ensure_modalities(modality, *alternative_modalities)
    with transaction.atomic():
        process = Process.objects.create(
            venue=venue,
            slug=slug,
            title=title,
            modality=modality,
            summary=summary,
            topics=list(topics),
            alternative_modalities=list(alternative_modalities),
        )
        record_event(
            actor=actor,
            verb="process.created",
            target=process,
            summary={"venue": venue.slug, "slug": slug, "title": title, "modality": modality},
        )
        return process


def do_update_process(
    *,
    actor: Actor,
    process: Process,
    topics: Sequence[str] | None = None,
    alternative_modalities: Sequence[str] | None = None,
    summary: str | None = None,
) -> Process:
    changes: dict[str, Any] = {}
    ensure_modalities(*(alternative_modalities or ()))
    with transaction.atomic():
        if topics is not None:
            process.topics = changes["topics"] = list(topics)
        if alternative_modalities is not None:
            process.alternative_modalities = changes["alternative_modalities"] = list(
                alternative_modalities
            )
        if summary is not None:
            process.summary = changes["summary"] = summary
        process.save()
        record_event(actor=actor, verb="process.updated", target=process, summary=changes)
        return process


def known_phase_kinds(process: Process) -> list[str]:
    """The engine's phase kinds, plus any the process's modality adds."""
    modality = get_modality(process.effective_modality)
    return list(dict.fromkeys([*PHASE_KINDS, *(p.name for p in modality.phases)]))


def clean_phase_kind(process: Process, kind: str) -> str:
    known = known_phase_kinds(process)
    if kind not in known:
        raise ValidationError(
            _("Unknown phase kind “%(kind)s”: choose one of %(known)s.")
            % {"kind": kind[:40], "known": ", ".join(known)},
            code="kind",
        )
    return kind


def overlapping_phase(
    process: Process, starts_on: date, ends_on: date, *, exclude: int | None = None
) -> Phase | None:
    clash = process.phases.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    return clash.order_by("starts_on").first()


def overlap_error(title: str, starts_on: date, ends_on: date, clash: Phase) -> ValidationError:
    """The refusal of a phase that would overlap `clash`, naming both (409 `overlap`)."""
    return ValidationError(
        _(
            "“%(title)s” (%(start)s to %(end)s) would overlap the phase “%(other)s” "
            "(%(other_start)s to %(other_end)s). Phases of a process cannot overlap: "
            "change the dates of one of them."
        )
        % {
            "title": title,
            "start": starts_on.isoformat(),
            "end": ends_on.isoformat(),
            "other": clash.title,
            "other_start": clash.starts_on.isoformat(),
            "other_end": clash.ends_on.isoformat(),
        },
        code="overlap",
    )


def do_add_phase(
    *,
    actor: Actor,
    process: Process,
    kind: str,
    title: str,
    starts_on: date,
    ends_on: date,
    tentative: bool = False,
    modality: str = "",
    day: str = "",
    agenda: Sequence[str] = (),
    description: str = "",
) -> Phase:
    """Add a phase; refuses dates that end before they start or overlap another phase."""
    if ends_on < starts_on:
        raise ValidationError(
            _("A phase cannot end (%(end)s) before it starts (%(start)s).")
            % {"end": ends_on.isoformat(), "start": starts_on.isoformat()},
            code="invalid_dates",
        )
    clean_phase_kind(process, kind)
    ensure_modalities(modality)
    with transaction.atomic():
        Process.objects.select_for_update().filter(pk=process.pk).first()
        clash = overlapping_phase(process, starts_on, ends_on)
        if clash is not None:
            raise overlap_error(title, starts_on, ends_on, clash)
        phase = Phase.objects.create(
            process=process,
            kind=kind,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            tentative=tentative,
            modality=modality,
            day=day,
            agenda=list(agenda),
            description=description,
        )
        record_event(
            actor=actor,
            verb="phase.added",
            target=process,
            summary={
                "phase": phase.pk,
                "kind": kind,
                "title": title,
                "starts_on": starts_on.isoformat(),
                "ends_on": ends_on.isoformat(),
                "tentative": tentative,
            },
        )
        return phase
