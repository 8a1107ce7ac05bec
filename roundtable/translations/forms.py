from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from roundtable.drafting.models import Amendment

from .models import DocumentLanguages

# The right-to-left languages among the six (queries.RTL, which forms may not import).
RTL_CODES = frozenset({"ar"})


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


class TextVersionForm(forms.Form):
    """A whole-text version of a call or contribution, typed in its language and direction."""

    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    text = forms.CharField(label=_("Translation"), widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        direction = "rtl" if language in RTL_CODES else "ltr"
        for field in self.fields.values():
            field.widget.attrs.update(lang=language, dir=direction)


class LanguageAmendmentForm(forms.Form):
    """An amendment proposed in a language version: only paragraphs with a human text in that
    language are choices (never a machine translation)."""

    pid = forms.ChoiceField(label=_("Paragraph"))
    kind = forms.ChoiceField(label=_("Change"), choices=Amendment.Kind.choices)
    text = forms.CharField(
        label=_("New text (not needed to delete)"), widget=forms.Textarea, required=False
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea)

    def __init__(
        self, *args: Any, pids: list[tuple[str, str]], language: str, rtl: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        pid = self.fields["pid"]
        if isinstance(pid, forms.ChoiceField):
            pid.choices = pids
        # The new text is written in the version's language and direction.
        self.fields["text"].widget.attrs.update(lang=language, dir="rtl" if rtl else "ltr")
