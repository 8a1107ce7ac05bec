"""Lists, threads, messages, attachments, quarantine and import runs.

Permalinks use `key`: a hash of the Message-ID (threads: of the root's Message-ID), never an
autoincrement id, so they survive a re-import into a fresh database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.processes.models import Process
from roundtable.venues.models import Venue


class MailingList(models.Model):
    address = models.CharField(_("address"), max_length=254, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    dormant_after_days = models.PositiveIntegerField(
        _("dormant after (days)"), null=True, blank=True,
        help_text=_("Days without a message after which the list is shown as dormant; "
                    "empty: the site default."),
    )  # fmt: skip
    footers = models.JSONField(_("learned footer blocks"), default=list, blank=True)
    # A list may belong to a process (its modality then governs posting) or to a venue.
    process = models.ForeignKey(
        Process, on_delete=models.SET_NULL, null=True, blank=True, related_name="mailing_lists"
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.SET_NULL, null=True, blank=True, related_name="mailing_lists"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["address"]
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")

    def __str__(self) -> str:
        return self.name or self.address


class Subscription(models.Model):
    """One address subscribed to a list; `user` is set when the address is a known account."""

    EACH = "each"
    DIGEST = "digest"
    NONE = "none"
    DELIVERY_CHOICES = [
        (EACH, _("each message")),
        (DIGEST, _("digest")),
        (NONE, _("no mail")),
    ]

    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.CASCADE, related_name="subscriptions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="list_subscriptions",
    )
    email = models.EmailField(_("email address"))
    delivery = models.CharField(_("delivery"), max_length=8, choices=DELIVERY_CHOICES, default=EACH)
    moderated = models.BooleanField(_("moderated"), default=False)
    banned = models.BooleanField(_("banned"), default=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    bounce_score = models.FloatField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["mailing_list", "email"], name="lists_subscription_email"
            )
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Thread(models.Model):
    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="threads")
    key = models.CharField(max_length=32)
    root_message_id = models.TextField()
    subject = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    last_at = models.DateTimeField(null=True, blank=True)
    message_count = models.PositiveIntegerField(default=0)
    placeholders = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing_list", "key"], name="lists_thread_key")
        ]
        indexes = [
            models.Index(fields=["mailing_list", "last_at"]),
            models.Index(fields=["mailing_list", "started_at"], name="lists_thread_month_keyset"),
            # the list page's keyset (last activity, then key, both read backwards)
            models.Index(
                fields=["mailing_list", "last_at", "key"], name="lists_thread_activity_keyset"
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class Message(models.Model):
    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="messages")
    # No index of its own: the one on (thread, position) serves every look-up by thread, and
    # with both PostgreSQL read a thread joined to its messages by this one, filtering the
    # whole thread for a page of it (migration 0012).
    thread = models.ForeignKey(
        Thread,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        db_index=False,
    )
    key = models.CharField(max_length=32)
    message_id = models.CharField(max_length=300)
    message_id_generated = models.BooleanField(default=False)
    conflicting_id = models.BooleanField(
        default=False, help_text=_("Another message in this list has the same Message-ID.")
    )
    content_hash = models.CharField(max_length=64)
    subject = models.TextField(blank=True)
    from_name = models.CharField(max_length=300, blank=True)
    from_addr = models.CharField(max_length=300, blank=True)
    date = models.DateTimeField(null=True, blank=True)
    date_source = models.CharField(max_length=16, blank=True)
    references = models.JSONField(default=list, blank=True)
    parent_message_id = models.CharField(max_length=300, blank=True)
    depth = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    own_text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    raw = models.BinaryField()
    source = models.TextField(blank=True)
    source_index = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing_list", "key"], name="lists_message_key")
        ]
        indexes = [
            models.Index(fields=["mailing_list", "message_id"]),
            models.Index(fields=["mailing_list", "date"]),
            models.Index(fields=["mailing_list", "from_addr"]),
            models.Index(
                fields=["mailing_list", "from_addr", "date", "key"],
                name="lists_message_author_keyset",
            ),
            models.Index(fields=["thread", "position"]),
        ]

    def __str__(self) -> str:
        return self.subject


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    number = models.PositiveIntegerField()
    filename = models.CharField(max_length=300, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    data = models.BinaryField(blank=True)
    truncated = models.BooleanField(default=False)
    url = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["message", "number"], name="lists_attachment_number")
        ]

    def __str__(self) -> str:
        return self.filename


class QuarantinedMessage(models.Model):
    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.CASCADE, related_name="quarantined"
    )
    raw_hash = models.CharField(max_length=64)
    reason = models.TextField()
    raw = models.BinaryField()
    source = models.TextField(blank=True)
    source_index = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mailing_list", "raw_hash"], name="lists_quarantine_raw"
            )
        ]

    def __str__(self) -> str:
        return self.reason


class ImportRun(models.Model):
    """One `lists import`: where it has got to, so a killed import resumes where it stopped."""

    RUNNING = "running"
    DONE = "done"

    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.CASCADE, related_name="import_runs"
    )
    signature = models.CharField(max_length=64)
    sources = models.JSONField(default=list)
    status = models.CharField(max_length=16, default=RUNNING)
    source_position = models.PositiveIntegerField(default=0)
    message_position = models.PositiveIntegerField(default=0)
    read = models.PositiveIntegerField(default=0)
    stored = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    quarantined = models.PositiveIntegerField(default=0)
    threads = models.PositiveIntegerField(default=0)
    actor_label = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["mailing_list", "signature", "status"])]

    def __str__(self) -> str:
        return f"{self.mailing_list_id}:{self.pk} {self.status}"


class ThreadingNode(models.Model):
    """Scratch space of `do_rethread` (empty between runs): one row per Message-ID of a list,
    held or referenced; `label` ends as the smallest node id of its connected part."""

    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="+")
    message_id = models.TextField()
    label = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mailing_list", "message_id"], name="lists_threadingnode_id"
            )
        ]
        indexes = [models.Index(fields=["mailing_list", "label"])]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.label})"


class ThreadingEdge(models.Model):
    """Scratch space of `do_rethread`: a message to a Message-ID it references (both ways),
    or (`is_join`) a root to the earlier root the subject fallback attaches it to."""

    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="+")
    source = models.BigIntegerField()
    target = models.BigIntegerField()
    is_join = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["mailing_list", "source"])]

    def __str__(self) -> str:
        return f"{self.source} -> {self.target}"


class ThreadingRoot(models.Model):
    """Scratch space of `do_rethread`: a root of a connected part, before the subject
    fallback (see `roundtable.mail.threads.RootSummary`)."""

    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="+")
    ident = models.TextField()
    date = models.DateTimeField()
    subject = models.TextField()
    subject_hash = models.CharField(max_length=40)
    joins = models.BooleanField(default=False)
    own_date = models.DateTimeField(null=True)
    children_date = models.DateTimeField(null=True)

    class Meta:
        indexes = [models.Index(fields=["mailing_list", "subject_hash"])]

    def __str__(self) -> str:
        return self.ident


class ListMonth(models.Model):
    """A list's messages (and threads started) per month, kept as mail is stored and threads
    are rebuilt (lists/activity.py), so the list page reads a row per month instead of counting
    the archive. Undated messages are counted under `UNDATED`."""

    UNDATED = date(1, 1, 1)

    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="months")
    month = models.DateField()
    messages = models.PositiveIntegerField(default=0)
    threads = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing_list", "month"], name="lists_month_once")
        ]

    def __str__(self) -> str:
        return f"{self.mailing_list_id} {self.month:%Y-%m}: {self.messages}"


class HeldMessage(models.Model):
    """A post waiting in the moderation queue: archived (and sent) only once approved."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"

    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="held")
    raw = models.BinaryField()
    sender = models.CharField(max_length=300, blank=True)
    subject = models.TextField(blank=True)
    rule = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, default=PENDING)
    reason = models.TextField(blank=True)
    message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["mailing_list", "status"])]

    def __str__(self) -> str:
        return self.subject


class DigestEntry(models.Model):
    """A message posted to a list, waiting for (issue 0) or sent in (issue n) a digest.
    Only messages that went out to the members are here: an imported archive never is."""

    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    issue = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing_list", "message"], name="lists_digest_entry")
        ]
        indexes = [models.Index(fields=["mailing_list", "issue"])]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.issue})"
