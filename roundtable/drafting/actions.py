"""Writes for documents and their versions: create, save and discard the working draft, publish.

`check_*` ask the door (see `authority.py`) with the actor, then call `do_*`, which validate,
change and append an audit event inside one transaction. A published version is never written
again. Citations and paragraph comments are in `paragraph_actions.py`, amendments in
`amendment_actions.py`.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality
from roundtable.processes.models import Process
from roundtable.text import Paragraph as TextParagraph
from roundtable.text import carry_forward, first_version, join_blocks

from .authority import new_drafts_closed, require_for, where
from .models import Document, Paragraph, Version


def now_or(now: datetime | None) -> datetime:
    """`now` when given (a loader's or a test's clock), else the present moment."""
    return now or timezone.now()


def acting_person(actor: Actor) -> User:
    """The account acting, for an action that records its author: refused for nobody."""
    if actor.user is None:
        raise PermissionDenied(_("Not allowed."))
    return actor.user


def latest_published(document: Document) -> Version | None:
    return document.versions.filter(status=Version.Status.PUBLISHED).order_by("-number").first()


def text_paragraphs(version: Version) -> list[TextParagraph]:
    return [TextParagraph(p.pid, p.number, p.text) for p in version.paragraphs.order_by("number")]


def version_paragraph(version: Version, pid: str) -> Paragraph:
    """Paragraph `pid` of `version`; refused when the version has none such."""
    found = version.paragraphs.filter(pid=pid).first()
    if found is None:
        raise ValidationError(
            _("Version %(n)s has no paragraph %(pid)s.") % {"n": version.number, "pid": pid},
            code="no_paragraph",
        )
    return found


def _refuse_published(version: Version) -> None:
    if version.published:
        raise ValidationError(
            _("Version %(n)s is published: published versions cannot change.")
            % {"n": version.number},
            code="published",
        )


def do_create_document(
    *,
    actor: Actor,
    process: Process,
    slug: str,
    title: str,
    source: str,
    audience: str = Document.Audience.PUBLIC,
    now: datetime | None = None,
) -> Document:
    """A new document with its first working draft (unpublished). `audience` "members" keeps
    it from those the process's modality lets observe only its public record."""
    if not title.strip() or not source.strip():
        raise ValidationError(_("A document needs a title and a text."), code="required")
    if audience not in Document.Audience.values:
        raise ValidationError(
            _("Unknown audience “%(audience)s”: public or members.") % {"audience": audience},
            code="audience",
        )
    if Document.objects.filter(process=process, slug=slug).exists():
        raise ValidationError(
            _("This process already has a document “%(slug)s”.") % {"slug": slug}, code="exists"
        )
    moment = now_or(now)
    with transaction.atomic():
        document = Document.objects.create(
            process=process,
            slug=slug,
            title=title.strip(),
            audience=audience,
            created_by=actor.user,
            created_at=moment,
        )
        Version.objects.create(
            document=document, source=source, created_by=actor.user, created_at=moment
        )
        record_event(
            actor=actor,
            verb="document.created",
            target=document,
            summary={"process": process.pk, "slug": slug, "title": title, "audience": audience},
        )
        return document


def check_create_document(
    *,
    actor: Actor,
    process: Process,
    slug: str,
    title: str,
    source: str,
    audience: str = Document.Audience.PUBLIC,
) -> Document:
    require_for(actor, right="draft", process=process)
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
    return do_create_document(
        actor=actor, process=process, slug=slug, title=title, source=source, audience=audience
    )


def do_save_draft(
    *, actor: Actor, document: Document, source: str, note: str = "", now: datetime | None = None
) -> Version:
    """Create or update the document's working draft (the next version, unpublished)."""
    if not source.strip():
        raise ValidationError(_("The text cannot be empty."), code="required")
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        draft = document.versions.filter(status=Version.Status.DRAFT).first()
        if draft is None:
            draft = Version(document=document, created_by=actor.user, created_at=now_or(now))
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


def check_save_draft(*, actor: Actor, document: Document, source: str, note: str = "") -> Version:
    require_for(actor, right="draft", process=document.process)
    return do_save_draft(actor=actor, document=document, source=source, note=note)


def publish_paragraphs(
    *,
    document: Document,
    version: Version,
    paragraphs: list[TextParagraph],
    moment: datetime,
) -> Version:
    """Publish `version` with `paragraphs` as the document's next number (the caller holds
    the document's lock and records the event)."""
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


def _unchanged(number: int | None) -> ValidationError:
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
    *, actor: Actor, document: Document, note: str = "", now: datetime | None = None
) -> Version:
    """Publish the working draft: paragraphs get ids carried from the last published version."""
    moment = now_or(now)
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
        version = publish_paragraphs(
            document=document, version=draft, paragraphs=paragraphs, moment=moment
        )
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


def check_publish_version(*, actor: Actor, document: Document, note: str = "") -> Version:
    require_for(actor, right="draft", process=document.process)
    return do_publish_version(actor=actor, document=document, note=note)


def do_discard_draft(*, actor: Actor, document: Document) -> None:
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


def check_discard_draft(*, actor: Actor, document: Document) -> None:
    require_for(actor, right="draft", process=document.process)
    do_discard_draft(actor=actor, document=document)
