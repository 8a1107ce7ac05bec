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
from roundtable.permissions.door import require
from roundtable.processes.queries import get_process

from . import actions
from .authority import decide_for
from .forms import (
    AmendmentForm,
    CiteForm,
    CommentForm,
    DecideAmendmentForm,
    DocumentForm,
    DraftForm,
)
from .models import Amendment, Citation
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
    draft = decide_for(request, right="draft", process=found)
    form = DocumentForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            document = actions.check_create_document(
                request=request, process=found, **form.cleaned_data
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
    rows = paragraph_views(viewer=request.user, version=version) if version else []
    for row in rows:
        row.html = render_markdown(row.paragraph.text)  # type: ignore[attr-defined]
    from roundtable.decisions.queries import list_adoptions, list_outcomes

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
            "amend": decide_for(request, right="propose_amendment", process=process),
            "comment": decide_for(request, right="comment", process=process),
            "draft": decide_for(request, right="draft", process=process),
            "run": decide_for(request, right="run_adoption", process=process),
            "amend_form": AmendmentForm(
                paragraphs=[(r.paragraph.pid, f"¶{r.paragraph.number}") for r in rows]
            ),
            "adoptions": list_adoptions(viewer=request.user, document=found),
            "outcomes": list_outcomes(viewer=request.user, document=found),
        },
    )


def draft(request: HttpRequest, pk: int) -> HttpResponse:
    _observe(request)
    found = get_document(viewer=request.user, pk=pk)
    decision = decide_for(request, right="draft", process=found.process)
    current = working_draft(viewer=request.user, document=found)
    latest = found.versions.filter(status="published").order_by("-number").first()
    if request.method == "POST" and request.POST.get("discard"):
        try:
            actions.check_discard_draft(request=request, document=found)
        except ValidationError as exc:
            _refused(request, exc)
            return redirect("drafting:draft", found.pk)
        messages.success(request, _("Working draft discarded."))
        return redirect("drafting:document", found.pk)
    initial = {"source": current.source if current else (latest.source if latest else "")}
    form = DraftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("publish"):
                if form.cleaned_data["source"] != (current.source if current else None):
                    actions.check_save_draft(request=request, document=found, **form.cleaned_data)
                version = actions.check_publish_version(
                    request=request, document=found, note=form.cleaned_data["note"]
                )
                messages.success(request, _("Version %(n)s is published.") % {"n": version.number})
                return redirect("drafting:document", found.pk)
            actions.check_save_draft(request=request, document=found, **form.cleaned_data)
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
    version = get_version(
        viewer=request.user, document=found, number=int_param(request.POST, "version", default=0)
    )
    pids = list(version.paragraphs.values_list("pid", "number"))
    form = AmendmentForm(request.POST, paragraphs=[(p, str(n)) for p, n in pids])
    if request.method == "POST" and form.is_valid():
        try:
            amendment = actions.check_propose_amendment(
                request=request, version=version, **form.cleaned_data
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
    version = get_version(
        viewer=request.user, document=found, number=int_param(request.POST, "version", default=0)
    )
    form = CommentForm(request.POST)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_comment_paragraph(request=request, version=version, **form.cleaned_data)
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
    form = DecideAmendmentForm(request.POST or None)
    stale = get_staleness(viewer=request.user, amendment=found)
    if stale is None:
        # The re-basing confirmation is offered only where the paragraph changed.
        form.fields.pop("rebase")
    if request.method == "POST":
        try:
            if request.POST.get("withdraw"):
                actions.do_withdraw_amendment(actor=request.user, amendment=found)
                messages.success(request, _("Amendment withdrawn."))
            elif form.is_valid():
                into = None
                if form.cleaned_data["decision"] == "merge":
                    into = get_object_or_404(Amendment, pk=form.cleaned_data["into"] or 0)
                result = actions.check_decide_amendment(
                    request=request,
                    amendment=found,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    into=into,
                    rebase=bool(form.cleaned_data.get("rebase")),
                )
                if form.cleaned_data["decision"] == "accept":
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
            "rows": amendment_redline(found),
            "draft": decide_for(request, right="draft", process=process),
            "form": form,
            "stale": stale,
        },
    )


def redline_page(request: HttpRequest, pk: int) -> HttpResponse:
    _observe(request)
    found = get_document(viewer=request.user, pk=pk)
    versions = list_versions(viewer=request.user, document=found)
    if not versions:
        return redirect("drafting:document", found.pk)
    new_n = int_param(request.GET, "to", default=versions[-1].number or 1, minimum=1)
    old_n = int_param(request.GET, "from", default=max(1, (new_n or 1) - 1), minimum=1)
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
    form = CiteForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("remove"):
                citation = get_object_or_404(
                    Citation, pk=int_param(request.POST, "remove"), document=found
                )
                actions.check_remove_citation(request=request, citation=citation)
            elif form.is_valid():
                contribution = get_object_or_404(Contribution, pk=form.cleaned_data["contribution"])
                actions.check_cite_contribution(
                    request=request,
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
            "draft": decide_for(request, right="draft", process=found.process),
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
