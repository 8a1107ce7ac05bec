from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import DocumentLanguages


class LanguagesForm(forms.Form):
    original_language = forms.ChoiceField(label=_("Original language"), choices=settings.LANGUAGES)
    authenticity = forms.ChoiceField(
        label=_("Authentic versions"), choices=DocumentLanguages.Authenticity.choices
    )


class RequestForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note for the translator"), required=False, max_length=500)


class AssignForm(forms.Form):
    email = forms.EmailField(
        label=_("Translator's e-mail address"),
        help_text=_("The person must have an account on this site."),
    )


class ParagraphForm(forms.Form):
    pid = forms.CharField(widget=forms.HiddenInput, max_length=20)
    text = forms.CharField(label=_("Translation"), widget=forms.Textarea(attrs={"rows": 4}))
