"""Input parsing only; the rules live in actions.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import STATEMENT_LENGTH


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("New statement"),
        max_length=STATEMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": STATEMENT_LENGTH}),
    )


class MarkForm(forms.Form):
    statement = forms.IntegerField(min_value=1, max_value=2**62)
    mark = forms.ChoiceField(
        choices=[("agree", "agree"), ("disagree", "disagree"), ("pass", "pass")]
    )


class WithdrawForm(forms.Form):
    statement = forms.IntegerField(min_value=1, max_value=2**62)
