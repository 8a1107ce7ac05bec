"""The page where a person files or updates the statements a process's modality requires
(a GNSO Statement of Interest, GNSO Operating Procedures 5.3.1; an IETF Note Well
acknowledgement, BCP 79). The API twin is `POST /api/processes/{venue}/{process}/disclosures`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.drafting.authority import decide_for
from roundtable.modalities.appeals import Disclosure
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality, require
from roundtable.processes.models import Process
from roundtable.processes.queries import get_process
from roundtable.processes.situation import situation
from roundtable.stakeholders.disclosures import (
    KIND_WORDS,
    STATE_WORDS,
    check_file_disclosure,
    statement_on_file,
)
from roundtable.stakeholders.models import DisclosureStatement


@dataclass(frozen=True)
class StatementView:
    """One declared statement, as the person's record stands."""

    kind: str
    what: str
    spec: Disclosure
    on_file: DisclosureStatement | None
    state: str
    state_words: str


def statements_of(user: Any, process: Process) -> list[StatementView]:
    """The statements the process's modality declares, each with the person's one in force."""
    out: list[StatementView] = []
    now = timezone.now()
    for spec in get_modality(process.modality).disclosures:
        found = statement_on_file(user, process.venue, spec.kind)
        state = spec.state(
            found.filed_at if found else None, found.update_needed if found else False, now
        )
        out.append(
            StatementView(
                kind=spec.kind,
                what=str(KIND_WORDS.get(spec.kind, spec.kind)),
                spec=spec,
                on_file=found,
                state=state,
                state_words=str(STATE_WORDS[state]) if state in STATE_WORDS else "",
            )
        )
    return out


def disclosures_page(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    actor = Actor.of_request(request)
    require(actor, right="observe", modality="platform")
    found = get_process(viewer=request.user, venue=venue, slug=process)
    here = situation(found)
    statements = statements_of(request.user, found)
    # A modality without a `disclosures:` section knows no right file_disclosure.
    may = decide_for(actor, right="file_disclosure", process=found) if statements else None
    error = ""
    if request.method == "POST":
        if may is None:
            raise BadRequest(_("This process's rules ask for no statement on file."))
        try:
            check_file_disclosure(
                actor=actor,
                venue=found.venue,
                modality=here.modality,
                context=here.context,
                kind=request.POST.get("kind", ""),
                text=request.POST.get("text", ""),
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Your statement is on file."))
            return redirect("decisions:disclosures", found.venue.slug, found.slug)
    return render(
        request,
        "decisions/disclosures.html",
        {
            "process": found,
            "may": may,
            "error": error,
            "statements": statements,
        },
        status=400 if error else 200,
    )
