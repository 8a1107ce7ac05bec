"""Calls for input, the contributions made to them, their attachments and comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.outputs.fulltext import Index
from roundtable.processes.models import Process
from roundtable.stakeholders.models import Delegation, Organisation, StakeholderGroup


class CallForInput(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    # A reply period after the comment period (ICANN, from 1 January 2012): only replies to
    # earlier contributions, if the modality takes them (`periods.py`). Null: no reply period.
    reply_closes_at = models.DateTimeField(_("reply period closes at"), null=True, blank=True)
    # The original language of the title and description; versions in the others are
    # translations.TextTranslation rows (issue 18).
    language = models.CharField(_("language"), max_length=10, default="en")
    # Campaign groupings asked for (an import, a split, a merge, "group again") and the last one
    # a grouping task has taken into account: the pages say "regrouping" while asked > grouped
    # (contributions.tasks.queue_grouping, campaigns.do_group_campaigns).
    campaigns_asked = models.PositiveIntegerField(default=0)
    campaigns_grouped = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["process", "opens_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(reply_closes_at__isnull=True)
                | models.Q(reply_closes_at__gt=models.F("closes_at")),
                name="call_reply_period_after_comments",
            ),
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
    # Sent after the period it belongs to had closed, where the modality takes late input.
    late = models.BooleanField(_("late"), default=False)
    # In a reply period: the earlier contribution this one answers.
    replies_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, related_name="replies", null=True, blank=True
    )

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [
            models.Index(fields=["call", "status"]),
            # the call page's keyset: one index range from the cursor on, however deep
            models.Index(fields=["call", "submitted_at", "id"], name="contribution_call_keyset"),
        ]
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


class CallGroupTally(models.Model):
    """How many contributions a stakeholder group made to a call (`group` null: none given),
    and how many of them are published: kept by the actions that add, withdraw or hide a
    contribution, in their transaction (`tallies.py`), so no page counts the rows."""

    call = models.ForeignKey(CallForInput, on_delete=models.CASCADE, related_name="tallies")
    group = models.ForeignKey(
        StakeholderGroup, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    contributions = models.PositiveIntegerField(default=0)
    published = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["call", "group"],
                condition=models.Q(group__isnull=False),
                name="call_group_tally_once",
            ),
            models.UniqueConstraint(
                fields=["call"],
                condition=models.Q(group__isnull=True),
                name="call_no_group_tally_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call_id}/{self.group_id}: {self.contributions}"


class CallExtension(models.Model):
    """A period of a call moved later, with the reason given (shown on the call page and API)."""

    class Period(models.TextChoices):
        COMMENT = "comment", _("comment period")
        REPLY = "reply", _("reply period")

    call = models.ForeignKey(CallForInput, on_delete=models.CASCADE, related_name="extensions")
    period = models.CharField(max_length=10, choices=Period.choices, default=Period.COMMENT)
    previous_closes_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    reason = models.TextField(_("reason"))
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    extended_at = models.DateTimeField()

    class Meta:
        ordering = ["call", "extended_at", "id"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"{self.call_id}: {self.previous_closes_at} -> {self.closes_at}"


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


class Campaign(models.Model):
    """Contributions of one call that are copies of one form letter (issue 17): one voice with
    N signatories. Computed by `campaigns.do_group_campaigns`; rows are replaced on each run."""

    call = models.ForeignKey(CallForInput, on_delete=models.CASCADE, related_name="campaigns")
    # The sentences found in at least half of the members, one a line (analysis.campaigns).
    template = models.TextField(_("template"), blank=True)
    grouped_at = models.DateTimeField()

    class Meta:
        ordering = ["call", "id"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return f"{self.call_id}/{self.pk}"


class CampaignMember(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="members")
    contribution = models.OneToOneField(
        Contribution, on_delete=models.CASCADE, related_name="campaign_member"
    )
    # The member's own sentences (not in the template), one a line.
    additions = models.TextField(blank=True)

    class Meta:
        ordering = ["campaign", "contribution__submitted_at", "contribution_id"]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.contribution_id}"


class CampaignDecision(models.Model):
    """A secretariat's correction of the grouping, applied again on every recomputation (a
    manual decision wins): `split` takes `contribution` out of any campaign; `merge` puts the
    campaigns of `contribution` and `other` together."""

    class Kind(models.TextChoices):
        SPLIT = "split", _("split out of its campaign")
        MERGE = "merge", _("campaigns merged")

    call = models.ForeignKey(
        CallForInput, on_delete=models.CASCADE, related_name="campaign_decisions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["call", "decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.contribution_id} {self.other_id or ''}".strip()


# The site search's full-text index (roundtable/outputs/fulltext.py), kept in step by the
# database; created by migration contribution_text_search_index, per language since
# contribution_text_search_languages.
CONTRIBUTION_TEXT = Index(
    table="contributions_contribution", columns=("title", "body"), language="language"
)
