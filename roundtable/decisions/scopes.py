"""Where adoptions and their parts sit for the shared-page cache (audit/scopes.py)."""

from __future__ import annotations

from roundtable.audit.scopes import register
from roundtable.processes.scopes import in_process, inside

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


def register_scopes() -> None:
    register(Adoption, in_process)
    for model in (
        Position,
        MinorityStatement,
        Outcome,
        DelegationSpeaker,
        AnonymousStatement,
        Appeal,
        StandIn,
    ):
        register(model, inside(Adoption, "adoption_id"))
