"""The language pages of a document: its language versions (and the secretariat's workflow
controls), the translator's page, and two versions side by side. Each form posts to an action
that asks the door or checks the assignment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.drafting.authority import decide_for
from roundtable.drafting.queries import get_document
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from . import actions
from .alignment import original_language
from .forms import AssignForm, LanguagesForm, ParagraphForm, RequestForm
from .queries import (
    LANGUAGE_NAMES,
    RTL,
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


def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two language versions side by side, the reader's language first where it exists."""
    _observe(request)
    found = get_document(viewer=request.user, pk=pk)
    versions = list_language_versions(viewer=request.user, document=found)
    existing = [v.language for v in versions if v.exists]
    left, right = default_pair(found, request.LANGUAGE_CODE, existing)
    asked_left, asked_right = request.GET.get("left", ""), request.GET.get("right", "")
    left = asked_left if asked_left in LANGUAGE_NAMES else left
    right = asked_right if asked_right in LANGUAGE_NAMES else right
    by_code = {v.language: v for v in versions}
    return render(
        request,
        "translations/compare.html",
        {
            "document": found,
            "process": found.process,
            "versions": versions,
            "left": by_code[left],
            "right": by_code[right],
            "rows": side_by_side(viewer=request.user, document=found, left=left, right=right),
        },
    )
