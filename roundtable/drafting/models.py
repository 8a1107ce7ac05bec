"""Documents, their versions (immutable once published) and paragraphs with stable ids;
citations of contributions, paragraph comments and amendments.

A published version's text and its paragraphs cannot change by any path: the actions refuse,
`Version.save` refuses (an integrity guard, like `audit.Event.save`), and database triggers
(migration 0002) refuse an UPDATE of a published version or of any paragraph row.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.outputs.fulltext import Index
from roundtable.processes.models import Process


class ImmutableVersion(Exception):
    """A published version (or its paragraphs) was about to change."""


class Document(models.Model):
    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="documents")
    slug = models.SlugField()
    title = models.CharField(_("title"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField()
    # Every paragraph id the document has used, so a new paragraph never reuses one.
    used_pids = models.JSONField(default=list)

    class Audience(models.TextChoices):
        # Part of the process's public record: whoever may observe the process reads it.
        PUBLIC = "public", _("everyone who may observe the process")
        # Only those the process's modality lets observe without the `public-record` fact
        # (under itu-cwg-internet: Member States). See roundtable/processes/reading.py.
        MEMBERS = "members", _("members only")

    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )

    class Meta:
        ordering = ["process", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["process", "slug"], name="document_slug_in_process")
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Version(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("working draft")
        PUBLISHED = "published", _("published")

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(null=True, blank=True)  # set when published
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    source = models.TextField(_("text (Markdown)"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(status="draft"),
                name="one_working_draft_per_document",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(number__isnull=False),
                name="published_version_has_number",
            ),
        ]
        verbose_name = _("version")
        verbose_name_plural = _("versions")

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number or 'draft'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Integrity guard, not business logic: a published row is never written again.
        if (
            self.pk is not None
            and Version.objects.filter(pk=self.pk, status=self.Status.PUBLISHED).exists()
        ):
            raise ImmutableVersion(f"version {self.pk} is published and cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.published:
            raise ImmutableVersion(f"version {self.pk} is published and cannot be deleted")
        return super().delete(*args, **kwargs)

    @property
    def published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Paragraph(models.Model):
    """A paragraph of a published version. `pid` is its identity across versions."""

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="paragraphs")
    pid = models.CharField(max_length=20)
    number = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "pid"], name="paragraph_pid_in_version"),
            models.UniqueConstraint(
                fields=["version", "number"], name="paragraph_number_in_version"
            ),
        ]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")

    def __str__(self) -> str:
        return f"¶{self.number} ({self.pid})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableVersion("paragraphs of a published version cannot change")
        super().save(*args, **kwargs)


class Citation(models.Model):
    """A paragraph (by its stable id) cites a contribution that shaped it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")
    pid = models.CharField(max_length=20)
    contribution = models.ForeignKey(
        "contributions.Contribution", on_delete=models.PROTECT, related_name="citations"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["document", "pid", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "pid", "contribution"], name="citation_unique"
            )
        ]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self) -> str:
        return f"{self.pid} cites {self.contribution_id}"


class ParagraphComment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="comments")
    pid = models.CharField(max_length=20)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="paragraph_comments"
    )
    body = models.TextField(_("comment"))
    posted_at = models.DateTimeField()

    class Meta:
        ordering = ["posted_at", "id"]
        verbose_name = _("paragraph comment")
        verbose_name_plural = _("paragraph comments")

    def __str__(self) -> str:
        return f"{self.author_id} on {self.pid}"


class Amendment(models.Model):
    class Kind(models.TextChoices):
        REPLACE = "replace", _("replace the paragraph")
        INSERT_AFTER = "insert-after", _("insert a paragraph after it")
        DELETE = "delete", _("delete the paragraph")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")
        MERGED = "merged", _("merged")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="amendments")
    base = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="amendments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The paragraph replaced or deleted, or the one after which to insert (blank: at the start).
    pid = models.CharField(max_length=20, blank=True)
    text = models.TextField(_("new text"), blank=True)
    # The language version the proposer read and wrote in (the pid names the same paragraph
    # in every version); the secretariat reads it beside the authentic text.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    rationale = models.TextField(_("rationale"))
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="amendments"
    )
    group = models.SlugField(blank=True)  # the proposer's stakeholder group(s), when proposed
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    reason = models.TextField(_("drafter's reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    result = models.ForeignKey(
        Version, on_delete=models.PROTECT, related_name="from_amendments", null=True, blank=True
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, related_name="merged_from", null=True, blank=True
    )
    proposed_at = models.DateTimeField()

    class Meta:
        ordering = ["proposed_at", "id"]
        indexes = [models.Index(fields=["document", "status"])]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.kind} {self.pid or '(start)'}"


# The site search's full-text index (roundtable/outputs/fulltext.py), kept in step by the
# database; created by migration paragraph_text_search_index.
PARAGRAPH_TEXT = Index(table="drafting_paragraph", columns=("text",))
