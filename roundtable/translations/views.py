"""The language pages of a document: its language versions (and the secretariat's workflow
controls), the translator's page, and two versions side by side. Each form posts to an action
that asks the door or checks the assignment."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.drafting.actions import latest_published
from roundtable.drafting.amendment_actions import check_propose_amendment
from roundtable.drafting.authority import decide_for
from roundtable.drafting.models import Document
from roundtable.drafting.queries import get_document
from roundtable.machinetranslation.actions import Unavailable, machine_translate
from roundtable.machinetranslation.providers import ProviderError
from roundtable.machinetranslation.queries import offered_to
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from . import actions
from .alignment import original_language
from .amendments import amendable_paragraphs
from .forms import AssignForm, LanguageAmendmentForm, LanguagesForm, ParagraphForm, RequestForm
from .queries import (
    LANGUAGE_NAMES,
    RTL,
    LanguageVersion,
    SideBySideRow,
    default_pair,
    find_person,
    get_request,
    list_language_versions,
    side_by_side,
    translator_work,
)


def _observe(request: HttpRequest) -> None:
    require(request, right="observe", modality="platform")


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def languages(request: HttpRequest, pk: int) -> HttpResponse:
    _observe(request)
    found = get_document(viewer=request.user, pk=pk)
    actor = Actor.of_request(request)
    versions = list_language_versions(viewer=request.user, document=found)
    original = versions[0]
    return render(
        request,
        "translations/languages.html",
        {
            "document": found,
            "process": found.process,
            "versions": versions,
            "original": original,
            "draft": decide_for(actor, right="draft", process=found.process),
            "languages_form": LanguagesForm(
                initial={
                    "original_language": original.language,
                    "authenticity": "all" if all(v.authentic for v in versions) else "original",
                }
            ),
            "request_form": RequestForm(),
            "assign_form": AssignForm(),
        },
    )


@require_POST
def set_languages(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_document(viewer=request.user, pk=pk)
    form = LanguagesForm(request.POST)
    if form.is_valid():
        try:
            actions.do_set_languages(
                actor=Actor.of_request(request), document=found, **form.cleaned_data
            )
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("The document's languages are recorded."))
    return redirect("translations:languages", found.pk)


@require_POST
def request_translation(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_document(viewer=request.user, pk=pk)
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a language and a valid due date."))
        return redirect("translations:languages", found.pk)
    try:
        actions.do_request_translation(
            actor=Actor.of_request(request), document=found, **form.cleaned_data
        )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Translation requested."))
    return redirect("translations:languages", found.pk)


@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_request(viewer=request.user, pk=pk)
    form = AssignForm(request.POST)
    person: User | None = find_person(form.cleaned_data["email"]) if form.is_valid() else None
    if person is None:
        messages.error(request, _("No account has this e-mail address."))
    else:
        try:
            actions.do_assign_translation(actor=Actor.of_request(request), job=job, assignee=person)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Translator assigned."))
    return redirect("translations:languages", job.document_id)


@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_request(viewer=request.user, pk=pk)
    try:
        actions.do_review_translation(actor=Actor.of_request(request), job=job)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Translation reviewed."))
    return redirect("translations:languages", job.document_id)


def work(request: HttpRequest, pk: int) -> HttpResponse:
    """The translator's page: each source paragraph beside the translation, outdated ones with
    the source's redline; a paragraph form posts here."""
    _observe(request)
    job = get_request(viewer=request.user, pk=pk)
    actor = Actor.of_request(request)
    if request.method == "POST":
        form = ParagraphForm(request.POST)
        try:
            if request.POST.get("do") == "start":
                actions.do_start_translation(actor=actor, job=job)
            elif request.POST.get("do") == "finish":
                actions.do_finish_translation(actor=actor, job=job)
                messages.success(request, _("Translation finished: it awaits review."))
            elif form.is_valid():
                actions.do_translate_paragraph(actor=actor, job=job, **form.cleaned_data)
                messages.success(request, _("Paragraph saved."))
            else:
                messages.error(request, _("Write the paragraph's translation."))
        except ValidationError as exc:
            _refused(request, exc)
        return redirect(request.path + (f"#{form.cleaned_data['pid']}" if form.is_valid() else ""))
    states = translator_work(viewer=request.user, job=job)
    source_language = original_language(job.document)
    return render(
        request,
        "translations/work.html",
        {
            "job": job,
            "document": job.document,
            "process": job.document.process,
            "states": states,
            "outdated": sum(1 for s in states if s.state == "outdated"),
            "missing": sum(1 for s in states if s.state == "missing"),
            "mine": request.user.pk == job.assignee_id,
            "rtl": job.language in RTL,
            "source_language": source_language,
            # An English source on an Arabic page (and the other way round) keeps its own
            # direction, or its punctuation lands at the wrong end.
            "source_rtl": source_language in RTL,
        },
    )


