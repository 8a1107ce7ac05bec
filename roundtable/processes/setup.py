"""Actions for setting up and running a process: venues, processes, phases (edit, move, close),
venue roles and uploaded rule files. Untrusted entries (`check_*`) ask the door, then call the
`do_*` writes, which record an audit event in the same transaction.

Rights: `create_venue` (platform.yaml: operators); `manage_process` and `assign_roles`
(participation.yaml: the venue's secretariat).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.permissions.models import RuleFile
from roundtable.permissions.registry import do_register_rule_file
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue

from .actions import (
    clean_phase_kind,
    do_add_phase,
    do_create_process,
    do_create_venue,
    overlap_error,
    overlapping_phase,
)
from .models import Phase, Process


def require_manage_process(actor: Actor, venue: Venue) -> None:
    require(actor, right="manage_process", modality=PARTICIPATION, context={"venue": venue.slug})


def clean_language(language: str) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    if language and language not in codes:
        raise ValidationError(
            _("Choose the language of the text among: %(codes)s.")
            % {"codes": ", ".join(sorted(codes))},
            code="language",
        )
    return language


def _exists(message: str) -> ValidationError:
    return ValidationError(message, code="exists")


def check_create_venue(
    *,
    actor: Actor,
    slug: str,
    name: str,
    default_modality: str,
    description: str = "",
    language: str = "",
    automatic_accreditation: Sequence[str] = (),
) -> Venue:
    """Operators create venues (right `create_venue`, platform.yaml)."""
    require(actor, right="create_venue", modality="platform")
    clean_language(language)
    if slug == "new" or Venue.objects.filter(slug=slug).exists():
        raise _exists(_("A venue with the short name “%(slug)s” exists.") % {"slug": slug})
    try:
        venue = do_create_venue(
            actor=actor,
            slug=slug,
            name=name,
            default_modality=default_modality,
            description=description,
            automatic_accreditation=automatic_accreditation,
        )
    except IntegrityError:
        raise _exists(
            _("A venue with the short name “%(slug)s” exists.") % {"slug": slug}
        ) from None
    if language:
        Venue.objects.filter(pk=venue.pk).update(description_language=language)
        venue.description_language = language
    return venue


def check_create_process(
    *,
    actor: Actor,
    venue: Venue,
    slug: str,
    title: str,
    summary: str = "",
    language: str = "",
    topics: Sequence[str] = (),
    modality: str = "",
    alternative_modalities: Sequence[str] = (),
) -> Process:
    """The venue's secretariat creates processes (right `manage_process`)."""
    require_manage_process(actor, venue)
    clean_language(language)
    if venue.processes.filter(slug=slug).exists():
        raise _exists(
            _("%(venue)s already has a process with the short name “%(slug)s”.")
            % {"venue": venue.name, "slug": slug}
        )
    try:
        process = do_create_process(
            actor=actor,
            venue=venue,
            slug=slug,
            title=title,
            modality=modality,
            summary=summary,
            topics=topics,
            alternative_modalities=alternative_modalities,
        )
    except IntegrityError:
        raise _exists(_("This short name is taken.")) from None
    if language:
        Process.objects.filter(pk=process.pk).update(summary_language=language)
        process.summary_language = language
    return process


def check_add_phase(
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
    """The venue's secretariat adds phases of a known kind."""
    require_manage_process(actor, process.venue)
    return do_add_phase(
        actor=actor,
        process=process,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        tentative=tentative,
        modality=modality,
        day=day,
        agenda=agenda,
        description=description,
    )


def do_update_phase(
    *,
    actor: Actor,
    phase: Phase,
    title: str | None = None,
    kind: str | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    tentative: bool | None = None,
    description: str | None = None,
) -> Phase:
    """Edit or move a phase; refuses reversed dates and an overlap (naming the other phase)."""
    process = phase.process
    if kind is not None:
        clean_phase_kind(process, kind)
    new_start = starts_on or phase.starts_on
    new_end = ends_on or phase.ends_on
    if new_end < new_start:
        raise ValidationError(
            _("A phase cannot end (%(end)s) before it starts (%(start)s).")
            % {"end": new_end.isoformat(), "start": new_start.isoformat()},
            code="invalid_dates",
        )
    changes: dict[str, Any] = {}
    with transaction.atomic():
        Process.objects.select_for_update().filter(pk=process.pk).first()
        clash = overlapping_phase(process, new_start, new_end, exclude=phase.pk)
        if clash is not None:
            raise overlap_error(title or phase.title, new_start, new_end, clash)
        for field, value in (("title", title), ("kind", kind), ("tentative", tentative),
                             ("description", description)):  # fmt: skip
            if value is not None and getattr(phase, field) != value:
                setattr(phase, field, value)
                changes[field] = value
        if (new_start, new_end) != (phase.starts_on, phase.ends_on):
            changes["starts_on"], changes["ends_on"] = new_start.isoformat(), new_end.isoformat()
            phase.starts_on, phase.ends_on = new_start, new_end
        phase.save()
        record_event(
            actor=actor,
            verb="phase.updated",
            target=process,
            summary={"phase": phase.pk, **changes},
        )
    return phase


def check_update_phase(
    *,
    actor: Actor,
    phase: Phase,
    title: str | None = None,
    kind: str | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    tentative: bool | None = None,
    description: str | None = None,
) -> Phase:
    require_manage_process(actor, phase.process.venue)
    return do_update_phase(
        actor=actor,
        phase=phase,
        title=title,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        tentative=tentative,
        description=description,
    )


def do_close_phase(*, actor: Actor, phase: Phase, today: date | None = None) -> Phase:
    """End a phase today. A phase that has ended is `already_closed`; one not begun cannot be
    closed (`not_started`: move it or change its dates instead)."""
    today = today or timezone.now().date()
    if phase.ends_on < today:
        raise ValidationError(
            _("The phase “%(title)s” ended on %(end)s.")
            % {"title": phase.title, "end": phase.ends_on.isoformat()},
            code="already_closed",
        )
    if phase.starts_on > today:
        raise ValidationError(
            _("The phase “%(title)s” has not started (it starts on %(start)s): change its dates.")
            % {"title": phase.title, "start": phase.starts_on.isoformat()},
            code="not_started",
        )
    with transaction.atomic():
        phase.ends_on = today
        phase.save(update_fields=["ends_on"])
        record_event(
            actor=actor,
            verb="phase.closed",
            target=phase.process,
            summary={"phase": phase.pk, "ends_on": today.isoformat()},
        )
    return phase


def check_close_phase(*, actor: Actor, phase: Phase) -> Phase:
    require_manage_process(actor, phase.process.venue)
    return do_close_phase(actor=actor, phase=phase)


def check_register_rule_file(
    *, actor: Actor, venue: Venue, text: str, filename: str = "upload.yaml"
) -> RuleFile:
    """The venue's secretariat uploads a rule file (validated; stored as a new version)."""
    require_manage_process(actor, venue)
    # The registry (permissions) still takes the uploading account, which it stores.
    return do_register_rule_file(actor=actor, venue=venue.slug, text=text, filename=filename)
