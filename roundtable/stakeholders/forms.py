"""Input parsing only; the rules live in actions.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.processes.models import Venue

from .models import Delegation, Organisation, StakeholderGroup, VenueCategory


class SignupForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    region = forms.CharField(
        label=_("Region (optional, for balance reports)"), max_length=100, required=False
    )
    gender = forms.CharField(
        label=_("Gender (optional, for balance reports)"), max_length=100, required=False
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):  # type: ignore[no-untyped-def]
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class AccreditationForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Stakeholder group"), queryset=StakeholderGroup.objects.all()
    )
    category = forms.ModelChoiceField(
        label=_("Membership category at this venue"),
        queryset=VenueCategory.objects.none(),
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )
    delegation = forms.ModelChoiceField(
        label=_("Delegation"), queryset=Delegation.objects.none(), required=False
    )
    statement = forms.CharField(
        label=_("Why you ask (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    documents = MultipleFileField(label=_("Supporting documents"), required=False)

    def __init__(self, *args, venue: Venue, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = VenueCategory.objects.filter(venue=venue)  # type: ignore[attr-defined]
        self.fields["delegation"].queryset = Delegation.objects.filter(venue=venue)  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("yes", _("Approve")), ("no", _("Reject"))],
        coerce=lambda v: v == "yes",
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
