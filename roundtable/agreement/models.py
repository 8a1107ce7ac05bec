"""Statements on a call for input or an outcome, and each participant's one mark on each
(agree, disagree, pass). The latest mark counts; earlier ones live only in the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roundtable.contributions.models import CallForInput
from roundtable.decisions.models import Outcome
from roundtable.processes.models import Process
from roundtable.stakeholders.models import StakeholderGroup

STATEMENT_LENGTH = 280  # one idea a reader can judge in a breath, as Polis asks of its comments


class Statement(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    call = models.ForeignKey(
        CallForInput, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    text = models.CharField(_("statement"), max_length=STATEMENT_LENGTH)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(call__isnull=False, outcome__isnull=True)
                | Q(call__isnull=True, outcome__isnull=False),
                name="statement_on_call_or_outcome",
            )
        ]

    def __str__(self) -> str:
        return self.text


class Mark(models.Model):
    class Value(models.IntegerChoices):
        AGREE = 1, _("agree")
        DISAGREE = -1, _("disagree")
        PASS = 0, _("pass")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="marks")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The group of the participant's accreditation when they marked, as a contribution keeps it.
    group = models.ForeignKey(
        StakeholderGroup, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    value = models.SmallIntegerField(choices=Value.choices)
    marked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "participant"], name="one_mark_each")
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.value}"
