from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from .models import Process, Venue


def list_venues_with_processes(*, viewer: Any) -> QuerySet[Venue]:
    # Venues and processes are public records; `viewer` is kept for when drafts are not.
    return Venue.objects.prefetch_related(
        Prefetch("processes", queryset=Process.objects.order_by("title"))
    )
