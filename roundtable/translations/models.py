"""Language versions of a document, aligned paragraph by paragraph, and the requests that
produce them (issue 18 parts 1 and 2; docs/translations.md).

A translated paragraph is a row that pins the exact `drafting.Paragraph` (immutable) it was
translated from, so "outdated" is a fact of the data: the current published version's
paragraph with the same `pid` says something else. Rows are only ever added; the newest per
(document, pid, language) is the current text, the older ones are its history.

The seams for the other parts of issue 18: `ParagraphTranslation.text` + `language` is what a
per-language full-text index reads (outputs/fulltext.py), and `machine` is always False here:
machine output lives in roundtable/machinetranslation's cache, never in these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.contributions.models import CallForInput, Contribution
from roundtable.drafting.models import Document, Paragraph
from roundtable.outputs.fulltext import Index

LANGUAGE_CHOICES = settings.LANGUAGES


class DocumentLanguages(models.Model):
    """Which language a document is written in and which of its versions are authentic.
    No row: written in the site's default language, the original alone authentic."""

    class Authenticity(models.TextChoices):
        # UN and ITU final acts: every language version is the text.
        ALL_EQUAL = "all", _("all language versions equally authentic")
        # A working document: the original is the text, the others help the reader.
        ORIGINAL = "original", _("the original authentic, translations for information")

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="languages")
    original_language = models.CharField(
        _("original language"), max_length=10, choices=LANGUAGE_CHOICES
    )
    authenticity = models.CharField(
        _("authenticity"), max_length=10, choices=Authenticity.choices, default="original"
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    set_at = models.DateTimeField()

    class Meta:
        verbose_name = _("languages of a document")
        verbose_name_plural = _("languages of documents")

    def __str__(self) -> str:
        return f"{self.document_id}: {self.original_language} ({self.authenticity})"


class TranslationRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ASSIGNED = "assigned", _("assigned")
        IN_PROGRESS = "in-progress", _("in progress")
        DONE = "done", _("done, awaiting review")
        REVIEWED = "reviewed", _("reviewed")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="translation_requests"
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    requested_at = models.DateTimeField()
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="translation_assignments",
        null=True,
        blank=True,
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "language", "requested_at", "id"]
        constraints = [
            # One request in hand per language version; a reviewed one may be followed by
            # another (the source changed again).
            models.UniqueConstraint(
                fields=["document", "language"],
                condition=~models.Q(status="reviewed"),
                name="one_open_translation_request",
            )
        ]
        verbose_name = _("translation request")
        verbose_name_plural = _("translation requests")

    def __str__(self) -> str:
        return f"{self.document_id} → {self.language} ({self.status})"


class ParagraphTranslation(models.Model):
    """One paragraph (by its stable `pid`) in one language, made from `source_paragraph`."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="paragraph_translations"
    )
    pid = models.CharField(max_length=20)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    text = models.TextField(_("translation"))
    source_paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(
        TranslationRequest, on_delete=models.PROTECT, related_name="paragraphs", null=True
    )
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    # Human work only: machine output is never a language version (issue 18 part 3).
    machine = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["document", "language", "pid", "created_at", "id"]
        indexes = [models.Index(fields=["document", "language", "pid"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(machine=False), name="translation_is_human")
        ]
        verbose_name = _("paragraph translation")
        verbose_name_plural = _("paragraph translations")

    def __str__(self) -> str:
        return f"{self.document_id} {self.pid} [{self.language}]"


# The site search's full-text index per language (roundtable/outputs/fulltext.py), kept in step
# by the database; created by migration paragraph_translation_text_search_index. Every row is
# indexed, history included: the search keeps the current ones (translations/search.py).
TRANSLATION_TEXT = Index(
    table="translations_paragraphtranslation", columns=("text",), language="language"
)


class TextTranslation(models.Model):
    """A whole-text language version of a call or a contribution (no paragraph ids there).
    Rows are only added: the newest per (object, language) is current. `source_sha256` is the
    hash of the source's title and text when translated, so "outdated" is a fact of the data:
    the source's hash now differs (`text_versions.source_sha256`)."""

    call = models.ForeignKey(
        CallForInput, on_delete=models.CASCADE, related_name="text_translations", null=True
    )
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="text_translations", null=True
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("translation"))
    source_sha256 = models.CharField(max_length=64)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    # Human work only, as ParagraphTranslation: machine output is never a language version.
    machine = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["call", "language"], name="text_translation_call"),
            models.Index(fields=["contribution", "language"], name="text_translation_contrib"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(call__isnull=False, contribution__isnull=True)
                | models.Q(call__isnull=True, contribution__isnull=False),
                name="text_translation_of_one_object",
            ),
            models.CheckConstraint(
                condition=models.Q(machine=False), name="text_translation_is_human"
            ),
        ]
        verbose_name = _("text translation")
        verbose_name_plural = _("text translations")

    def __str__(self) -> str:
        return f"{self.call_id or self.contribution_id} [{self.language}]"


# Whole-text versions in the same per-language index (migration text_translation_search_index);
# every row is indexed, history included: the search keeps the current ones (search.py).
TEXT_VERSION_TEXT = Index(
    table="translations_texttranslation", columns=("title", "text"), language="language"
)
