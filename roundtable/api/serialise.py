"""Models as the API's response shapes (see schemas.py)."""

from __future__ import annotations

from typing import Any

from roundtable.contributions.models import CallForInput
from roundtable.processes.models import Phase, Process
from roundtable.processes.situation import situation


def venue_out(v: Any) -> dict[str, Any]:
    return {
        "slug": v.slug,
        "name": v.name,
        "description": v.description,
        "default_modality": v.default_modality,
        "automatic_accreditation": list(v.automatic_accreditation),
    }


def phase_out(p: Phase) -> dict[str, Any]:
    return {
        "id": p.pk,
        "kind": p.kind,
        "title": p.title,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "tentative": p.tentative,
        "modality": p.modality,
        "day": p.day,
        "agenda": list(p.agenda),
    }


def process_out(p: Process) -> dict[str, Any]:
    phases = list(p.phases.all())
    where = situation(p, phases=phases)
    return {
        "venue": p.venue.slug,
        "slug": p.slug,
        "title": p.title,
        "summary": p.summary,
        "topics": list(p.topics),
        "modality": where.modality,
        "alternative_modalities": list(p.alternative_modalities),
        "current_phase": phase_out(where.phase) if where.phase else None,
        "phases": [phase_out(x) for x in phases],
    }


def call_out(c: CallForInput) -> dict[str, Any]:
    return {
        "id": c.pk,
        "process": f"{c.process.venue.slug}/{c.process.slug}",
        "title": c.title,
        "description": c.description,
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
    }
