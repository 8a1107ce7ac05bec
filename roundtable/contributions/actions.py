"""Writes for calls for input, contributions and comments.

`check_*` ask the door (the process's modality in its current phase, or the participation rule
file for moderation and managing calls), then the `do_*` change and audit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.inputs.uploads import check_uploads
from roundtable.modalities.engine import Decision
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.processes.models import Process
from roundtable.processes.setup import require_manage_process
from roundtable.processes.situation import situation
from roundtable.stakeholders.disclosures import require_disclosures
from roundtable.stakeholders.models import Delegation, Organisation
from roundtable.stakeholders.queries import standing_accreditation

from . import tallies
from .models import Attachment, CallForInput, Comment, Contribution

# CallClosed is re-exported: callers of the actions catch it from here.
from .periods import CallClosed as CallClosed
from .periods import check_reply_target, require_now
from .rendering import count_words, render_markdown

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def word_limit(decision: Decision) -> int | None:
    """The tightest word_limit obligation of a decision, if any."""
    limits = [int(o.value) for o in decision.obligations if o.kind == "word_limit"]
    return min(limits) if limits else None


def _author(actor: Actor) -> User:
    """The account that writes a contribution or a comment: nobody cannot."""
    if actor.user is None:
        raise PermissionDenied
    return actor.user


# --- calls ----------------------------------------------------------------------------------


def do_open_call(
    *,
    actor: Actor,
    process: Process,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    description: str = "",
    reply_closes_at: datetime | None = None,
) -> CallForInput:
    if closes_at <= opens_at:
        raise ValidationError(_("A call must close after it opens."), code="invalid_dates")
    if reply_closes_at is not None and reply_closes_at <= closes_at:
        raise ValidationError(
            _("The reply period must close after the comment period."), code="invalid_dates"
        )
    with transaction.atomic():
        call = CallForInput.objects.create(
            process=process,
            title=title,
            description=description,
            opens_at=opens_at,
            closes_at=closes_at,
            reply_closes_at=reply_closes_at,
        )
        record_event(
            actor=actor,
            verb="call.opened",
            target=process,
            summary={
                "call": call.pk,
                "title": title,
                "opens_at": opens_at.isoformat(),
                "closes_at": closes_at.isoformat(),
                "reply_closes_at": reply_closes_at.isoformat() if reply_closes_at else None,
            },
        )
        return call


def check_open_call(
    *,
    actor: Actor,
    process: Process,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    description: str = "",
    reply_closes_at: datetime | None = None,
) -> CallForInput:
    require_manage_process(actor, process.venue)
    return do_open_call(
        actor=actor,
        process=process,
        title=title,
        opens_at=opens_at,
        closes_at=closes_at,
        description=description,
        reply_closes_at=reply_closes_at,
    )


def do_close_call(*, actor: Actor, call: CallForInput, now: datetime | None = None) -> CallForInput:
    """Close a call now; a call already closed is refused (`already_closed`), and so is one
    that has not opened (`not_open`: change its dates instead)."""
    now = now or timezone.now()
    if call.closes_at <= now:
        raise ValidationError(
            _("The call “%(title)s” is already closed.") % {"title": call.title},
            code="already_closed",
        )
    if call.opens_at > now:
        raise ValidationError(
            _("The call “%(title)s” has not opened yet.") % {"title": call.title},
            code="call_not_open",
        )
    with transaction.atomic():
        call.closes_at = now
        call.save(update_fields=["closes_at"])
        record_event(
            actor=actor,
            verb="call.closed",
            target=call.process,
            summary={"call": call.pk, "closes_at": now.isoformat()},
        )
    return call


def check_close_call(*, actor: Actor, call: CallForInput) -> CallForInput:
    require_manage_process(actor, call.process.venue)
    return do_close_call(actor=actor, call=call)


# --- contributions --------------------------------------------------------------------------


def do_submit_contribution(
    *,
    actor: Actor,
    call: CallForInput,
    title: str,
    body: str,
    language: str,
    organisation: Organisation | None = None,
    delegation: Delegation | None = None,
    attachments: Sequence[UploadedFile[bytes]] = (),
    limit: int | None = None,
    now: datetime | None = None,
    late: bool = False,
    replies_to: Contribution | None = None,
) -> Contribution:
    """Store a contribution (Markdown rendered safely once, here) and its attachments; `late`
    marks one sent after its period closed, `replies_to` the contribution a reply answers."""
    title = title.strip()
    if not title or not body.strip():
        raise ValidationError(_("A contribution needs a title and a text."), code="required")
    if language not in LANGUAGE_CODES:
        raise ValidationError(
            _("Unknown language “%(code)s”; use one of %(codes)s.")
            % {"code": language, "codes": ", ".join(sorted(LANGUAGE_CODES))},
            code="language",
        )
    words = count_words(body)
    if limit is not None and words > limit:
        raise ValidationError(
            _("Your text has %(words)d words; the modality allows at most %(limit)d here.")
            % {"words": words, "limit": limit},
            code="word_limit",
        )
    for attachment in attachments:
        if attachment.size and attachment.size > MAX_ATTACHMENT_BYTES:
            raise ValidationError(
                _("“%(name)s” is larger than 20 MB.") % {"name": attachment.name}, code="size"
            )
    check_uploads(attachments, total_cap=settings.ROUNDTABLE_ATTACHMENTS_TOTAL_BYTES)
    venue_id = call.process.venue_id
    accreditation = standing_accreditation(actor.user, venue_id)
    if organisation is not None and (
        accreditation is None or accreditation.organisation_id != organisation.pk
    ):
        raise ValidationError(
            _("You can only write on behalf of the organisation named in your accreditation."),
            code="organisation",
        )
    if delegation is not None and (
        accreditation is None or accreditation.delegation_id != delegation.pk
    ):
        raise ValidationError(
            _("You can only write on behalf of your own delegation."), code="delegation"
        )
    with transaction.atomic():
        contribution = Contribution.objects.create(
            call=call,
            author=_author(actor),
            group=accreditation.group if accreditation else None,
            organisation=organisation,
            delegation=delegation,
            title=title,
            body=body,
            body_html=render_markdown(body),
            language=language,
            word_count=words,
            submitted_at=now or timezone.now(),
            late=late,
            replies_to=replies_to,
        )
        tallies.added([contribution])
        for attachment in attachments:
            Attachment.objects.create(
                contribution=contribution,
                file=attachment,
                name=attachment.name or "",
                size=attachment.size or 0,
            )
        record_event(
            actor=actor,
            verb="contribution.submitted",
            row=contribution,
            target=call.process,
            summary={
                "contribution": contribution.pk,
                "call": call.pk,
                "title": title,
                "words": words,
                "group": contribution.group.slug if contribution.group else None,
                "late": late,
                "replies_to": replies_to.pk if replies_to else None,
            },
        )
        return contribution


def check_submit_contribution(
    *,
    actor: Actor,
    call: CallForInput,
    title: str,
    body: str,
    language: str,
    organisation: Organisation | None = None,
    delegation: Delegation | None = None,
    attachments: Sequence[UploadedFile[bytes]] = (),
    replies_to: Contribution | None = None,
) -> Contribution:
    """Ask the engine for the right of the call's moment (`submit_input` while open, then
    `reply_to_comments` or `submit_late_input`, see periods.py), under the process's modality;
    apply its word limit. A reply must answer an earlier contribution; late input is marked."""
    process = call.process
    now = timezone.now()
    where = situation(process, now=now)
    moment, decision = require_now(actor, call, where)
    # GNSO Operating Procedures 5.3.1 / BCP 79: input needs the statement the permitting rule
    # requires (kept current); the refusal names the rule and says to file or update it.
    require_disclosures(decision, actor.user, process.venue, now)
    if moment.reply:
        check_reply_target(call, replies_to)
    return do_submit_contribution(
        actor=actor,
        call=call,
        title=title,
        body=body,
        language=language,
        organisation=organisation,
        delegation=delegation,
        attachments=attachments,
        limit=word_limit(decision),
        now=now,
        late=moment.late,
        replies_to=replies_to if moment.reply else None,
    )


def is_author(actor: Actor, contribution: Contribution) -> bool:
    """The fact `is-author` the door reads (platform.yaml, rule `authors-withdraw`)."""
    return actor.user is not None and contribution.author_id == actor.user.pk


def check_withdraw_contribution(*, actor: Actor, contribution: Contribution) -> Contribution:
    """Only the author withdraws: the door decides, with the context fact `is-author`."""
    require(
        actor,
        right="withdraw_contribution",
        modality="platform",
        context={"facts": {"is-author"} if is_author(actor, contribution) else set()},
    )
    return do_withdraw_contribution(actor=actor, contribution=contribution)


def do_withdraw_contribution(*, actor: Actor, contribution: Contribution) -> Contribution:
    with transaction.atomic():
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if contribution.status != Contribution.Status.PUBLISHED:
            raise ValidationError(
                _("This contribution is already %(status)s.")
                % {"status": contribution.get_status_display()},
                code="not_published",
            )
        contribution.status = Contribution.Status.WITHDRAWN
        contribution.withdrawn_at = timezone.now()
        contribution.save(update_fields=["status", "withdrawn_at"])
        tallies.unpublished(contribution)
        record_event(
            actor=actor,
            verb="contribution.withdrawn",
            row=contribution,
            target=contribution.call.process,
            summary={"contribution": contribution.pk},
        )
        return contribution


def do_hide_contribution(*, actor: Actor, contribution: Contribution, reason: str) -> Contribution:
    """Moderation: hide with a public reason (shown in place of the text)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("Hiding a contribution needs a public reason."), code="reason_required"
        )
    with transaction.atomic():
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if contribution.status == Contribution.Status.HIDDEN:
            raise ValidationError(_("This contribution is already hidden."), code="hidden")
        if contribution.status == Contribution.Status.PUBLISHED:
            tallies.unpublished(contribution)  # a withdrawn one was no longer counted
        contribution.status = Contribution.Status.HIDDEN
        contribution.moderation_reason = reason
        contribution.save(update_fields=["status", "moderation_reason"])
        record_event(
            actor=actor,
            verb="contribution.hidden",
            row=contribution,
            target=contribution.call.process,
            summary={"contribution": contribution.pk, "reason": reason},
        )
        return contribution


