"""Input forms (validation of untrusted input only)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FollowUp, Outcome


class OpenForm(forms.Form):
    procedure = forms.ChoiceField(label=_("Procedure"))
    closes_at = forms.DateTimeField(
        label=_("Closes at (objection window or vote, UTC)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    # No "secret ballot" field: votes are public or secret as the modality's procedure says
    # (`secret` in the rule file); the chair does not choose it here.

    def __init__(self, *args: object, procedures: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ChoiceField, self.fields["procedure"]).choices = procedures


class PositionForm(forms.Form):
    position = forms.CharField(max_length=20)
    text = forms.CharField(required=False, widget=forms.Textarea)
    conflict_of_interest = forms.BooleanField(required=False)


class ConcludeForm(forms.Form):
    designation = forms.CharField(required=False, max_length=40)
    note = forms.CharField(required=False, widget=forms.Textarea)


class MarkForm(forms.Form):
    position = forms.IntegerField()
    addressed = forms.BooleanField(required=False)
    note = forms.CharField(required=False)


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Minority statement"), widget=forms.Textarea)


class SummaryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[
            (Outcome.Kind.CHAIRS_SUMMARY, Outcome.Kind.CHAIRS_SUMMARY.label),
            (Outcome.Kind.MESSAGES, Outcome.Kind.MESSAGES.label),
        ],
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Text"), widget=forms.Textarea)


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.CharField(label=_("Owner"), max_length=200)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    paragraphs = forms.CharField(
        label=_("Linked paragraphs (ids, comma-separated)"), required=False
    )


class ProgressForm(forms.Form):
    follow_up = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 2}))
    status = forms.ChoiceField(label=_("Status"), choices=FollowUp.Status.choices)


class AppealForm(forms.Form):
    grounds = forms.CharField(
        label=_("Why the decision is believed to be in error"), max_length=20000
    )


class AppealDecisionForm(forms.Form):
    appeal = forms.IntegerField(min_value=1)
    outcome = forms.ChoiceField(
        choices=[("upheld", _("Uphold the decision")), ("overturned", _("Overturn it"))]
    )
    reasons = forms.CharField(label=_("Reasons"), max_length=20000)
    # Overturning a designation: the level designated instead (empty: set aside).
    level = forms.SlugField(label=_("Level designated instead"), max_length=40, required=False)


class StandInForm(forms.Form):
    member = forms.EmailField(label=_("Absent member (email)"))
    holder = forms.EmailField(label=_("Proxy or alternate (email)"))
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("proxy", _("proxy")), ("alternate", _("temporary alternate"))],
    )


class StandInVoteForm(forms.Form):
    stand_in = forms.IntegerField()
    position = forms.CharField(max_length=20)
