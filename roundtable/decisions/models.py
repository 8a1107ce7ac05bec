"""Adoption of a published version by the procedure its phase's modality names (a consensus
call or a vote), the positions taken, minority statements, outcomes and follow-up actions.

Tallies are never computed here: `actions.py` hands the positions to the pure core
(`roundtable.modalities.procedures.tally`) and stores its outcome and arithmetic.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.drafting.models import Document, Version
from roundtable.outputs.fulltext import Index
from roundtable.processes.models import Process
from roundtable.stakeholders.models import Accreditation


class Adoption(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CONCLUDED = "concluded", _("concluded")

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="adoptions")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="adoptions")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="adoptions")
    modality = models.CharField(max_length=200)
    phase = models.SlugField(blank=True)
    procedure = models.CharField(max_length=100)
    kind = models.CharField(max_length=30)
    secret = models.BooleanField(_("secret ballot"), default=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    opened_at = models.DateTimeField()
    # End of the objection window (consensus) or of voting (votes).
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    designated_level = models.CharField(max_length=40, blank=True)
    chair_note = models.TextField(_("chair's note"), blank=True)
    result = models.JSONField(default=dict, blank=True)
    adopted = models.BooleanField(null=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    concluded_at = models.DateTimeField(null=True, blank=True)
    # The chair's level before an appeal's decision changed it, and that appeal (None: as
    # concluded). The appeal's last decision is what counts (RFC 2026 6.5; GNSO WG Guidelines 3.7).
    level_before_appeal = models.CharField(max_length=40, blank=True)
    changed_on_appeal = models.ForeignKey(
        "Appeal", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self) -> str:
        return f"{self.procedure} on {self.version}"

    @property
    def is_vote(self) -> bool:
        return self.kind not in ("consensus", "rough-consensus")


class Position(models.Model):
    """One eligible standing's position (support/object/abstain, or a vote). One row per
    voter key (a delegation votes once; otherwise each person), changeable until the close."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="positions")
    voter_key = models.CharField(max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    chamber = models.CharField(max_length=50, blank=True)
    group = models.CharField(max_length=200, blank=True)
    position = models.CharField(max_length=20)
    text = models.TextField(_("objection or explanation"), blank=True)
    # A councillor abstaining for a conflict of interest says so; `text` then says what it is.
    conflict_of_interest = models.BooleanField(default=False)
    addressed = models.BooleanField(null=True)
    addressed_note = models.TextField(blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # Chamber votes (GNSO Council): the voter's stakeholder group, and how the vote came: in
    # the meeting (""), by absentee ballot, or cast by a proxy or temporary alternate
    # (`cast_by`); `user` stays the member whose vote it is.
    stakeholder_group = models.CharField(max_length=50, blank=True)
    via = models.CharField(max_length=12, blank=True)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["adoption", "voter_key"], name="one_position_per_voter")
        ]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return f"{self.voter_key}: {self.position}"


class MinorityStatement(models.Model):
    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="minority_statements"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    group = models.CharField(max_length=200, blank=True)
    text = models.TextField(_("minority statement"))
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("minority statement")
        verbose_name_plural = _("minority statements")

    def __str__(self) -> str:
        return f"minority statement by {self.author_id}"


