"""Venue and process pages. Each asks the door; refusals are shown with the engine's reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from roundtable.outputs.parts import page_parts
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, get_modality, require
from roundtable.permissions.fragments import cached_fragment, fragment_key
from roundtable.permissions.readable import readable_matrix
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.queries import get_venue

from .forms import PhaseForm
from .queries import get_matrix, get_process, list_history, list_processes
from .setup import check_add_phase
from .situation import situation, viewable_modalities

MY_RIGHTS = ("observe", "attend", "speak", "submit_input", "comment", "propose_amendment", "decide")


def venue_page(request: HttpRequest, venue: str) -> HttpResponse:
    require(request, right="observe", modality="platform")
    found = get_venue(viewer=request.user, slug=venue)
    context = {"venue": found.slug}
    return render(
        request,
        "processes/venue.html",
        {
            "venue": found,
            "processes": list_processes(viewer=request.user, venue=found),
            # the visitor's accreditations here, from the stakeholders app (stakeholders/parts.py)
            **page_parts("processes:venue", request, venue=found),
            "ask": decide(
                request, right="request_accreditation", modality=PARTICIPATION, context=context
            ),
            "manage": decide(
                request, right="decide_accreditation", modality=PARTICIPATION, context=context
            ),
        },
    )


def matrix_html(name: str, phase: str | None) -> SafeString:
    """The rights matrix section: the same for every viewer of a modality version in a phase
    and language, so rendered once (permissions/fragments.py)."""
    modality = get_modality(name)

    def render_matrix() -> str:
        found = readable_matrix(get_matrix(name, phase), modality)
        return render_to_string("processes/_matrix.html", {"matrix": found})

    return cached_fragment(fragment_key("matrix", modality, phase), render_matrix)


def process_page(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    require(request, right="observe", modality="platform")
    found = get_process(viewer=request.user, venue=venue, slug=process)
    phases = list(found.phases.all())
    where = situation(found, phases=phases, view=request.GET.get("modality"))
    matrix = get_matrix(where.modality, where.context["phase"])
    known_rights = set(matrix.rights)
    my_decisions = [
        (right, decide(request, right=right, modality=where.modality, context=where.context))
        for right in MY_RIGHTS
        if right in known_rights
    ]
    standing = Actor.of_request(request).standing(found.venue.slug)
    return render(
        request,
        "processes/process.html",
        {
            "process": found,
            "phases": phases,
            "where": where,
            "real_modality": situation(found, phases=phases).modality,
            "viewable": viewable_modalities(found),
            "standing": standing,
            # An anonymous visitor sees what anyone may do and one invitation, not refusals.
            "my_decisions": [
                (right, d) for right, d in my_decisions if d.allowed or not standing.anonymous
            ],
            "anonymous": standing.anonymous,
            "matrix_html": matrix_html(where.modality, where.context["phase"]),
            # GNSO Statement of Interest / IETF Note Well: the link to file or update one's own.
            "asks_disclosures": bool(get_modality(found.modality).disclosures),
            # calls for input and counts, from the contributions app (contributions/parts.py)
            **page_parts("processes:process", request, process=found),
            "history": list_history(viewer=request.user, process=found),
            "now": timezone.now(),
            "manage": decide(
                request,
                right="manage_process",
                modality=PARTICIPATION,
                context={"venue": found.venue.slug},
            ),
        },
    )


def add_phase(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    found = get_process(viewer=request.user, venue=venue, slug=process)
    require(
        request, right="manage_process", modality=PARTICIPATION, context={"venue": found.venue.slug}
    )
    form = PhaseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                check_add_phase(actor=Actor.of_request(request), process=found, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                messages.success(request, form.cleaned_data["title"])
                return redirect("processes:process", found.venue.slug, found.slug)
        else:
            status = 400
    return render(
        request, "processes/add_phase.html", {"process": found, "form": form}, status=status
    )
