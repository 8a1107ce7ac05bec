"""Input parsing only; the rules live in actions.py and setup.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from roundtable.modalities import PHASE_KINDS
from roundtable.outputs.forms import DescribedForm
from roundtable.permissions.registry import process_modality_choices
from roundtable.permissions.vocabulary import KINDS, term


def _modality_choices(blank: str | None) -> list[tuple[str, str]]:
    # The words people read: the vocabulary's (translated) label, else the rule file's title.
    choices = [
        (name, str(KINDS["modality"][name].label) if name in KINDS["modality"] else title)
        for name, title in process_modality_choices()
    ]
    return [("", blank), *choices] if blank is not None else choices


# Lazy labels: the language is the reader's, at render time.
PHASE_KIND_CHOICES = [(kind, term("phase", kind).label) for kind in PHASE_KINDS]


def _language_choices() -> list[tuple[str, str | Promise]]:
    return [("", _("Not said")), *((code, name) for code, name in settings.LANGUAGES)]


class PhaseForm(DescribedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=PHASE_KIND_CHOICES)
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    tentative = forms.BooleanField(label=_("Tentative"), required=False)
    modality = forms.ChoiceField(label=_("Modality (override)"), required=False, choices=())
    day = forms.SlugField(label=_("Kind of day"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["modality"].choices = _modality_choices(str(_("The process's own")))  # type: ignore[attr-defined]


class PhaseChangeForm(DescribedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=PHASE_KIND_CHOICES)
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    tentative = forms.BooleanField(label=_("Tentative"), required=False)


class VenueForm(DescribedForm):
    slug = forms.SlugField(
        label=_("Short name"), max_length=50, help_text=_("Used in addresses, e.g. itu.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    language = forms.ChoiceField(label=_("Language of the description"), required=False)
    default_modality = forms.ChoiceField(label=_("Default modality"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()  # type: ignore[attr-defined]
        self.fields["default_modality"].choices = _modality_choices(None)  # type: ignore[attr-defined]


class ProcessForm(DescribedForm):
    slug = forms.SlugField(
        label=_("Short name"), max_length=50, help_text=_("Used in addresses, e.g. wtpf-2025.")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    language = forms.ChoiceField(label=_("Language of the description"), required=False)
    topics = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=2000,
        help_text=_("Separated by commas, e.g. artificial intelligence, connectivity."),
    )
    modality = forms.ChoiceField(
        label=_("Modality"),
        required=False,
        help_text=_("A preset or a rule file uploaded by a secretariat."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()  # type: ignore[attr-defined]
        self.fields["modality"].choices = _modality_choices(str(_("The venue's default")))  # type: ignore[attr-defined]

    def clean_topics(self) -> list[str]:
        raw = self.cleaned_data.get("topics") or ""
        topics = [t.strip() for t in raw.split(",") if t.strip()]
        if any(len(t) > 100 for t in topics) or len(topics) > 50:
            raise forms.ValidationError(_("At most 50 topics of 100 characters each."))
        return topics


class RuleFileForm(DescribedForm):
    file = forms.FileField(
        label=_("Rule file"),
        help_text=_("A YAML rule file (at most 200 KB); its modality: key names it."),
    )

    def clean_file(self) -> tuple[str, str]:
        upload = self.cleaned_data["file"]
        if upload.size > 200_000:
            raise forms.ValidationError(_("A rule file is at most 200 KB."))
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("A rule file is UTF-8 text.")) from None
        return upload.name or "upload.yaml", text
