"""Writes about one paragraph of a document: the contributions it cites, the comments on it.

`check_*` ask the door with the actor (right `draft` to cite, `comment` to comment), then call
`do_*`, which validate, change and append an audit event inside one transaction.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.contributions.models import Contribution
from roundtable.permissions.actor import Actor

from .actions import acting_person, now_or, version_paragraph
from .authority import require_for
from .models import Citation, Document, ParagraphComment, Version

# --- traceability ---------------------------------------------------------------------------


def do_cite_contribution(
    *,
    actor: Actor,
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
            defaults={"note": note, "created_by": actor.user, "created_at": now_or(now)},
        )
        if created:
            record_event(
                actor=actor,
                verb="paragraph.cited",
                target=document,
                summary={"pid": pid, "contribution": contribution.pk, "note": note},
            )
        return citation


def check_cite_contribution(
    *, actor: Actor, document: Document, pid: str, contribution: Contribution, note: str = ""
) -> Citation:
    require_for(actor, right="draft", process=document.process)
    return do_cite_contribution(
        actor=actor, document=document, pid=pid, contribution=contribution, note=note
    )


def do_remove_citation(*, actor: Actor, citation: Citation) -> None:
    with transaction.atomic():
        record_event(
            actor=actor,
            verb="paragraph.citation_removed",
            target=citation.document,
            summary={"pid": citation.pid, "contribution": citation.contribution_id},
        )
        citation.delete()


def check_remove_citation(*, actor: Actor, citation: Citation) -> None:
    require_for(actor, right="draft", process=citation.document.process)
    do_remove_citation(actor=actor, citation=citation)


# --- paragraph comments ---------------------------------------------------------------------


def do_comment_paragraph(
    *, actor: Actor, version: Version, pid: str, body: str, now: datetime | None = None
) -> ParagraphComment:
    if not body.strip():
        raise ValidationError(_("A comment cannot be empty."), code="required")
    if not version.published:
        raise ValidationError(_("Only published versions can be commented on."), code="draft")
    version_paragraph(version, pid)
    author = acting_person(actor)
    with transaction.atomic():
        comment = ParagraphComment.objects.create(
            document=version.document,
            version=version,
            pid=pid,
            author=author,
            body=body.strip(),
            posted_at=now_or(now),
        )
        record_event(
            actor=actor,
            verb="paragraph.commented",
            target=version.document,
            summary={"version": version.number, "pid": pid, "comment": comment.pk},
        )
        return comment


def check_comment_paragraph(
    *, actor: Actor, version: Version, pid: str, body: str
) -> ParagraphComment:
    require_for(actor, right="comment", process=version.document.process)
    return do_comment_paragraph(actor=actor, version=version, pid=pid, body=body)
