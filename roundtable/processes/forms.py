"""Input parsing only; the rules live in actions.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.modalities import PHASE_KINDS


class PhaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k, k) for k in PHASE_KINDS])
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    tentative = forms.BooleanField(label=_("Tentative"), required=False)
    modality = forms.CharField(label=_("Modality (override)"), max_length=100, required=False)
    day = forms.SlugField(label=_("Kind of day"), required=False)