def check_hide_contribution(
    *, actor: Actor, contribution: Contribution, reason: str
) -> Contribution:
    require(
        actor,
        right="moderate",
        modality=PARTICIPATION,
        context={"venue": contribution.call.process.venue.slug},
    )
    return do_hide_contribution(actor=actor, contribution=contribution, reason=reason)


# --- comments -------------------------------------------------------------------------------


def do_comment(*, actor: Actor, contribution: Contribution, body: str) -> Comment:
    if not body.strip():
        raise ValidationError(_("A comment cannot be empty."), code="required")
    if contribution.status != Contribution.Status.PUBLISHED:
        raise ValidationError(
            _("Only published contributions can be commented on."), code="not_published"
        )
    with transaction.atomic():
        comment = Comment.objects.create(
            contribution=contribution,
            author=_author(actor),
            body=body,
            body_html=render_markdown(body),
            posted_at=timezone.now(),
        )
        record_event(
            actor=actor,
            verb="comment.posted",
            row=comment,
            target=contribution.call.process,
            summary={"contribution": contribution.pk, "comment": comment.pk},
        )
        return comment


def check_comment(*, actor: Actor, contribution: Contribution, body: str) -> Comment:
    where = situation(contribution.call.process)
    require(actor, right="comment", modality=where.modality, context=where.context)
    return do_comment(actor=actor, contribution=contribution, body=body)
