"""Writes for documents, versions, citations, paragraph comments and amendments.

`check_*` ask the door (see `authority.py`), then call `do_*`, which validate, change and
append an audit event inside one transaction. A published version is never written again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.contributions.models import Contribution
from roundtable.permissions.door import get_modality
from roundtable.processes.models import Process
from roundtable.text import Paragraph as TextParagraph
from roundtable.text import apply_change, carry_forward, first_version, join_blocks, next_pid

from .authority import decide_for, has_obligation, new_drafts_closed, require_for, where
from .models import Amendment, Citation, Document, Paragraph, ParagraphComment, Version
from .staleness import find_staleness


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def latest_published(document: Document) -> Version | None:
    return document.versions.filter(status=Version.Status.PUBLISHED).order_by("-number").first()


def text_paragraphs(version: Version) -> list[TextParagraph]:
    return [TextParagraph(p.pid, p.number, p.text) for p in version.paragraphs.order_by("number")]


def _refuse_published(version: Version) -> None:
    if version.published:
        raise ValidationError(
            _("Version %(n)s is published: published versions cannot change.")
            % {"n": version.number},
            code="published",
        )


# --- documents and versions -----------------------------------------------------------------


def do_create_document(
    *,
    actor: Any,
    process: Process,
    slug: str,
    title: str,
    source: str,
    now: datetime | None = None,
) -> Document:
    """A new document with its first working draft (unpublished)."""
    if not title.strip() or not source.strip():
        raise ValidationError(_("A document needs a title and a text."), code="required")
    if Document.objects.filter(process=process, slug=slug).exists():
        raise ValidationError(
            _("This process already has a document “%(slug)s”.") % {"slug": slug}, code="exists"
        )
    moment = _now(now)
    with transaction.atomic():
        document = Document.objects.create(
            process=process, slug=slug, title=title.strip(), created_by=actor, created_at=moment
        )
        Version.objects.create(
            document=document, source=source, created_by=actor, created_at=moment
        )
        record_event(
            actor=actor,
            verb="document.created",
            target=document,
            summary={"process": process.pk, "slug": slug, "title": title},
        )
        return document


def check_create_document(*, request: Any, process: Process, **fields: Any) -> Document:
    require_for(request, right="draft", process=process)
    here = where(process)
    closed_by = new_drafts_closed(get_modality(here.modality), here.context["phase"])
    if closed_by:
        raise ValidationError(
            _(
                "No new draft text may be introduced in this phase: only amendments to the "
                "existing drafts (rule %(rule)s)."
            )
            % {"rule": closed_by},
            code="existing_drafts_only",
        )
    return do_create_document(actor=request.user, process=process, **fields)


def do_save_draft(
    *, actor: Any, document: Document, source: str, note: str = "", now: datetime | None = None
) -> Version:
    """Create or update the document's working draft (the next version, unpublished)."""
    if not source.strip():
        raise ValidationError(_("The text cannot be empty."), code="required")
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        draft = document.versions.filter(status=Version.Status.DRAFT).first()
        if draft is None:
            draft = Version(document=document, created_by=actor, created_at=_now(now))
        _refuse_published(draft)
        draft.source = source
        draft.note = note
        draft.save()
        record_event(
            actor=actor,
            verb="draft.saved",
            target=document,
            summary={"version": draft.pk, "chars": len(source)},
        )
        return draft


def check_save_draft(*, request: Any, document: Document, **fields: Any) -> Version:
    require_for(request, right="draft", process=document.process)
    return do_save_draft(actor=request.user, document=document, **fields)


def _publish(
    *,
    document: Document,
    version: Version,
    paragraphs: list[TextParagraph],
    moment: datetime,
) -> Version:
    last = latest_published(document)
    version.number = (last.number or 0) + 1 if last is not None else 1
    version.status = Version.Status.PUBLISHED
    version.published_at = moment
    version.source = join_blocks([p.text for p in paragraphs])
    version.save()
    Paragraph.objects.bulk_create(
        [Paragraph(version=version, pid=p.pid, number=p.number, text=p.text) for p in paragraphs]
    )
    used = list(dict.fromkeys([*document.used_pids, *(p.pid for p in paragraphs)]))
    Document.objects.filter(pk=document.pk).update(used_pids=used)
    document.used_pids = used
    return version


