"""Dynamic coalitions of a venue: the founding request and its review, members by stakeholder
group, the venue's report dates and the coalitions' yearly activity reports.

Approval gives a coalition a process (its outputs are drafted and published there, under the
coalition's modality) and an open mailing list; both belong to their own apps.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.lists.models import MailingList
from roundtable.processes.models import Process
from roundtable.stakeholders.models import StakeholderGroup
from roundtable.venues.models import Venue


class Coalition(models.Model):
    class Status(models.TextChoices):
        REVIEW = "review", _("in review")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="coalitions")
    slug = models.SlugField()
    name = models.CharField(_("name"), max_length=300)
    modality = models.CharField(_("modality"), max_length=100)
    statement_of_need = models.TextField(_("statement of need"))
    action_plan = models.TextField(_("action plan"))
    contacts = models.TextField(_("contacts"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REVIEW)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # The day the secretariat revived the coalition (counts as a report and as list activity).
    revived_on = models.DateField(null=True, blank=True)
    process = models.OneToOneField(
        Process, on_delete=models.PROTECT, null=True, blank=True, related_name="coalition"
    )
    mailing_list = models.OneToOneField(
        MailingList, on_delete=models.PROTECT, null=True, blank=True, related_name="coalition"
    )

    class Meta:
        ordering = ["venue", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "slug"], name="coalition_slug_unique")
        ]
        verbose_name = _("dynamic coalition")
        verbose_name_plural = _("dynamic coalitions")

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        COORDINATOR = "coordinator", _("coordinator")

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coalition_memberships"
    )
    group = models.ForeignKey(StakeholderGroup, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)
    founding = models.BooleanField(default=False)
    joined_at = models.DateTimeField()
    # Joining subscribed them to the coalition's list (leaving then unsubscribes them); False
    # when they were subscribed before, or not through joining.
    subscribed_on_joining = models.BooleanField(default=False)

    class Meta:
        ordering = ["coalition", "group__position", "joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "user"], name="coalition_member_once")
        ]
        verbose_name = _("coalition member")
        verbose_name_plural = _("coalition members")

    def __str__(self) -> str:
        return f"{self.user_id}@{self.coalition_id} ({self.role})"


class ReportDate(models.Model):
    """A date by which every coalition of the venue files its yearly activity report."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="coalition_dates")
    due_on = models.DateField(_("report due on"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["venue", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "due_on"], name="coalition_report_date_once")
        ]

    def __str__(self) -> str:
        return self.due_on.isoformat()


class ActivityReport(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="reports")
    text = models.TextField(_("report"))
    filed_on = models.DateField(_("filed on"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["coalition", "-filed_on", "-pk"]
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")

    def __str__(self) -> str:
        return f"{self.coalition_id}: {self.filed_on.isoformat()}"
