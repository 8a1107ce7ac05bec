"""The API's shapes of venues, processes and phases, and the engine's decisions (OpenAPI 3 is
generated from these), with the functions that give a model its response shape."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from roundtable.inputs.bounds import (
    NO_NUL,
    Body,
    Code,
    FilledName,
    FilledTitle,
    Input,
    Language,
    Name,
    Note,
    Slug,
    Title,
)
from roundtable.venues.models import Venue

from .models import Phase, Process
from .situation import situation

Topic = Annotated[str, Field(pattern=NO_NUL, max_length=100)]


class VenueOut(Schema):
    slug: str
    name: str
    description: str
    default_modality: str
    automatic_accreditation: list[str]


class PhaseOut(Schema):
    id: int
    kind: str
    title: str
    starts_on: date
    ends_on: date
    tentative: bool
    modality: str
    day: str
    agenda: list[str]


class ProcessOut(Schema):
    venue: str
    slug: str
    title: str
    summary: str
    topics: list[str]
    modality: str
    alternative_modalities: list[str]
    current_phase: PhaseOut | None = None
    phases: list[PhaseOut]


class DecisionOut(Schema):
    right: str
    modality: str
    allowed: bool
    rule: str
    reason: str
    obligations: list[dict[str, Any]]
    would_allow: list[str]
    standing: str
    explanation: dict[str, Any]
    language: str
    right_label: str
    verdict: str
    because_translated: str
    what_would_allow: list[str]
    standing_label: str


class VenueIn(Input):
    slug: Slug
    name: Annotated[str, Field(pattern=NO_NUL, min_length=1, max_length=200)]
    default_modality: FilledName
    description: Body = ""
    language: Language = ""


class ProcessIn(Input):
    slug: Slug
    title: Annotated[str, Field(pattern=NO_NUL, min_length=1, max_length=300)]
    summary: Body = ""
    language: Language = ""
    topics: Annotated[list[Topic], Field(max_length=50)] = []
    modality: Name = ""
    alternative_modalities: Annotated[list[Name], Field(max_length=20)] = []


class PhaseIn(Input):
    kind: Code
    title: FilledTitle
    starts_on: date
    ends_on: date
    tentative: bool = False
    modality: Name = ""
    day: Slug = ""
    agenda: Annotated[list[Note], Field(max_length=200)] = []


class PhaseChangeIn(Input):
    title: Title | None = None
    kind: Code | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    tentative: bool | None = None
    description: Body | None = None


class RuleFileIn(Input):
    text: Annotated[str, Field(pattern=NO_NUL, min_length=1, max_length=200_000)]
    filename: Annotated[str, Field(pattern=NO_NUL, max_length=200)] = "upload.yaml"


class RuleFileOut(Schema):
    name: str
    version: int
    title: str
    venue: str
    filename: str
    uploaded_at: datetime


def venue_out(v: Venue) -> dict[str, Any]:
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