def _unchanged(number: int) -> ValidationError:
    """A working draft that says what version `number` says is not a new version (409)."""
    return ValidationError(
        _(
            "The working draft is identical to version %(n)s: there is nothing new to "
            "publish. Change the text first, or discard the working draft."
        )
        % {"n": number},
        code="unchanged",
    )


def do_publish_version(
    *, actor: Any, document: Document, note: str = "", now: datetime | None = None
) -> Version:
    """Publish the working draft: paragraphs get ids carried from the last published version."""
    moment = _now(now)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        draft = document.versions.filter(status=Version.Status.DRAFT).first()
        if draft is None:
            raise ValidationError(_("There is no working draft to publish."), code="no_draft")
        last = latest_published(document)
        if last is None:
            paragraphs = first_version(draft.source)
        else:
            before = text_paragraphs(last)
            paragraphs = carry_forward(before, draft.source, used=document.used_pids)
            if [p.text for p in paragraphs] == [p.text for p in before]:
                raise _unchanged(last.number)
        if not paragraphs:
            raise ValidationError(_("The text cannot be empty."), code="required")
        if last is not None and join_blocks([p.text for p in paragraphs]) == last.source:
            raise _unchanged(last.number)
        if note:
            draft.note = note
        version = _publish(document=document, version=draft, paragraphs=paragraphs, moment=moment)
        record_event(
            actor=actor,
            verb="version.published",
            target=document,
            summary={
                "version": version.pk,
                "number": version.number,
                "paragraphs": len(paragraphs),
            },
        )
        return version


def check_publish_version(*, request: Any, document: Document, note: str = "") -> Version:
    require_for(request, right="draft", process=document.process)
    return do_publish_version(actor=request.user, document=document, note=note)


# --- traceability ---------------------------------------------------------------------------


def _ensure_pid(version: Version, pid: str) -> Paragraph:
    found = version.paragraphs.filter(pid=pid).first()
    if found is None:
        raise ValidationError(
            _("Version %(n)s has no paragraph %(pid)s.") % {"n": version.number, "pid": pid},
            code="no_paragraph",
        )
    return found


def do_cite_contribution(
    *,
    actor: Any,
    document: Document,
    pid: str,
    contribution: Contribution,
    note: str = "",
    now: datetime | None = None,
) -> Citation:
    if contribution.call.process_id != document.process_id:
        raise ValidationError(
            _("Only contributions to this process can be cited."), code="other_process"
        )
    used = Document.objects.filter(pk=document.pk).values_list("used_pids", flat=True).first()
    if pid not in (used or []):
        raise ValidationError(
            _("This document has no paragraph %(pid)s.") % {"pid": pid}, code="no_paragraph"
        )
    with transaction.atomic():
        citation, created = Citation.objects.get_or_create(
            document=document,
            pid=pid,
            contribution=contribution,
            defaults={"note": note, "created_by": actor, "created_at": _now(now)},
        )
        if created:
            record_event(
                actor=actor,
                verb="paragraph.cited",
                target=document,
                summary={"pid": pid, "contribution": contribution.pk, "note": note},
            )
        return citation


def check_cite_contribution(*, request: Any, document: Document, **fields: Any) -> Citation:
    require_for(request, right="draft", process=document.process)
    return do_cite_contribution(actor=request.user, document=document, **fields)


def do_remove_citation(*, actor: Any, citation: Citation) -> None:
    with transaction.atomic():
        record_event(
            actor=actor,
            verb="paragraph.citation_removed",
            target=citation.document,
            summary={"pid": citation.pid, "contribution": citation.contribution_id},
        )
        citation.delete()


def check_remove_citation(*, request: Any, citation: Citation) -> None:
    require_for(request, right="draft", process=citation.document.process)
    do_remove_citation(actor=request.user, citation=citation)


# --- paragraph comments ---------------------------------------------------------------------


