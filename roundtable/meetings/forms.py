"""Input forms (validation of untrusted input only)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.inputs.params import LARGEST

CHAIR_ACTIONS = ("give", "end", "mute", "unmute", "skip", "move", "close", "reopen")


class AskForm(forms.Form):
    agenda_item = forms.IntegerField(
        label=_("Agenda item"), required=False, min_value=1, max_value=LARGEST
    )
    paragraph = forms.CharField(label=_("Paragraph"), required=False, max_length=40)
    remote = forms.BooleanField(label=_("I take part remotely"), required=False)


class RegisterForm(forms.Form):
    remote = forms.BooleanField(label=_("I take part remotely"), required=False)


class ChairForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in CHAIR_ACTIONS])
    request = forms.IntegerField(required=False, min_value=1, max_value=LARGEST)
    position = forms.IntegerField(
        label=_("New place"), required=False, min_value=1, max_value=10_000
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)
    seconds = forms.IntegerField(
        label=_("Speaking time (seconds)"), required=False, min_value=1, max_value=3600
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), max_length=200_000, widget=forms.Textarea)
    chair_summary = forms.CharField(
        label=_("Chair's summary"), required=False, max_length=200_000, widget=forms.Textarea
    )
