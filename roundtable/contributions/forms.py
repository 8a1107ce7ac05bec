"""Input parsing only; the rules live in actions.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from roundtable.stakeholders.forms import MultipleFileField


class ContributionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Text (Markdown)"), widget=forms.Textarea(attrs={"rows": 10}))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="en")
    on_behalf = forms.ChoiceField(label=_("On behalf of"), required=False, choices=[])
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    replies_to = forms.TypedChoiceField(
        label=_("In reply to"), required=False, choices=[], coerce=int, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        behalf_choices: Sequence[tuple[str, str]] = (),
        reply_choices: Sequence[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on_behalf"].choices = [("", _("myself")), *behalf_choices]  # type: ignore[attr-defined]
        if reply_choices:
            self.fields["replies_to"].choices = [("", "—"), *reply_choices]  # type: ignore[attr-defined]
        else:
            del self.fields["replies_to"]


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment (Markdown)"), widget=forms.Textarea(attrs={"rows": 3}))


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Public reason"), max_length=1000)


class CallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    opens_at = forms.DateTimeField(
        label=_("Opens at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reply_closes_at = forms.DateTimeField(
        label=_("Reply period closes at (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ExtendForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[("comment", _("comment period")), ("reply", _("reply period"))],
        initial="comment",
    )
    closes_at = forms.DateTimeField(
        label=_("New closing time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reason = forms.CharField(
        label=_("Reason (shown with the extension)"), widget=forms.Textarea(attrs={"rows": 2})
    )