def do_comment_paragraph(
    *, actor: Any, version: Version, pid: str, body: str, now: datetime | None = None
) -> ParagraphComment:
    if not body.strip():
        raise ValidationError(_("A comment cannot be empty."), code="required")
    if not version.published:
        raise ValidationError(_("Only published versions can be commented on."), code="draft")
    _ensure_pid(version, pid)
    with transaction.atomic():
        comment = ParagraphComment.objects.create(
            document=version.document,
            version=version,
            pid=pid,
            author=actor,
            body=body.strip(),
            posted_at=_now(now),
        )
        record_event(
            actor=actor,
            verb="paragraph.commented",
            target=version.document,
            summary={"version": version.number, "pid": pid, "comment": comment.pk},
        )
        return comment


def check_comment_paragraph(*, request: Any, version: Version, **fields: Any) -> ParagraphComment:
    require_for(request, right="comment", process=version.document.process)
    return do_comment_paragraph(actor=request.user, version=version, **fields)


# --- amendments -----------------------------------------------------------------------------


def do_propose_amendment(
    *,
    actor: Any,
    version: Version,
    kind: str,
    pid: str,
    text: str,
    rationale: str,
    group: str = "",
    existing_drafts_only: bool = False,
    now: datetime | None = None,
) -> Amendment:
    """Propose to replace, insert after or delete paragraph `pid` of a published version.

    With `existing_drafts_only` (an obligation of the modality, e.g. itu-wtpf after the
    preparatory period) the document must have been published before the current phase began.
    """
    moment = _now(now)
    if kind not in Amendment.Kind.values:
        raise ValidationError(_("Unknown kind of amendment."), code="kind")
    if not version.published:
        raise ValidationError(_("Amendments are made to published versions."), code="draft")
    if not rationale.strip():
        raise ValidationError(_("An amendment needs a rationale."), code="required")
    if kind != Amendment.Kind.DELETE and not text.strip():
        raise ValidationError(_("An amendment needs its new text."), code="required")
    if kind == Amendment.Kind.DELETE:
        text = ""
    if pid or kind != Amendment.Kind.INSERT_AFTER:
        _ensure_pid(version, pid)
    document = version.document
    if existing_drafts_only:
        here = where(document.process, now=moment)
        first = document.versions.filter(status=Version.Status.PUBLISHED).order_by("number")[0]
        starts = here.phase.starts_on if here.phase is not None else None
        if starts is not None and first.published_at and first.published_at.date() >= starts:
            raise ValidationError(
                _(
                    "In this phase amendments may only be made to the existing drafts, and "
                    "“%(title)s” was introduced after the preparatory period."
                )
                % {"title": document.title},
                code="existing_drafts_only",
            )
    with transaction.atomic():
        amendment = Amendment.objects.create(
            document=document,
            base=version,
            kind=kind,
            pid=pid,
            text=text.strip(),
            rationale=rationale.strip(),
            proposer=actor,
            group=group[:50],
            proposed_at=moment,
        )
        record_event(
            actor=actor,
            verb="amendment.proposed",
            row=amendment,
            target=document,
            summary={
                "amendment": amendment.pk,
                "version": version.number,
                "kind": kind,
                "pid": pid,
            },
        )
        return amendment


def check_propose_amendment(*, request: Any, version: Version, **fields: Any) -> Amendment:
    decision = require_for(request, right="propose_amendment", process=version.document.process)
    return do_propose_amendment(
        actor=request.user,
        version=version,
        group=",".join(sorted(decision.standing.groups)),
        existing_drafts_only=has_obligation(decision, "existing_drafts_only"),
        **fields,
    )


def do_discard_draft(*, actor: Any, document: Document) -> None:
    """Throw away the working draft; the published versions stay as they are.

    Refused while nothing is published: the draft is then the document's only text.
    """
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        draft = document.versions.filter(status=Version.Status.DRAFT).first()
        if draft is None:
            raise ValidationError(_("There is no working draft to discard."), code="no_draft")
        if latest_published(document) is None:
            raise ValidationError(
                _(
                    "Nothing is published yet: the working draft is the document's only "
                    "text. Publish it instead."
                ),
                code="only_text",
            )
        record_event(
            actor=actor,
            verb="draft.discarded",
            target=document,
            summary={"version": draft.pk, "chars": len(draft.source)},
        )
        draft.delete()


def check_discard_draft(*, request: Any, document: Document) -> None:
    require_for(request, right="draft", process=document.process)
    do_discard_draft(actor=request.user, document=document)


