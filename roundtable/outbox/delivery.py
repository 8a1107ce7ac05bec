"""Draining the outbox: claim due copies, hand them to the SMTP server, record what it said.

Exactly once, with respect to the SMTP server: a copy is claimed by one worker (a state change
from queued to sending, under a row lock where the database has them; SQLite serialises the
writers), and marked sent in its own commit right after the server accepted it. A copy claimed
by a worker that died is queued again once its lease has run out (docs/lists.md). A crash in
the instant between the server's "250" and that commit is the one case that can send a copy
twice; nothing can lose one.
"""

from __future__ import annotations

import smtplib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from .models import OutgoingMessage

# A code 5xx from the server means this copy will never be accepted; 4xx means later.
PERMANENT = 500


@dataclass
class Report:
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    recovered: int = 0
    next_due: datetime | None = None

    def as_dict(self) -> dict[str, int | str | None]:
        return {
            "sent": self.sent,
            "deferred": self.deferred,
            "failed": self.failed,
            "recovered": self.recovered,
            "next_due": self.next_due.isoformat() if self.next_due else None,
        }


def _setting(name: str) -> float:
    return float(getattr(settings, name))


def backoff(attempts: int) -> timedelta:
    """Delay before attempt `attempts + 1`: base * 2^(attempts-1), capped."""
    base = _setting("ROUNDTABLE_OUTBOX_RETRY_BASE_SECONDS")
    cap = _setting("ROUNDTABLE_OUTBOX_RETRY_MAX_SECONDS")
    return timedelta(seconds=min(cap, base * 2 ** max(0, min(attempts - 1, 30))))


def recover_stale(now: datetime | None = None) -> int:
    """Queue again the copies claimed by a worker that died (lease run out)."""
    now = now or timezone.now()
    lease = timedelta(seconds=_setting("ROUNDTABLE_OUTBOX_LEASE_SECONDS"))
    return OutgoingMessage.objects.filter(
        state=OutgoingMessage.SENDING, claimed_at__lt=now - lease
    ).update(state=OutgoingMessage.QUEUED, claimed_by="", next_attempt_at=now)


