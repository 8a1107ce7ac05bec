"""Calls for input, the contributions made to them, their attachments and comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.processes.models import Process
from roundtable.stakeholders.models import Delegation, Organisation, StakeholderGroup


class CallForInput(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))

    class Meta:
        ordering = ["process", "opens_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
            )
        ]
        verbose_name = _("call for input")
        verbose_name_plural = _("calls for input")

    def __str__(self) -> str:
        return self.title


class Contribution(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")
        HIDDEN = "hidden", _("hidden by moderation")

    call = models.ForeignKey(CallForInput, on_delete=models.CASCADE, related_name="contributions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contributions"
    )
    # The author's stakeholder group when they submitted (for counts and balance).
    group = models.ForeignKey(
        StakeholderGroup, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text (Markdown)"))
    body_html = models.TextField(editable=False)
    language = models.CharField(_("language"), max_length=10)
    word_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    moderation_reason = models.TextField(_("moderation reason"), blank=True)
    submitted_at = models.DateTimeField(db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Imported contributions: the submission's reference in its source (e.g. the feedback id
    # on the Commission's "Have your say"); the importer is the author. Empty when typed here.
    source_ref = models.CharField(_("source reference"), max_length=100, blank=True, default="")

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["call", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="contribution_source_ref_once_per_call",
            )
        ]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="contributions/%Y/")
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Comment(models.Model):
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contribution_comments"
    )
    body = models.TextField(_("comment (Markdown)"))
    body_html = models.TextField(editable=False)
    posted_at = models.DateTimeField()

    class Meta:
        ordering = ["posted_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author_id} on {self.contribution_id}"