def _draft_with_change(
    document: Document, draft: Version, last: Version, amendment: Amendment
) -> str:
    """The working draft's text with the amendment's change applied to it too.

    The draft's paragraphs get the ids that publishing it would give them (carried from
    `last`, the version the amendment is applied to). The change is carried over only where
    the draft left the paragraph it touches (for an insertion: the paragraph it follows) as
    it stands in `last`; otherwise publishing the draft could undo or garble the accepted
    change, so the acceptance is refused and the drafter publishes or discards the draft
    first.
    """
    before = text_paragraphs(last)
    drafted = carry_forward(before, draft.source, used=document.used_pids)

    def refuse() -> ValidationError:
        return ValidationError(
            _(
                "The working draft has changed or removed paragraph %(pid)s, where this "
                "amendment applies, so publishing the draft later would undo the accepted "
                "change. Publish the working draft (then decide on this amendment against the "
                "new version) or discard it first."
            )
            % {"pid": amendment.pid},
            code="draft_conflict",
        )

    if amendment.pid:
        kept = next((p for p in before if p.pid == amendment.pid), None)
        mine = next((p for p in drafted if p.pid == amendment.pid), None)
        if kept is None or mine is None or mine.text != kept.text:
            raise refuse()
    changed = apply_change(
        drafted,
        kind=amendment.kind,
        pid=amendment.pid or None,
        text=amendment.text,
        next_number=next_pid([*document.used_pids, *(p.pid for p in drafted)]),
    )
    if not changed:
        raise ValidationError(
            _(
                "This amendment would leave the working draft empty. Publish or discard the "
                "working draft first."
            ),
            code="draft_conflict",
        )
    return join_blocks([p.text for p in changed])


def _lock_proposed(amendment: Amendment) -> Amendment:
    locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if locked.status != Amendment.Status.PROPOSED:
        raise ValidationError(
            _("This amendment is already %(status)s.") % {"status": locked.get_status_display()},
            code="decided",
        )
    return locked


def do_accept_amendment(
    *,
    actor: Any,
    amendment: Amendment,
    reason: str = "",
    rebase: bool = False,
    now: datetime | None = None,
) -> Version:
    """Accept: apply the amendment to the latest published version, publishing a new one.

    If its paragraph changed since the version it was drafted against, the acceptance is
    refused (`stale_amendment`) unless `rebase`: the secretariat's explicit choice to apply it
    against the current text, recorded in the event.

    A working draft, if there is one, gets the same change (see `_draft_with_change`), so
    publishing it later cannot silently undo the accepted amendment; where the draft has
    changed the paragraph concerned, the acceptance is refused.
    """
    moment = _now(now)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=amendment.document_id)
        amendment = _lock_proposed(amendment)
        last = latest_published(document)
        if last is None:  # an amendment exists only against a published version
            raise ValidationError(_("Nothing is published yet."), code="no_version")
        stale = find_staleness(amendment, last)
        if stale is not None and not rebase:
            raise ValidationError(
                _(
                    "Paragraph %(pid)s has changed since version %(base)s, against which this "
                    "amendment was drafted (the current text is that of version %(latest)s). "
                    "Accepting it would overwrite text its proposer never read: reject it, or "
                    "accept it against the current text after reading both."
                )
                % {"pid": stale.pid, "base": stale.base_number, "latest": stale.latest_number},
                code="stale_amendment",
            )
        try:
            paragraphs = apply_change(
                text_paragraphs(last),
                kind=amendment.kind,
                pid=amendment.pid or None,
                text=amendment.text,
                next_number=next_pid(document.used_pids),
            )
        except KeyError:
            raise ValidationError(
                _(
                    "Paragraph %(pid)s is no longer in the latest version: merge this amendment "
                    "into another or reject it."
                )
                % {"pid": amendment.pid},
                code="conflict",
            ) from None
        if not paragraphs:
            raise ValidationError(_("A document cannot lose its last paragraph."), code="empty")
        draft = document.versions.select_for_update().filter(status=Version.Status.DRAFT).first()
        draft_source = (
            _draft_with_change(document, draft, last, amendment) if draft is not None else None
        )
        version = Version(
            document=document,
            created_by=actor,
            created_at=moment,
            source="",
            note=_("Amendment %(id)s accepted") % {"id": amendment.pk},
        )
        _publish(document=document, version=version, paragraphs=paragraphs, moment=moment)
        amendment.status = Amendment.Status.ACCEPTED
        amendment.reason = reason.strip()
        amendment.decided_by = actor
        amendment.decided_at = moment
        amendment.result = version
        amendment.save()
        record_event(
            actor=actor,
            verb="amendment.accepted",
            row=amendment,
            target=document,
            summary={
                "amendment": amendment.pk,
                "version": version.number,
                "reason": reason,
                "draft_updated": draft is not None,
                "rebased_from": stale.base_number if stale is not None else None,
            },
        )
        if draft is not None and draft_source is not None:
            # The working draft stays the draft, now carrying the accepted change too.
            draft.source = draft_source
            draft.save(update_fields=["source"])
            record_event(
                actor=actor,
                verb="draft.saved",
                target=document,
                summary={
                    "version": draft.pk,
                    "chars": len(draft_source),
                    "amendment": amendment.pk,
                },
            )
        return version


