"""Writes for language versions: a document's languages, and the translation workflow
(request, assign, start, translate a paragraph, finish, review).

The secretariat's acts (languages, request, assign, review) ask the door for the `draft` right
of the document's process: whoever drafts a text decides in which languages it exists. The
translator's acts need no right of their own: the assignment, made by the secretariat through
the door, is the authority, so only the assignee may start, translate and finish. The
reviewer is never the translator (four eyes). Every act records an event.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.drafting.actions import acting_person, latest_published, version_paragraph
from roundtable.drafting.authority import require_for
from roundtable.drafting.models import Document
from roundtable.permissions.actor import Actor

from .alignment import original_language, paragraph_states
from .models import DocumentLanguages, ParagraphTranslation, TranslationRequest

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
Status = TranslationRequest.Status


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _language(code: str) -> str:
    if code not in LANGUAGE_CODES:
        raise ValidationError(
            _("Unknown language “%(code)s”: one of %(codes)s.")
            % {"code": code, "codes": ", ".join(sorted(LANGUAGE_CODES))},
            code="language",
        )
    return code


def require_secretariat(actor: Actor, document: Document) -> None:
    """The door: the `draft` right of the document's process."""
    require_for(actor, right="draft", process=document.process)


def _assignee(actor: Actor, job: TranslationRequest) -> User:
    person = acting_person(actor)
    if job.assignee_id != person.pk:
        raise PermissionDenied(
            _("Only the translator assigned to this language version may do this.")
        )
    return person


def _in_status(job: TranslationRequest, *allowed: str) -> None:
    if job.status not in allowed:
        raise ValidationError(
            _("This translation is %(status)s: not possible now.")
            % {"status": job.get_status_display()},
            code="status",
        )


def _move(
    actor: Actor,
    job: TranslationRequest,
    status: str,
    stamp: str,
    verb: str,
    now: datetime | None,
    **summary: Any,
) -> TranslationRequest:
    """One step of the workflow: the new status, when it was taken (`stamp`), its event."""
    with transaction.atomic():
        job.status = status
        setattr(job, stamp, _now(now))
        job.save()
        record_event(
            actor=actor,
            verb=verb,
            target=job.document,
            summary={"language": job.language, **summary},
            row=job,
        )
    return job


def do_set_languages(
    *,
    actor: Actor,
    document: Document,
    original_language: str,
    authenticity: str,
    now: datetime | None = None,
) -> DocumentLanguages:
    require_secretariat(actor, document)
    _language(original_language)
    if authenticity not in DocumentLanguages.Authenticity.values:
        raise ValidationError(_("Unknown authenticity."), code="authenticity")
    with transaction.atomic():
        row, _created = DocumentLanguages.objects.update_or_create(
            document=document,
            defaults={
                "original_language": original_language,
                "authenticity": authenticity,
                "set_by": actor.user,
                "set_at": _now(now),
            },
        )
        record_event(
            actor=actor,
            verb="translation.languages-set",
            target=document,
            summary={"original": original_language, "authenticity": authenticity},
            row=row,
        )
    return row


def do_request_translation(
    *,
    actor: Actor,
    document: Document,
    language: str,
    due_date: date | None = None,
    note: str = "",
    now: datetime | None = None,
) -> TranslationRequest:
    require_secretariat(actor, document)
    _language(language)
    if language == original_language(document):
        raise ValidationError(
            _("The document is written in this language: there is nothing to translate."),
            code="original",
        )
    if latest_published(document) is None:
        raise ValidationError(
            _("Publish a version before asking for its translation."), code="draft"
        )
    with transaction.atomic():
        if (
            document.translation_requests.filter(language=language)
            .exclude(status=Status.REVIEWED)
            .exists()
        ):
            raise ValidationError(
                _("A translation into this language is already under way."), code="exists"
            )
        job = TranslationRequest.objects.create(
            document=document,
            language=language,
            due_date=due_date,
            note=note.strip(),
            requested_by=actor.user,
            requested_at=_now(now),
        )
        record_event(
            actor=actor,
            verb="translation.requested",
            target=document,
            summary={"language": language, "due": due_date.isoformat() if due_date else None},
            row=job,
        )
    return job


