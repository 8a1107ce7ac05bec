"""REST endpoints for documents, versions, redlines, amendments and traceability, mounted in
the project API at /api/ by ``api.add_router("", "roundtable.drafting.api.router",
auth=token)``; the adoption endpoints of `roundtable.decisions.api` hang from this router.

The project's `TokenOrAnonymous` auth applies to every endpoint here: without a token the
door decides for an anonymous visitor (reads are public), with one for its owner; writes ask
the door exactly as the pages do. (These modules do not import `roundtable.api.api`, which
imports them.)
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from pydantic import Field

from roundtable.contributions.models import Contribution
from roundtable.contributions.queries import get_contribution
from roundtable.inputs.bounds import (
    Body,
    Code,
    FilledBody,
    FilledTitle,
    Input,
    InterfaceLanguage,
    Note,
    Slug,
)
from roundtable.outputs.errors import Error, NotSignedIn
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.processes.queries import get_process
from roundtable.venues.people import public_name

from . import actions, amendment_actions, paragraph_actions
from .models import Amendment, Document, Version
from .queries import (
    amendment_redline,
    get_amendment,
    get_document,
    get_version,
    inputs_by_paragraph,
    list_amendments,
    list_documents,
    list_versions,
    redline,
    where_it_went,
)

router = Router(tags=["drafting"])
ERRORS = {status: Error for status in (400, 401, 403, 404, 409, 422)}
WRITE: dict[str, Any] = {"response": {201: dict, **ERRORS}}
READ: dict[str, Any] = {"response": {200: dict, 404: Error}}


class DocumentIn(Input):
    slug: Slug
    title: FilledTitle
    source: FilledBody
    audience: Literal["public", "members"] = "public"


class DraftIn(Input):
    source: Annotated[Body, Field(min_length=1)]
    note: Note = ""


class PublishIn(Input):
    note: Note = ""


class AmendmentIn(Input):
    kind: Code
    pid: Code = ""
    text: Body = ""
    rationale: FilledBody
    # The language version the proposer read (default: the document's original); another
    # needs an up-to-date human translation of the paragraph (400 `no_human_version`).
    language: InterfaceLanguage | None = None


class AmendmentDecisionIn(Input):
    decision: Code
    reason: Body = ""
    into: int | None = None
    # Accept an amendment whose paragraph changed since its base version, against the
    # current text (otherwise 409 `stale_amendment`).
    rebase: bool = False


class ParagraphCommentIn(Input):
    pid: Code
    body: FilledBody


class CitationIn(Input):
    pid: Code
    contribution: int
    note: Note = ""


def _observe(request: HttpRequest) -> None:
    require(request, right="observe", modality="platform")


def version_json(version: Version) -> dict[str, Any]:
    return {
        "number": version.number,
        "published_at": version.published_at,
        "note": version.note,
        "source": version.source,
        "paragraphs": [
            {"pid": p.pid, "number": p.number, "text": p.text}
            for p in version.paragraphs.order_by("number")
        ],
    }


def document_json(document: Document, *, full: bool = True) -> dict[str, Any]:
    versions = list_versions(viewer=None, document=document)
    out: dict[str, Any] = {
        "id": document.pk,
        "process": f"{document.process.venue.slug}/{document.process.slug}",
        "slug": document.slug,
        "title": document.title,
        "audience": document.audience,
        "versions": [v.number for v in versions],
    }
    if full:
        out["latest"] = version_json(versions[-1]) if versions else None
    return out


def amendment_json(a: Amendment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "document": a.document_id,
        "base_version": a.base.number,
        "kind": a.kind,
        "pid": a.pid,
        "text": a.text,
        "language": a.language,
        "rationale": a.rationale,
        "proposer": public_name(a.proposer),
        "group": a.group,
        "status": a.status,
        "reason": a.reason,
        "result_version": a.result.number if a.result else None,
        "merged_into": a.merged_into_id,
        "proposed_at": a.proposed_at,
        "decided_at": a.decided_at,
    }


@router.get(
    "/processes/{venue}/{process}/documents", response={200: list[dict[str, Any]], 404: Error}
)
def documents(request: HttpRequest, venue: str, process: str) -> Any:
    _observe(request)
    found = get_process(viewer=request.user, venue=venue, slug=process)
    return [
        document_json(d, full=False) for d in list_documents(viewer=request.user, process=found)
    ]


@router.post("/processes/{venue}/{process}/documents", **WRITE)
def create_document(request: HttpRequest, venue: str, process: str, payload: DocumentIn) -> Any:
    """Create a document and its working draft (right `draft`)."""
    found = get_process(viewer=request.user, venue=venue, slug=process)
    document = actions.check_create_document(
        actor=Actor.of_request(request),
        process=found,
        slug=payload.slug,
        title=payload.title,
        source=payload.source,
        audience=payload.audience,
    )
    return 201, document_json(document)


@router.get("/documents/{document_id}", **READ)
def document(request: HttpRequest, document_id: int) -> Any:
    _observe(request)
    return document_json(get_document(viewer=request.user, pk=document_id))


@router.get("/documents/{document_id}/versions/{number}", **READ)
def version(request: HttpRequest, document_id: int, number: int) -> Any:
    _observe(request)
    found = get_document(viewer=request.user, pk=document_id)
    return version_json(get_version(viewer=request.user, document=found, number=number))


@router.put("/documents/{document_id}/draft", **WRITE)
def save_draft(request: HttpRequest, document_id: int, payload: DraftIn) -> Any:
    """Save the working draft (right `draft`); a published version never changes."""
    found = get_document(viewer=request.user, pk=document_id)
    draft = actions.check_save_draft(
        actor=Actor.of_request(request), document=found, source=payload.source, note=payload.note
    )
    return 201, {"document": found.pk, "status": draft.status, "source": draft.source}


@router.delete("/documents/{document_id}/draft", response={200: dict, **ERRORS})
def discard_draft(request: HttpRequest, document_id: int) -> Any:
    """Discard the working draft (right `draft`); the published versions stay."""
    found = get_document(viewer=request.user, pk=document_id)
    actions.check_discard_draft(actor=Actor.of_request(request), document=found)
    return 200, {"document": found.pk, "draft": None}


@router.post("/documents/{document_id}/versions", **WRITE)
def publish(request: HttpRequest, document_id: int, payload: PublishIn) -> Any:
    """Publish the working draft as the next version (right `draft`)."""
    found = get_document(viewer=request.user, pk=document_id)
    return 201, version_json(
        actions.check_publish_version(
            actor=Actor.of_request(request), document=found, note=payload.note
        )
    )


@router.get("/documents/{document_id}/redline", **READ)
def document_redline(request: HttpRequest, document_id: int, old: int = 0, new: int = 0) -> Any:
    """Word-level redline between versions `old` and `new` (default: the last two)."""
    _observe(request)
    found = get_document(viewer=request.user, pk=document_id)
    versions = list_versions(viewer=request.user, document=found)
    new = new or (versions[-1].number if versions else 0) or 0
    old = old or max(1, new - 1)
    result = redline(
        viewer=request.user,
        old=get_version(viewer=request.user, document=found, number=old),
        new=get_version(viewer=request.user, document=found, number=new),
    )
    return {"old": old, "new": new, **result.to_json()}


@router.get("/documents/{document_id}/amendments", response={200: list[dict[str, Any]], 404: Error})
def amendments(request: HttpRequest, document_id: int) -> Any:
    _observe(request)
    found = get_document(viewer=request.user, pk=document_id)
    return [amendment_json(a) for a in list_amendments(viewer=request.user, document=found)]


@router.post("/documents/{document_id}/amendments", **WRITE)
def propose(request: HttpRequest, document_id: int, payload: AmendmentIn) -> Any:
    """Propose an amendment to the latest version (right `propose_amendment`, with the
    modality's obligations, e.g. existing drafts only)."""
    found = get_document(viewer=request.user, pk=document_id)
    latest = actions.latest_published(found)
    if latest is None:
        return 409, {"error": {"code": "no_version", "message": "Nothing is published yet."}}
    made = amendment_actions.check_propose_amendment(
        actor=Actor.of_request(request),
        version=latest,
        kind=payload.kind,
        pid=payload.pid,
        text=payload.text,
        rationale=payload.rationale,
        language=payload.language or "",
    )
    return 201, amendment_json(made)


@router.get("/amendments/{amendment_id}", **READ)
def amendment(request: HttpRequest, amendment_id: int) -> Any:
    _observe(request)
    found = get_amendment(viewer=request.user, pk=amendment_id)
    return {**amendment_json(found), "redline": amendment_redline(found)}


@router.post("/amendments/{amendment_id}/decision", **WRITE)
def decide_amendment(request: HttpRequest, amendment_id: int, payload: AmendmentDecisionIn) -> Any:
    """Accept (publishes a new version), reject or merge, with the drafter's reason. An
    amendment whose paragraph changed since its base version is refused (409
    `stale_amendment`) unless `rebase` is true."""
    found = get_amendment(viewer=request.user, pk=amendment_id)
    into = get_object_or_404(Amendment, pk=payload.into) if payload.into else None
    amendment_actions.check_decide_amendment(
        actor=Actor.of_request(request),
        amendment=found,
        decision=payload.decision,
        reason=payload.reason,
        into=into,
        rebase=payload.rebase,
    )
    return 201, amendment_json(get_amendment(viewer=request.user, pk=found.pk))


@router.post("/amendments/{amendment_id}/withdraw", **WRITE)
def withdraw_amendment(request: HttpRequest, amendment_id: int) -> Any:
    found = get_amendment(viewer=request.user, pk=amendment_id)
    if not request.user.is_authenticated:
        raise NotSignedIn()
    withdrawn = amendment_actions.do_withdraw_amendment(
        actor=Actor.of_request(request), amendment=found
    )
    return 201, amendment_json(withdrawn)


@router.post("/documents/{document_id}/comments", **WRITE)
def comment(request: HttpRequest, document_id: int, payload: ParagraphCommentIn) -> Any:
    """Comment on a paragraph of the latest version (right `comment`)."""
    found = get_document(viewer=request.user, pk=document_id)
    latest = get_object_or_404(
        Version, pk=getattr(actions.latest_published(found), "pk", None) or 0
    )
    made = paragraph_actions.check_comment_paragraph(
        actor=Actor.of_request(request), version=latest, pid=payload.pid, body=payload.body
    )
    return 201, {"id": made.pk, "pid": made.pid, "version": latest.number, "body": made.body}


@router.get("/documents/{document_id}/comments", response={200: list[dict[str, Any]], 404: Error})
def comments(request: HttpRequest, document_id: int) -> Any:
    """Paragraph comments, oldest first, with the version and paragraph id they address."""
    _observe(request)
    found = get_document(viewer=request.user, pk=document_id)
    return [
        {
            "id": c.pk,
            "version": c.version.number,
            "pid": c.pid,
            "author": public_name(c.author),
            "body": c.body,
            "posted_at": c.posted_at,
        }
        for c in found.comments.select_related("version", "author__profile")
    ]


@router.post("/documents/{document_id}/citations", **WRITE)
def cite(request: HttpRequest, document_id: int, payload: CitationIn) -> Any:
    """Record that paragraph `pid` cites a contribution (right `draft`)."""
    found = get_document(viewer=request.user, pk=document_id)
    contribution = get_object_or_404(Contribution, pk=payload.contribution)
    made = paragraph_actions.check_cite_contribution(
        actor=Actor.of_request(request),
        document=found,
        pid=payload.pid,
        contribution=contribution,
        note=payload.note,
    )
    return 201, {"id": made.pk, "pid": made.pid, "contribution": contribution.pk}


@router.get("/documents/{document_id}/inputs", response={200: list[dict[str, Any]], 404: Error})
def inputs(request: HttpRequest, document_id: int) -> Any:
    """Per paragraph of the latest version, the contributions it cites."""
    _observe(request)
    found = get_document(viewer=request.user, pk=document_id)
    latest = actions.latest_published(found)
    if latest is None:
        return []
    return [
        {
            "pid": p.pid,
            "number": p.number,
            "contributions": [
                {"id": c.contribution_id, "title": c.contribution.title, "note": c.note}
                for c in citations
            ],
        }
        for p, citations in inputs_by_paragraph(viewer=request.user, version=latest)
    ]


@router.get(
    "/contributions/{contribution_id}/where", response={200: list[dict[str, Any]], 404: Error}
)
def where(request: HttpRequest, contribution_id: int) -> Any:
    """Per input, where it went: each citing paragraph as it stands now (null: deleted)."""
    _observe(request)
    found = get_contribution(viewer=request.user, pk=contribution_id)
    return [
        {
            "document": r.document.pk,
            "pid": r.pid,
            "number": r.current.number if r.current else None,
            "text": r.current.text if r.current else None,
        }
        for r in where_it_went(viewer=request.user, contribution=found)
    ]