class Outcome(models.Model):
    class Kind(models.TextChoices):
        OPINION = "opinion", _("opinion")
        RECOMMENDATION = "recommendation", _("recommendation")
        MOU = "mou", _("memorandum of understanding")
        STATEMENT = "statement", _("statement")
        CHAIRS_SUMMARY = "chairs-summary", _("chair's summary")
        MESSAGES = "messages", _("messages")

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="outcomes")
    adoption = models.OneToOneField(
        Adoption, on_delete=models.PROTECT, related_name="outcome", null=True, blank=True
    )
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="outcomes", null=True, blank=True
    )
    # The adopted version (published, hence frozen); none for a summary of a process that
    # adopts nothing (IGF).
    version = models.ForeignKey(
        Version, on_delete=models.PROTECT, related_name="outcomes", null=True, blank=True
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    binding = models.BooleanField(_("binding"), default=False)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.title


class FollowUp(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in-progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="follow_ups")
    title = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    paragraphs = models.JSONField(_("linked paragraphs"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.title


class ProgressNote(models.Model):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("progress note"))
    status = models.CharField(max_length=12, choices=FollowUp.Status.choices)
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "id"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"note on {self.follow_up_id}"


class DelegationSpeaker(models.Model):
    """A member the head of a delegation designated to take or change the delegation's
    position in one adoption (and only that one)."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="speakers")
    delegation = models.SlugField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    designated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["adoption", "delegation"], name="one_speaker_per_delegation_and_adoption"
            )
        ]
        verbose_name = _("designated speaker")
        verbose_name_plural = _("designated speakers")

    def __str__(self) -> str:
        return f"{self.user_id} for {self.delegation} in {self.adoption_id}"


class AnonymousStatement(models.Model):
    """A reasoned statement of a secret voter, published without attribution: no author, no
    group, no time (any of them, beside the positions' order, would name the voter). Kept only
    where the procedure says `secret_statements: anonymous`."""

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="anonymous_statements"
    )
    text = models.TextField(_("statement"))

    class Meta:
        ordering = ["text", "id"]
        verbose_name = _("statement without attribution")
        verbose_name_plural = _("statements without attribution")

    def __str__(self) -> str:
        return f"statement without attribution on adoption {self.adoption_id}"


class Appeal(models.Model):
    """An appeal of a chair's decision on an adoption (the designated level), climbing the
    chain the modality declares (`appeals:` in the rule file), one step at a time.

    ``step`` is the index of the step the appeal now lies at; each step's decision is an
    `AppealDecision`. The modality is copied at lodging: the chain does not change under it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting a decision")
        UPHELD = "upheld", _("decision upheld")
        OVERTURNED = "overturned", _("decision overturned")

    class Subject(models.TextChoices):
        DESIGNATION = "designation", _("the chair's designation of the consensus level")
        REFUSAL = "refusal", _("a refusal")

    # What is appealed: an adoption's designation, or a refused accreditation (the refusal).
    adoption = models.ForeignKey(
        Adoption, on_delete=models.PROTECT, related_name="appeals", null=True, blank=True
    )
    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    subject = models.CharField(max_length=20, choices=Subject.choices)
    modality = models.CharField(max_length=200)
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    grounds = models.TextField(_("grounds of the appeal"))
    step = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    lodged_at = models.DateTimeField()
    # When the appeal reached its current step (lodged, or brought on after a decision).
    step_since = models.DateTimeField()

    class Meta:
        ordering = ["lodged_at", "id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        if self.adoption_id is None:
            return f"appeal {self.pk} of refused accreditation {self.accreditation_id}"
        return f"appeal {self.pk} of adoption {self.adoption_id}"


class AppealDecision(models.Model):
    """One step's decision on an appeal, with its reasons (the record the chain requires)."""

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("upheld")
        OVERTURNED = "overturned", _("overturned")

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="decisions")
    step = models.PositiveSmallIntegerField()
    step_name = models.SlugField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    # Overturning a designation: the level designated instead ("": the designation set aside).
    level = models.CharField(max_length=40, blank=True)
    reasons = models.TextField(_("reasons"))
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["step", "decided_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["appeal", "step"], name="one_decision_per_appeal_step")
        ]
        verbose_name = _("decision on an appeal")
        verbose_name_plural = _("decisions on appeals")

    def __str__(self) -> str:
        return f"{self.step_name}: {self.outcome}"


class StandIn(models.Model):
    """A proxy or temporary alternate named to cast an absent member's vote in one adoption
    (GNSO Operating Procedures, voting remedies). The vote stays the member's."""

    class Kind(models.TextChoices):
        PROXY = "proxy", _("proxy")
        ALTERNATE = "alternate", _("temporary alternate")

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="stand_ins")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    named_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["adoption", "member"], name="one_stand_in_per_member")
        ]
        verbose_name = _("proxy or alternate")
        verbose_name_plural = _("proxies and alternates")

    def __str__(self) -> str:
        return f"{self.kind} {self.holder_id} for {self.member_id} in {self.adoption_id}"


# The site search's full-text index (roundtable/outputs/fulltext.py), kept in step by the
# database; created by migration outcome_text_search_index.
OUTCOME_TEXT = Index(table="decisions_outcome", columns=("title", "summary"))
