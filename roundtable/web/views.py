from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString

from roundtable.contributions.queries import list_open_calls, search_contributions
from roundtable.decisions.queries import list_open_adoptions, search_outcomes
from roundtable.drafting.queries import search_paragraphs
from roundtable.inputs.body_size import too_large
from roundtable.lists.queries import list_recent_messages
from roundtable.lists.search_results import found_messages
from roundtable.permissions.door import decide, require
from roundtable.processes.queries import (
    list_observable_processes,
    list_open_consultations,
    list_venues_with_processes,
)
from roundtable.translations.search import search_text_versions, search_translations

from .forms import SEARCH_MAX_PAGE, SearchForm
from .health import check_health
from .observable_memo import observable_for
from .search_rows import rendered_groups

SEARCH_PER_PAGE = 10


def home(request: HttpRequest) -> HttpResponse:
    require(request, right="observe", modality="platform")
    viewer, now = request.user, timezone.now()
    # The door is asked once per process for the whole page, not once per section.
    situations = list_observable_processes(viewer=viewer, now=now)
    ids = [where.process.pk for where in situations]
    venues = list_venues_with_processes(viewer=viewer, observable=ids)
    create = decide(request, right="create_venue", modality="platform")
    return render(
        request,
        "web/home.html",
        {
            "venues": venues,
            "create_venue": create,
            "calls": list_open_calls(viewer=viewer, now=now, observable=ids),
            "consultations": list_open_consultations(viewer=viewer, observable=situations),
            "adoptions": list_open_adoptions(viewer=viewer, now=now, observable=ids),
            "messages_recent": list_recent_messages(viewer=request.user),
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    """Lists, contributions, documents and outcomes, grouped by kind; only what the viewer may
    observe (each query asks the door). Bad parameters: the form's errors, with a 400."""
    require(request, right="observe", modality="platform")
    form = SearchForm(request.GET)
    groups: list[tuple[str, list[SafeString]]] = []
    more = False
    page = 1
    text = ""
    if form.is_valid():
        text = form.cleaned_data["q"]
        page = form.cleaned_data["page"] or 1
    if text:
        offset = (page - 1) * SEARCH_PER_PAGE
        limit = SEARCH_PER_PAGE + 1
        viewer = request.user
        # Newest first in each group (bounded: only the newest offset+limit matches are read);
        # the door's answers for every process, kept per standing and data generation.
        seen = observable_for(request)
        ids = list(seen.ids)
        found: dict[str, list[Any]] = {
            "messages": found_messages(text=text, list_ids=seen.lists, limit=limit, offset=offset),
            "contributions": search_contributions(
                viewer=viewer, text=text, limit=limit, offset=offset, processes=ids
            ),
            "paragraphs": search_paragraphs(
                viewer=viewer,
                text=text,
                limit=limit,
                offset=offset,
                processes=ids,
                hidden=seen.hidden,
            ),
            "translations": search_translations(
                viewer=viewer,
                text=text,
                limit=limit,
                offset=offset,
                processes=ids,
                hidden=seen.hidden,
            ),
            "text_versions": search_text_versions(
                viewer=viewer, text=text, limit=limit, offset=offset, processes=ids
            ),
            "outcomes": search_outcomes(
                viewer=viewer, text=text, limit=limit, offset=offset, processes=ids
            ),
        }
        more = any(len(rows) > SEARCH_PER_PAGE for rows in found.values())
        # Rows kept by what they show (web/search_rows.py): only hits found for this viewer.
        shown = rendered_groups({kind: rows[:SEARCH_PER_PAGE] for kind, rows in found.items()})
        groups = list(shown.items())
    return render(
        request,
        "web/search.html",
        {
            "form": form,
            "text": text,
            "groups": dict(groups),
            "found_any": any(rows for _kind, rows in groups),
            "page": page,
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if more and page < SEARCH_MAX_PAGE else None,
        },
        status=200 if form.is_valid() else 400,
    )


def healthz(request: HttpRequest) -> HttpResponse:
    """The database and the task queue (web/health.py); 503 when either is failing."""
    require(request, right="observe", modality="platform")
    health = check_health()
    return JsonResponse(health.as_json(), status=200 if health.ok else 503)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 page; a `BadRequest` raised by our own parsing says which parameter, in words."""
    if isinstance(exception, RequestDataTooBig):  # fields of an upload over the limit
        return too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    message = str(exception) if type(exception) is BadRequest else ""
    return render(request, "400.html", {"message": message}, status=400)