def _compare_context(
    request: HttpRequest, found: Document, left: str, right: str
) -> dict[str, Any]:
    versions = list_language_versions(viewer=request.user, document=found)
    existing = [v.language for v in versions if v.exists]
    default_left, default_right = default_pair(found, request.LANGUAGE_CODE, existing)
    left = left if left in LANGUAGE_NAMES else default_left
    right = right if right in LANGUAGE_NAMES else default_right
    by_code = {v.language: v for v in versions}
    rows = side_by_side(viewer=request.user, document=found, left=left, right=right)
    offers: list[LanguageVersion] = []
    if offered_to(request, found.process.venue):
        # Into a column's language where that version lacks paragraphs; never the original.
        offers = [
            by_code[code]
            for code, side in ((left, "left"), (right, "right"))
            if any(getattr(row, side).state == "missing" for row in rows)
        ]
    return {
        "document": found,
        "process": found.process,
        "versions": versions,
        "left": by_code[left],
        "right": by_code[right],
        "rows": rows,
        "machine_offers": offers,
    }


def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two language versions side by side, the reader's language first where it exists."""
    _observe(request)
    found = get_document(viewer=request.user, pk=pk)
    context = _compare_context(
        request, found, request.GET.get("left", ""), request.GET.get("right", "")
    )
    return render(request, "translations/compare.html", context)


def amend(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """Propose an amendment while reading one language version: the text amended is that
    version's human paragraph (a paragraph with none, or an outdated one, is not offered)."""
    _observe(request)
    if language not in LANGUAGE_NAMES:
        raise Http404
    found = get_document(viewer=request.user, pk=pk)
    paragraphs = amendable_paragraphs(viewer=request.user, document=found, language=language)
    form = LanguageAmendmentForm(
        request.POST or None,
        pids=[(p.pid, f"¶{p.number}") for p in paragraphs],
        language=language,
        rtl=language in RTL,
    )
    latest = latest_published(found)
    if request.method == "POST":
        if form.is_valid() and latest is not None:
            try:
                made = check_propose_amendment(
                    actor=Actor.of_request(request),
                    version=latest,
                    kind=form.cleaned_data["kind"],
                    pid=form.cleaned_data["pid"],
                    text=form.cleaned_data["text"],
                    rationale=form.cleaned_data["rationale"],
                    language=language,
                )
            except ValidationError as exc:
                _refused(request, exc)
            else:
                messages.success(request, _("Amendment proposed."))
                return redirect("drafting:amendment", made.pk)
        else:
            messages.error(request, _("Check the amendment: %(errors)s") % {"errors": form.errors})
    chosen = request.GET.get("pid", "") or form.data.get("pid", "")
    return render(
        request,
        "translations/amend.html",
        {
            "document": found,
            "process": found.process,
            "language": language,
            "name": LANGUAGE_NAMES[language],
            "rtl": language in RTL,
            "paragraphs": paragraphs,
            "chosen": next((p for p in paragraphs if p.pid == chosen), None),
            "form": form,
            "decision": decide_for(
                Actor.of_request(request), right="propose_amendment", process=found.process
            ),
        },
    )


@require_POST
def compare_machine(request: HttpRequest, pk: int) -> HttpResponse:
    """The side-by-side view with the missing paragraphs of one column machine-translated from
    the original, for reading: labelled, shown in this answer only, never saved as a version
    (machine_translate asks the door and checks the switch before any request)."""
    _observe(request)
    found = get_document(viewer=request.user, pk=pk)
    context = _compare_context(
        request, found, request.POST.get("left", ""), request.POST.get("right", "")
    )
    target = request.POST.get("target", "")
    sides = [
        s
        for s, v in (("left", context["left"]), ("right", context["right"]))
        if v.language == target
    ]
    rows: list[SideBySideRow] = context["rows"]
    wanted = [r for r in rows if sides and getattr(r, sides[0]).state == "missing"]
    if wanted:
        try:
            results = machine_translate(
                actor=Actor.of_request(request),
                venue=found.process.venue,
                texts=[getattr(r, sides[0]).source_text for r in wanted],
                source=original_language(found),
                target=target,
            )
        except (Unavailable, ProviderError) as exc:
            messages.error(request, str(exc))
        else:
            machine = {r.pid: m for r, m in zip(wanted, results, strict=True)}
            context["rows"] = [
                r
                if r.pid not in machine
                else replace(r, left_machine=machine[r.pid])
                if sides[0] == "left"
                else replace(r, right_machine=machine[r.pid])
                for r in rows
            ]
            context["machine_shown"] = context[sides[0]]
            context["machine_offers"] = [
                o for o in context["machine_offers"] if o.language != target
            ]
    return render(request, "translations/compare.html", context)
