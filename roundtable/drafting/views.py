"""Document pages: versions, paragraphs, amendments, redlines, traceability. Each asks the
door; a control the viewer may not use is shown disabled with the engine's reason."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roundtable.contributions.models import Contribution
from roundtable.contributions.queries import get_contribution
from roundtable.contributions.rendering import render_markdown
from roundtable.inputs.params import int_param
from roundtable.outputs.parts import page_parts
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.processes.queries import get_process

from . import actions, amendment_actions, paragraph_actions
from .authority import decide_for
from .forms import (
    AmendmentForm,
    CiteForm,
    CommentForm,
    DecideAmendmentForm,
    DocumentForm,
    DraftForm,
)
from .languages import original_language
from .models import Amendment, Citation, Version
from .queries import (
    amendment_redline,
    get_amendment,
    get_document,
    get_staleness,
    get_version,
    inputs_by_paragraph,
    list_amendments,
    list_citable,
    list_documents,
    list_versions,
    paragraph_views,
    redline,
    redline_rows,
    where_it_went,
    working_draft,
)


def _observe(request: HttpRequest) -> None:
    require(request, right="observe", modality="platform")


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def documents(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    _observe(request)
    found = get_process(viewer=request.user, venue=venue, slug=process)
    actor = Actor.of_request(request)
    draft = decide_for(actor, right="draft", process=found)
    form = DocumentForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            document = actions.check_create_document(
                actor=actor,
                process=found,
                slug=form.cleaned_data["slug"],
                title=form.cleaned_data["title"],
                source=form.cleaned_data["source"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 400
        else:
            messages.success(request, _("Document created: publish its first version."))
            return redirect("drafting:draft", document.pk)
    return render(
        request,
        "drafting/documents.html",
        {
            "process": found,
            "documents": list_documents(viewer=request.user, process=found),
            "draft": draft,
            "form": form,
        },
        status=status,
    )


def document(request: HttpRequest, pk: int) -> HttpResponse:
    _observe(request)
    found = get_document(viewer=request.user, pk=pk)
    versions = list_versions(viewer=request.user, document=found)
    number = int_param(request.GET, "v", minimum=1)
    version = (
        get_version(viewer=request.user, document=found, number=number)
        if number is not None
        else (versions[-1] if versions else None)
    )
    process = found.process
    actor = Actor.of_request(request)
    rows = paragraph_views(viewer=request.user, version=version) if version else []
    for row in rows:
        row.html = render_markdown(row.paragraph.text)  # type: ignore[attr-defined]
    return render(
        request,
        "drafting/document.html",
        {
            "document": found,
            "process": process,
            "versions": versions,
            "version": version,
            "latest": versions[-1] if versions else None,
            "rows": rows,
            "amendments": list_amendments(viewer=request.user, document=found),
            "amend": decide_for(actor, right="propose_amendment", process=process),
            "comment": decide_for(actor, right="comment", process=process),
            "draft": decide_for(actor, right="draft", process=process),
            "run": decide_for(actor, right="run_adoption", process=process),
            "amend_form": AmendmentForm(
                paragraphs=[(r.paragraph.pid, f"¶{r.paragraph.number}") for r in rows]
            ),
            # adoptions and outcomes, from the decisions app (roundtable/decisions/parts.py)
            **page_parts("drafting:document", request, document=found),
        },
    )


def draft(request: HttpRequest, pk: int) -> HttpResponse:
    _observe(request)
    found = get_document(viewer=request.user, pk=pk)
    actor = Actor.of_request(request)
    decision = decide_for(actor, right="draft", process=found.process)
    current = working_draft(viewer=request.user, document=found)
    latest = found.versions.filter(status="published").order_by("-number").first()
    if request.method == "POST" and request.POST.get("discard"):
        try:
            actions.check_discard_draft(actor=actor, document=found)
        except ValidationError as exc:
            _refused(request, exc)
            return redirect("drafting:draft", found.pk)
        messages.success(request, _("Working draft discarded."))
        return redirect("drafting:document", found.pk)
    initial = {"source": current.source if current else (latest.source if latest else "")}
    form = DraftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            source, note = form.cleaned_data["source"], form.cleaned_data["note"]
            if request.POST.get("publish"):
                if source != (current.source if current else None):
                    actions.check_save_draft(actor=actor, document=found, source=source, note=note)
                version = actions.check_publish_version(actor=actor, document=found, note=note)
                messages.success(request, _("Version %(n)s is published.") % {"n": version.number})
                return redirect("drafting:document", found.pk)
            actions.check_save_draft(actor=actor, document=found, source=source, note=note)
            messages.success(request, _("Working draft saved."))
            return redirect("drafting:draft", found.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(
        request,
        "drafting/draft.html",
        {"document": found, "process": found.process, "form": form, "decision": decision,
         "current": current, "latest": latest},
    )  # fmt: skip


@require_POST
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_document(viewer=request.user, pk=pk)
    number = int_param(request.POST, "version") or 0
    version = get_version(viewer=request.user, document=found, number=number)
    pids = list(version.paragraphs.values_list("pid", "number"))
    form = AmendmentForm(request.POST, paragraphs=[(p, str(n)) for p, n in pids])
    if request.method == "POST" and form.is_valid():
        try:
            amendment = amendment_actions.check_propose_amendment(
                actor=Actor.of_request(request),
                version=version,
                kind=form.cleaned_data["kind"],
                pid=form.cleaned_data["pid"],
                text=form.cleaned_data["text"],
                rationale=form.cleaned_data["rationale"],
            )
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Amendment proposed."))
            return redirect("drafting:amendment", amendment.pk)
    else:
        messages.error(request, _("Check the amendment: %(errors)s") % {"errors": form.errors})
    return redirect("drafting:document", found.pk)


@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_document(viewer=request.user, pk=pk)
    number = int_param(request.POST, "version") or 0
    version = get_version(viewer=request.user, document=found, number=number)
    form = CommentForm(request.POST)
    if request.method == "POST" and form.is_valid():
        try:
            paragraph_actions.check_comment_paragraph(
                actor=Actor.of_request(request),
                version=version,
                pid=form.cleaned_data["pid"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Comment posted."))
    return redirect(
        f"{reverse('drafting:document', args=[found.pk])}?v={version.number}#{form.data.get('pid', '')}"
    )


def amendment(request: HttpRequest, pk: int) -> HttpResponse:
    _observe(request)
    found = get_amendment(viewer=request.user, pk=pk)
    process = found.document.process
    actor = Actor.of_request(request)
    form = DecideAmendmentForm(request.POST or None)
    stale = get_staleness(viewer=request.user, amendment=found)
    if stale is None:
        # The re-basing confirmation is offered only where the paragraph changed.
        form.fields.pop("rebase")
    if request.method == "POST":
        try:
            if request.POST.get("withdraw"):
                amendment_actions.do_withdraw_amendment(actor=actor, amendment=found)
                messages.success(request, _("Amendment withdrawn."))
            elif form.is_valid():
                into = None
                if form.cleaned_data["decision"] == "merge":
                    into = get_object_or_404(Amendment, pk=form.cleaned_data["into"] or 0)
                result = amendment_actions.check_decide_amendment(
                    actor=actor,
                    amendment=found,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    into=into,
                    rebase=bool(form.cleaned_data.get("rebase")),
                )
                if isinstance(result, Version):  # accepted: a new version
                    messages.success(
                        request,
                        _("Accepted: version %(n)s is published.") % {"n": result.number},
                    )
                    if working_draft(viewer=request.user, document=found.document):
                        messages.info(
                            request, _("The working draft carries the accepted change too.")
                        )
                else:
                    messages.success(request, _("Decision recorded."))
            return redirect("drafting:amendment", found.pk)
        except ValidationError as exc:
            _refused(request, exc)
    return render(
        request,
        "drafting/amendment.html",
        {
            "amendment": found,
            "document": found.document,
            "process": process,
            # In another language than the original, a word redline against the original
            # means nothing: the language versions' part shows it beside the authentic text.
            "rows": amendment_redline(found)
            if found.language == original_language(found.document)
            else [],
            "draft": decide_for(actor, right="draft", process=process),
            "form": form,
            "stale": stale,
            **page_parts("drafting:amendment", request, amendment=found),
        },
    )


def redline_page(request: HttpRequest, pk: int) -> HttpResponse:
    _observe(request)
    found = get_document(viewer=request.user, pk=pk)
    versions = list_versions(viewer=request.user, document=found)
    if not versions:
        return redirect("drafting:document", found.pk)
    new_n = int_param(request.GET, "to", minimum=1) or versions[-1].number or 1
    old_n = int_param(request.GET, "from", minimum=1) or max(1, new_n - 1)
    old = get_version(viewer=request.user, document=found, number=old_n)
    new = get_version(viewer=request.user, document=found, number=new_n)
    result = redline(viewer=request.user, old=old, new=new)
    return render(
        request,
        "drafting/redline.html",
        {
            "document": found,
            "process": found.process,
            "versions": versions,
            "old": old,
            "new": new,
            "rows": redline_rows(result),
            "counts": result.to_json()["counts"],
        },
    )


def inputs(request: HttpRequest, pk: int) -> HttpResponse:
    """Per paragraph, the inputs behind it; drafters cite contributions here."""
    _observe(request)
    found = get_document(viewer=request.user, pk=pk)
    versions = list_versions(viewer=request.user, document=found)
    version = versions[-1] if versions else None
    actor = Actor.of_request(request)
    form = CiteForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("remove"):
                citation = get_object_or_404(
                    Citation, pk=int_param(request.POST, "remove"), document=found
                )
                paragraph_actions.check_remove_citation(actor=actor, citation=citation)
            elif form.is_valid():
                contribution = get_object_or_404(Contribution, pk=form.cleaned_data["contribution"])
                paragraph_actions.check_cite_contribution(
                    actor=actor,
                    document=found,
                    pid=form.cleaned_data["pid"],
                    contribution=contribution,
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("Citation recorded."))
            return redirect("drafting:inputs", found.pk)
        except ValidationError as exc:
            _refused(request, exc)
    return render(
        request,
        "drafting/inputs.html",
        {
            "document": found,
            "process": found.process,
            "version": version,
            "rows": inputs_by_paragraph(viewer=request.user, version=version) if version else [],
            "citable": list_citable(viewer=request.user, document=found),
            "draft": decide_for(actor, right="draft", process=found.process),
            "form": form,
        },
    )


def where(request: HttpRequest, pk: int) -> HttpResponse:
    """Per input: where it went in the texts."""
    _observe(request)
    contribution = get_contribution(viewer=request.user, pk=pk)
    rows: list[Any] = where_it_went(viewer=request.user, contribution=contribution)
    return render(
        request,
        "drafting/where.html",
        {"contribution": contribution, "process": contribution.call.process, "rows": rows},
    )
