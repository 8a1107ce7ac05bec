"""Writes for venues and processes. Each one authorises, changes, then records an audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from roundtable.audit.actions import record_event

from .models import Process, Venue


def do_create_venue(
    *, actor: Any, slug: str, name: str, default_modality: str, description: str = ""
) -> Venue:
    with transaction.atomic():
        venue = Venue.objects.create(
            slug=slug, name=name, default_modality=default_modality, description=description
        )
        record_event(
            actor=actor,
            verb="venue.created",
            target=venue,
            summary={"slug": slug, "name": name, "default_modality": default_modality},
        )
        return venue


def do_create_process(
    *, actor: Any, venue: Venue, slug: str, title: str, modality: str = "", summary: str = ""
) -> Process:
    with transaction.atomic():
        process = Process.objects.create(
            venue=venue, slug=slug, title=title, modality=modality, summary=summary
        )
        record_event(
            actor=actor,
            verb="process.created",
            target=process,
            summary={"venue": venue.slug, "slug": slug, "title": title, "modality": modality},
        )
        return process
