"""Writes for amendments: propose, accept (publishing a new version), reject, merge, withdraw.

`check_*` ask the door with the actor, then call `do_*`, which validate, change and append an
audit event inside one transaction. Accepting re-publishes through `actions.publish_paragraphs`.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.text import apply_change, carry_forward, join_blocks, next_pid

from .actions import (
    acting_person,
    latest_published,
    now_or,
    publish_paragraphs,
    text_paragraphs,
    version_paragraph,
)
from .authority import has_obligation, require_for, where
from .languages import original_language, require_basis, require_original_language
from .models import Amendment, Document, Version
from .staleness import find_staleness


def do_propose_amendment(
    *,
    actor: Actor,
    version: Version,
    kind: str,
    pid: str,
    text: str,
    rationale: str,
    group: str = "",
    existing_drafts_only: bool = False,
    language: str = "",
    now: datetime | None = None,
) -> Amendment:
    """Propose to replace, insert after or delete paragraph `pid` of a published version.

    `language` (default: the document's original) is the language version the proposer read:
    it needs a human text of that paragraph (drafting.languages); machine output is never a
    basis, so a language with no human version is refused (`no_human_version`).

    With `existing_drafts_only` (an obligation of the modality, e.g. itu-wtpf after the
    preparatory period) the document must have been published before the current phase began.
    """
    moment = now_or(now)
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
        version_paragraph(version, pid)
    document = version.document
    language = language or original_language(document)
    require_basis(version, pid, language)
    proposer = acting_person(actor)
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
            language=language,
            rationale=rationale.strip(),
            proposer=proposer,
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
                "language": language,
            },
        )
        return amendment


def check_propose_amendment(
    *,
    actor: Actor,
    version: Version,
    kind: str,
    pid: str,
    text: str,
    rationale: str,
    language: str = "",
) -> Amendment:
    decision = require_for(actor, right="propose_amendment", process=version.document.process)
    return do_propose_amendment(
        actor=actor,
        version=version,
        kind=kind,
        pid=pid,
        text=text,
        rationale=rationale,
        group=",".join(sorted(decision.standing.groups)),
        existing_drafts_only=has_obligation(decision, "existing_drafts_only"),
        language=language,
    )


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
    actor: Actor,
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
    moment = now_or(now)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=amendment.document_id)
        amendment = _lock_proposed(amendment)
        last = latest_published(document)
        if last is None:  # an amendment exists only against a published version
            raise ValidationError(_("Nothing is published yet."), code="no_version")
        require_original_language(amendment)
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
            created_by=actor.user,
            created_at=moment,
            source="",
            note=_("Amendment %(id)s accepted") % {"id": amendment.pk},
        )
        publish_paragraphs(document=document, version=version, paragraphs=paragraphs, moment=moment)
        amendment.status = Amendment.Status.ACCEPTED
        amendment.reason = reason.strip()
        amendment.decided_by = actor.user
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
    *, actor: Actor, amendment: Amendment, status: str, reason: str, into: Amendment | None = None
) -> Amendment:
    if not reason.strip():
        raise ValidationError(_("Say why: the reason is shown to everyone."), code="required")
    with transaction.atomic():
        amendment = _lock_proposed(amendment)
        amendment.status = status
        amendment.reason = reason.strip()
        amendment.decided_by = actor.user
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


def do_reject_amendment(*, actor: Actor, amendment: Amendment, reason: str) -> Amendment:
    return _decide(
        actor=actor, amendment=amendment, status=Amendment.Status.REJECTED, reason=reason
    )


def do_merge_amendment(
    *, actor: Actor, amendment: Amendment, into: Amendment, reason: str
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
    actor: Actor,
    amendment: Amendment,
    decision: str,
    reason: str = "",
    into: Amendment | None = None,
    rebase: bool = False,
) -> Version | Amendment:
    require_for(actor, right="draft", process=amendment.document.process)
    if decision == "accept":
        return do_accept_amendment(actor=actor, amendment=amendment, reason=reason, rebase=rebase)
    if decision == "reject":
        return do_reject_amendment(actor=actor, amendment=amendment, reason=reason)
    if decision == "merge" and into is not None:
        return do_merge_amendment(actor=actor, amendment=amendment, into=into, reason=reason)
    raise ValidationError(_("Unknown decision."), code="invalid")


def do_withdraw_amendment(*, actor: Actor, amendment: Amendment) -> Amendment:
    if actor.user is None or amendment.proposer_id != actor.user.pk:
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
