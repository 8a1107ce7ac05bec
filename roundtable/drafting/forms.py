"""Input forms (validation of untrusted input only; the actions decide everything else)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Amendment


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    slug = forms.SlugField(label=_("Short name (in addresses)"), max_length=50)
    source = forms.CharField(
        label=_("Text (Markdown; a blank line between paragraphs)"), widget=forms.Textarea
    )


class DraftForm(forms.Form):
    source = forms.CharField(label=_("Working draft (Markdown)"), widget=forms.Textarea)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class AmendmentForm(forms.Form):
    pid = forms.ChoiceField(label=_("Paragraph"))
    kind = forms.ChoiceField(label=_("Change"), choices=Amendment.Kind.choices)
    text = forms.CharField(
        label=_("New text (not needed to delete)"), widget=forms.Textarea, required=False
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea)

    def __init__(self, *args: Any, paragraphs: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pid = self.fields["pid"]
        if isinstance(pid, forms.ChoiceField):
            pid.choices = paragraphs


class CommentForm(forms.Form):
    pid = forms.CharField(widget=forms.HiddenInput)
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class DecideAmendmentForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("reject", _("Reject")), ("merge", _("Merge"))]
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, required=False)
    into = forms.IntegerField(label=_("Merge into amendment number"), required=False)
    rebase = forms.BooleanField(
        label=_("I have read the current text: accept this amendment against it."),
        required=False,
    )


class CiteForm(forms.Form):
    pid = forms.CharField(label=_("Paragraph id"))
    contribution = forms.IntegerField(label=_("Contribution number"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
