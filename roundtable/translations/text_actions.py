"""Writes for whole-text language versions of calls and contributions (issue 18 part 1).

Calls and contributions have no paragraph ids, so a version is the whole title and text in
one row (`TextTranslation`), pinned to the hash of the source it was made from. The door: a
call's version needs the `draft` right on its process (as the document workflow's secretariat
acts); a contribution's version, its author or the `draft` right. Every act records an event.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.contributions.actions import is_author
from roundtable.contributions.models import CallForInput, Contribution
from roundtable.drafting.actions import acting_person
from roundtable.drafting.authority import require_for
from roundtable.permissions.actor import Actor

from .actions import LANGUAGE_CODES
from .models import TextTranslation
from .queries import call_source, contribution_source, source_sha256


def _checked(language: str, original: str, title: str, text: str) -> tuple[str, str]:
    if language not in LANGUAGE_CODES:
        raise ValidationError(
            _("Unknown language “%(code)s”: one of %(codes)s.")
            % {"code": language, "codes": ", ".join(sorted(LANGUAGE_CODES))},
            code="language",
        )
    if language == original:
        raise ValidationError(
            _("This is the original language: a version is in another language."),
            code="original-language",
        )
    if not text.strip():
        raise ValidationError(_("The translation is empty."), code="empty")
    return title.strip(), text.strip()


def _save(
    actor: Actor,
    target: CallForInput | Contribution,
    row: TextTranslation,
    verb: str,
) -> TextTranslation:
    with transaction.atomic():
        row.save()
        record_event(
            actor=actor,
            verb=verb,
            target=target,
            summary={"language": row.language, "source_sha256": row.source_sha256},
            row=row,
        )
    return row


def do_translate_call(
    *,
    actor: Actor,
    call: CallForInput,
    language: str,
    title: str,
    text: str,
    now: datetime | None = None,
) -> TextTranslation:
    require_for(actor, right="draft", process=call.process)
    title, text = _checked(language, call.language, title, text)
    row = TextTranslation(
        call=call,
        language=language,
        title=title,
        text=text,
        source_sha256=source_sha256(*call_source(call)),
        translator=acting_person(actor),
        created_at=now or timezone.now(),
    )
    return _save(actor, call, row, "translation.call-version")


def do_translate_contribution(
    *,
    actor: Actor,
    contribution: Contribution,
    language: str,
    title: str,
    text: str,
    now: datetime | None = None,
) -> TextTranslation:
    if not is_author(actor, contribution):
        require_for(actor, right="draft", process=contribution.call.process)
    title, text = _checked(language, contribution.language, title, text)
    row = TextTranslation(
        contribution=contribution,
        language=language,
        title=title,
        text=text,
        source_sha256=source_sha256(*contribution_source(contribution)),
        translator=acting_person(actor),
        created_at=now or timezone.now(),
    )
    return _save(actor, contribution, row, "translation.contribution-version")
