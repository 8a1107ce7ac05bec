"""The pages of a call's or a contribution's whole-text language version: the version beside
the original, who translated it and when, an outdated notice, and a form for those the action
lets in. Each page first passes the call's or contribution's own door (the same answer as its
page); saving goes through the action, which asks its own.

"Machine-translate for reading" (a POST from the call's or contribution's page) shows the title
and text machine-translated into the reader's interface language, labelled, beside the original:
for this answer only, never stored as a version. `machine_translate` asks the door and checks
the venue's switch before any request; a human version in the reader's language is linked
instead (no request at all)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.contributions.actions import is_author
from roundtable.contributions.models import Contribution
from roundtable.contributions.queries import get_call, get_contribution, visible_body
from roundtable.drafting.authority import decide_for
from roundtable.machinetranslation.actions import MachineText, Unavailable, machine_translate
from roundtable.machinetranslation.providers import ProviderError
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.venues.models import Venue

from . import text_actions
from .forms import TextVersionForm
from .queries import LANGUAGE_NAMES, RTL, TextVersion, call_versions, contribution_versions

Save = Callable[[Actor, str, str, str], object]


def _page(
    request: HttpRequest,
    original: dict[str, Any],
    language: str,
    versions: list[TextVersion],
    save: Save | None,
) -> HttpResponse:
    """`save` is None for a reader who may not write a version (no form shown)."""
    if language not in LANGUAGE_NAMES or language == original["language"]:
        raise Http404
    current = next((v for v in versions if v.language == language), None)
    initial = {"title": current.row.title, "text": current.row.text} if current else {}
    form = TextVersionForm(request.POST or None, initial=initial, language=language)
    if save is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            save(Actor.of_request(request), language, data["title"], data["text"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Version saved."))
            return redirect(request.path)
    lang = original["language"]
    return render(
        request,
        "translations/text_version.html",
        {
            "original": {**original, "name": LANGUAGE_NAMES.get(lang, lang), "rtl": lang in RTL},
            "version": current,
            "language": language,
            "name": LANGUAGE_NAMES[language],
            "rtl": language in RTL,
            "form": form if save is not None else None,
        },
    )


def call_version(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    require(request, right="observe", modality="platform")
    call = get_call(viewer=request.user, pk=pk)

    def save(actor: Actor, lang: str, title: str, text: str) -> object:
        return text_actions.do_translate_call(
            actor=actor, call=call, language=lang, title=title, text=text
        )

    may = decide_for(request, right="draft", process=call.process).allowed
    original = {
        "language": call.language,
        "title": call.title,
        "text": call.description,
        "back": reverse("contributions:call", args=[call.pk]),
    }
    return _page(request, original, language, call_versions(call), save if may else None)


def contribution_version(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    require(request, right="observe", modality="platform")
    found = get_contribution(viewer=request.user, pk=pk)
    if found.status != Contribution.Status.PUBLISHED:
        raise Http404  # its page shows no text, so no version either

    def save(actor: Actor, lang: str, title: str, text: str) -> object:
        return text_actions.do_translate_contribution(
            actor=actor, contribution=found, language=lang, title=title, text=text
        )

    actor = Actor.of_request(request)
    may = is_author(actor, found) or (
        decide_for(request, right="draft", process=found.call.process).allowed
    )
    original = {
        "language": found.language,
        "title": found.title,
        # rendered and sanitised Markdown (contributions.rendering), as its page shows it
        "html": visible_body(found),
        "back": reverse("contributions:contribution", args=[found.pk]),
    }
    return _page(request, original, language, contribution_versions(found), save if may else None)


def _machine_reading(
    request: HttpRequest, *, venue: Venue, original: dict[str, Any], versions: list[TextVersion]
) -> HttpResponse:
    """`original` as for `_page` (its `title` and `text` are what is sent), plus
    `version_route` and `pk` to link a person's version instead."""
    target = get_language() or ""
    source = original["language"]
    if target == source:
        return redirect(original["back"])
    if any(v.language == target for v in versions):
        # A person's version exists: read that, not a machine's guess (nothing is sent).
        return redirect(original["version_route"], original["pk"], target)
    texts = [t for t in (original["title"], original["text"]) if t]
    shown: dict[str, MachineText] = {}
    error = ""
    try:
        results = machine_translate(
            actor=Actor.of_request(request),
            venue=venue,
            texts=texts,
            source=source,
            target=target,
        )
    except (Unavailable, ProviderError) as exc:
        error = str(exc)
    else:
        shown = {"title": results[0]}
        if len(results) > 1:
            shown["body"] = results[1]
    context = {
        "original": {**original, "name": LANGUAGE_NAMES.get(source, source), "rtl": source in RTL},
        "shown": shown,
        "error": error,
    }
    if getattr(request, "htmx", False):
        return render(request, "translations/_machine_reading.html", context)
    return render(request, "translations/machine_reading.html", context)


@require_POST
def call_machine(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, right="observe", modality="platform")
    call = get_call(viewer=request.user, pk=pk)
    original = {
        "language": call.language,
        "title": call.title,
        "text": call.description,
        "back": reverse("contributions:call", args=[call.pk]),
        "version_route": "translations:call_version",
        "pk": call.pk,
    }
    return _machine_reading(
        request, venue=call.process.venue, original=original, versions=call_versions(call)
    )


@require_POST
def contribution_machine(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, right="observe", modality="platform")
    found = get_contribution(viewer=request.user, pk=pk)
    if found.status != Contribution.Status.PUBLISHED:
        raise Http404  # its page shows no text, so nothing to translate either
    original = {
        "language": found.language,
        "title": found.title,
        # the Markdown source is sent (format "text"); the page shows the rendered original
        "text": found.body,
        "html": visible_body(found),
        "back": reverse("contributions:contribution", args=[found.pk]),
        "version_route": "translations:contribution_version",
        "pk": found.pk,
    }
    return _machine_reading(
        request,
        venue=found.call.process.venue,
        original=original,
        versions=contribution_versions(found),
    )