def claim(limit: int, worker: str) -> list[OutgoingMessage]:
    """Take up to `limit` due copies for `worker`; no other worker can take them now."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            OutgoingMessage.objects.select_for_update(skip_locked=True)
            .filter(state=OutgoingMessage.QUEUED, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:limit]
        )
        if not ids:
            return []
        OutgoingMessage.objects.filter(id__in=ids, state=OutgoingMessage.QUEUED).update(
            state=OutgoingMessage.SENDING, claimed_at=now, claimed_by=worker
        )
    return list(
        OutgoingMessage.objects.filter(
            id__in=ids, state=OutgoingMessage.SENDING, claimed_by=worker
        ).order_by("id")
    )


def next_due() -> datetime | None:
    """When a worker is next needed: the first queued copy due, or the first lease to run out
    (a copy held by a worker that may have died)."""
    queued: datetime | None = OutgoingMessage.objects.filter(
        state=OutgoingMessage.QUEUED
    ).aggregate(due=Min("next_attempt_at"))["due"]
    claimed: datetime | None = OutgoingMessage.objects.filter(
        state=OutgoingMessage.SENDING
    ).aggregate(due=Min("claimed_at"))["due"]
    if claimed is not None:
        claimed += timedelta(seconds=_setting("ROUNDTABLE_OUTBOX_LEASE_SECONDS"))
    found = [due for due in (queued, claimed) if due is not None]
    return min(found) if found else None


def connect() -> smtplib.SMTP:
    timeout = _setting("ROUNDTABLE_OUTBOX_SMTP_TIMEOUT")
    host, port = settings.EMAIL_HOST, int(settings.EMAIL_PORT)
    use_ssl = bool(getattr(settings, "EMAIL_USE_SSL", False))
    conn: smtplib.SMTP = (
        smtplib.SMTP_SSL(host, port, timeout=timeout)
        if use_ssl
        else smtplib.SMTP(host, port, timeout=timeout)
    )
    if settings.EMAIL_USE_TLS and not use_ssl:
        conn.starttls()
    if settings.EMAIL_HOST_USER:
        conn.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
    return conn


def _mark_sent(copy: OutgoingMessage, worker: str) -> None:
    OutgoingMessage.objects.filter(pk=copy.pk, claimed_by=worker).update(
        state=OutgoingMessage.SENT,
        sent_at=timezone.now(),
        attempts=copy.attempts + 1,
        last_error="",
        claimed_by="",
    )


def _defer(copies: Sequence[OutgoingMessage], error: str, report: Report) -> None:
    """Back to the queue, each with its own back-off; too old ones fail (never silently)."""
    now = timezone.now()
    give_up = timedelta(seconds=_setting("ROUNDTABLE_OUTBOX_GIVE_UP_SECONDS"))
    for copy in copies:
        attempts = copy.attempts + 1
        if now - copy.created_at > give_up:
            _fail(copy, f"gave up after {attempts} attempts: {error}", report)
            continue
        OutgoingMessage.objects.filter(pk=copy.pk).update(
            state=OutgoingMessage.QUEUED,
            attempts=attempts,
            next_attempt_at=now + backoff(attempts),
            last_error=error[:2000],
            claimed_by="",
        )
        report.deferred += 1


def _fail(copy: OutgoingMessage, error: str, report: Report) -> None:
    OutgoingMessage.objects.filter(pk=copy.pk).update(
        state=OutgoingMessage.FAILED, attempts=copy.attempts + 1, last_error=error[:2000]
    )
    report.failed += 1


def _refused_code(error: smtplib.SMTPException) -> int:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return min(codes) if codes else 0
    if isinstance(error, smtplib.SMTPResponseException):
        return int(error.smtp_code)
    return 0


def send_batch(copies: Sequence[OutgoingMessage], worker: str, report: Report) -> bool:
    """Send claimed copies over one connection; a lost server defers the rest of them.
    False when the server could not be reached or went away."""
    try:
        conn = connect()
    except (OSError, smtplib.SMTPException) as error:
        _defer(copies, f"connect: {error!r}", report)
        return False
    try:
        for index, copy in enumerate(copies):
            try:
                conn.sendmail(copy.envelope_sender, [copy.recipient], bytes(copy.raw))
            except smtplib.SMTPServerDisconnected as error:
                _defer(copies[index:], f"connection lost: {error!r}", report)
                return False
            except smtplib.SMTPException as error:  # before OSError: it is one
                code = _refused_code(error)
                if code >= PERMANENT:
                    _fail(copy, f"refused: {error!r}", report)
                else:
                    _defer([copy], f"deferred: {error!r}", report)
                try:
                    conn.rset()
                except (smtplib.SMTPException, OSError) as lost:
                    _defer(copies[index + 1 :], f"connection lost: {lost!r}", report)
                    return False
                continue
            except OSError as error:
                _defer(copies[index:], f"connection lost: {error!r}", report)
                return False
            _mark_sent(copy, worker)
            report.sent += 1
        return True
    finally:
        try:
            conn.quit()
        except OSError:  # smtplib.SMTPException and timeouts are OSErrors
            conn.close()


def deliver_due(*, budget_seconds: float = 50.0, batch: int | None = None) -> Report:
    """Send what is due, for at most about `budget_seconds` (then the task comes back)."""
    report = Report(recovered=recover_stale())
    worker = uuid.uuid4().hex
    size = batch or int(settings.ROUNDTABLE_OUTBOX_BATCH)
    deadline = timezone.now() + timedelta(seconds=budget_seconds)
    while timezone.now() < deadline:
        copies = claim(size, worker)
        if not copies:
            break
        if not send_batch(copies, worker, report):
            break  # the server is away: wait for the back-off rather than spin
    report.next_due = next_due()
    return report