def _decide(
    *, actor: Any, amendment: Amendment, status: str, reason: str, into: Amendment | None = None
) -> Amendment:
    if not reason.strip():
        raise ValidationError(_("Say why: the reason is shown to everyone."), code="required")
    with transaction.atomic():
        amendment = _lock_proposed(amendment)
        amendment.status = status
        amendment.reason = reason.strip()
        amendment.decided_by = actor
        amendment.decided_at = timezone.now()
        amendment.merged_into = into
        amendment.save()
        record_event(
            actor=actor,
            verb=f"amendment.{status}",
            row=amendment,
            target=amendment.document,
            summary={
                "amendment": amendment.pk,
                "reason": reason,
                "merged_into": into.pk if into else None,
            },
        )
        return amendment


def do_reject_amendment(*, actor: Any, amendment: Amendment, reason: str) -> Amendment:
    return _decide(
        actor=actor, amendment=amendment, status=Amendment.Status.REJECTED, reason=reason
    )


def do_merge_amendment(
    *, actor: Any, amendment: Amendment, into: Amendment, reason: str
) -> Amendment:
    """Mark as merged into another amendment of the same document (which carries its intent)."""
    if into.pk == amendment.pk or into.document_id != amendment.document_id:
        raise ValidationError(
            _("Merge into another amendment of the same document."), code="merge_target"
        )
    if into.status not in (Amendment.Status.PROPOSED, Amendment.Status.ACCEPTED):
        raise ValidationError(
            _("The target amendment is %(status)s.") % {"status": into.get_status_display()},
            code="merge_target",
        )
    return _decide(
        actor=actor, amendment=amendment, status=Amendment.Status.MERGED, reason=reason, into=into
    )


def check_decide_amendment(
    *,
    request: Any,
    amendment: Amendment,
    decision: str,
    reason: str = "",
    into: Amendment | None = None,
    rebase: bool = False,
) -> Any:
    require_for(request, right="draft", process=amendment.document.process)
    if decision == "accept":
        return do_accept_amendment(
            actor=request.user, amendment=amendment, reason=reason, rebase=rebase
        )
    if decision == "reject":
        return do_reject_amendment(actor=request.user, amendment=amendment, reason=reason)
    if decision == "merge" and into is not None:
        return do_merge_amendment(actor=request.user, amendment=amendment, into=into, reason=reason)
    raise ValidationError(_("Unknown decision."), code="invalid")


def do_withdraw_amendment(*, actor: Any, amendment: Amendment) -> Amendment:
    if amendment.proposer_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the proposer may withdraw an amendment."))
    with transaction.atomic():
        amendment = _lock_proposed(amendment)
        amendment.status = Amendment.Status.WITHDRAWN
        amendment.decided_at = timezone.now()
        amendment.save()
        record_event(
            actor=actor,
            verb="amendment.withdrawn",
            row=amendment,
            target=amendment.document,
            summary={"amendment": amendment.pk},
        )
        return amendment


def can(request: Any, right: str, process: Process) -> Any:
    """The decision (allowed or not, with its reason) for showing a control."""
    return decide_for(request, right=right, process=process)