def do_assign_translation(
    *, actor: Actor, job: TranslationRequest, assignee: User, now: datetime | None = None
) -> TranslationRequest:
    require_secretariat(actor, job.document)
    _in_status(job, Status.REQUESTED, Status.ASSIGNED, Status.IN_PROGRESS)
    job.assignee = assignee
    # Reassigning work already started keeps its status.
    status = Status.ASSIGNED if job.status == Status.REQUESTED else job.status
    return _move(
        actor, job, status, "assigned_at", "translation.assigned", now, assignee=assignee.pk
    )


def do_start_translation(
    *, actor: Actor, job: TranslationRequest, now: datetime | None = None
) -> TranslationRequest:
    _assignee(actor, job)
    # From "done" too: the source changed before the review, the translator takes it back.
    _in_status(job, Status.ASSIGNED, Status.DONE)
    return _move(actor, job, Status.IN_PROGRESS, "started_at", "translation.started", now)


def do_translate_paragraph(
    *,
    actor: Actor,
    job: TranslationRequest,
    pid: str,
    text: str,
    now: datetime | None = None,
) -> ParagraphTranslation:
    """The assignee's text for paragraph `pid`, made from the current published version's
    paragraph (pinned: when the source changes later, this row shows as outdated)."""
    person = _assignee(actor, job)
    _in_status(job, Status.ASSIGNED, Status.IN_PROGRESS)
    if not text.strip():
        raise ValidationError(_("Write the paragraph's translation."), code="required")
    latest = latest_published(job.document)
    if latest is None:
        raise ValidationError(_("The document has no published version."), code="draft")
    source = version_paragraph(latest, pid)
    moment = _now(now)
    with transaction.atomic():
        if job.status == Status.ASSIGNED:
            job.status = Status.IN_PROGRESS
            job.started_at = moment
            job.save()
        row = ParagraphTranslation.objects.create(
            document=job.document,
            pid=pid,
            language=job.language,
            text=text.strip(),
            source_paragraph=source,
            request=job,
            translator=person,
            created_at=moment,
        )
        record_event(
            actor=actor,
            verb="translation.paragraph",
            target=job.document,
            summary={"language": job.language, "pid": pid, "source_version": latest.number},
            row=row,
        )
    return row


def do_finish_translation(
    *, actor: Actor, job: TranslationRequest, now: datetime | None = None
) -> TranslationRequest:
    """Done: refused while a paragraph is untranslated or outdated (it names them)."""
    _assignee(actor, job)
    _in_status(job, Status.IN_PROGRESS)
    pending = [s.pid for s in paragraph_states(job.document, job.language) if s.state != "current"]
    if pending:
        raise ValidationError(
            _("Paragraphs still to translate or update: %(pids)s.") % {"pids": ", ".join(pending)},
            code="incomplete",
        )
    return _move(actor, job, Status.DONE, "done_at", "translation.finished", now)


def do_review_translation(
    *, actor: Actor, job: TranslationRequest, now: datetime | None = None
) -> TranslationRequest:
    require_secretariat(actor, job.document)
    _in_status(job, Status.DONE)
    if actor.user is not None and actor.user.pk == job.assignee_id:
        raise PermissionDenied(_("A translation is reviewed by someone other than its translator."))
    if any(s.state != "current" for s in paragraph_states(job.document, job.language)):
        raise ValidationError(
            _(
                "The source changed since the translation was finished: the translator updates it first."
            ),
            code="outdated",
        )
    job.reviewed_by = actor.user
    return _move(actor, job, Status.REVIEWED, "reviewed_at", "translation.reviewed", now)
