"""Where adoptions and their parts sit for the shared-page cache (audit/scopes.py)."""

from __future__ import annotations

from django.db import models

from roundtable.audit.scopes import register
from roundtable.processes.scopes import under_process

from .models import (
    Adoption,
    AnonymousStatement,
    Appeal,
    DelegationSpeaker,
    MinorityStatement,
    Outcome,
    Position,
    StandIn,
)


def adoption_row(row: models.Model) -> set[str] | None:
    assert isinstance(row, Adoption)  # noqa: S101 -- registered for adoptions only
    return under_process(row.process_id)


def in_adoption(row: models.Model) -> set[str] | None:
    adoption_id: int | None = getattr(row, "adoption_id", None)
    if adoption_id is None:
        return None
    found = Adoption.objects.filter(pk=adoption_id).values_list("process_id", flat=True).first()
    return None if found is None else under_process(found)


def register_scopes() -> None:
    register(Adoption, adoption_row)
    for model in (
        Position,
        MinorityStatement,
        Outcome,
        DelegationSpeaker,
        AnonymousStatement,
        Appeal,
        StandIn,
    ):
        register(model, in_adoption)
