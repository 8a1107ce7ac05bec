"""The founding document's world, loaded through real actions so it is audited like any data.

Idempotent: what exists already (by slug) is left as it is.
"""

from __future__ import annotations

from django.db import transaction

from roundtable.processes.actions import do_create_process, do_create_venue
from roundtable.processes.models import Process, Venue

ACTOR = "demo-loader"

VENUES = [
    {
        "slug": "igf",
        "name": "Internet Governance Forum",
        "description": "Multistakeholder forum with no decision-making capacity (Tunis Agenda §72, §77).",
        "default_modality": "igf-open-consultation",
    },
    {
        "slug": "itu",
        "name": "International Telecommunication Union",
        "description": "Member States and Sector Members; the World Telecommunication Policy Forum.",
        "default_modality": "itu-wtpf",
    },
    {
        "slug": "mmwg",
        "name": "Multistakeholder Modalities Working Group",
        "description": "The MMWG mailing list where the founding thread of this project was written.",
        "default_modality": "open-mailing-list",
    },
]

PROCESSES = [
    ("igf", "stock-taking-2007", "IGF stock-taking, February 2007", "igf-open-consultation"),
    ("itu", "wtpf", "World Telecommunication Policy Forum", "itu-wtpf"),
    ("mmwg", "modalities", "Multistakeholder modalities", "open-mailing-list"),
]


def load_world() -> dict[str, int]:
    created = {"venues": 0, "processes": 0}
    with transaction.atomic():
        venues = {}
        for spec in VENUES:
            venue = Venue.objects.filter(slug=spec["slug"]).first()
            if venue is None:
                venue = do_create_venue(actor=ACTOR, **spec)
                created["venues"] += 1
            venues[venue.slug] = venue
        for venue_slug, slug, title, modality in PROCESSES:
            venue = venues[venue_slug]
            if not Process.objects.filter(venue=venue, slug=slug).exists():
                do_create_process(
                    actor=ACTOR, venue=venue, slug=slug, title=title, modality=modality
                )
                created["processes"] += 1
    return created
