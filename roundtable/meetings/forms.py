"""Input forms (validation of untrusted input only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.inputs.params import LARGEST

ATTENDANCE_CHOICES = (
    ("", _("not recorded")),
    ("in-room", _("present in the room")),
    ("remote", _("present remotely")),
    ("absent", _("absent")),
)
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


class AttendanceForm(forms.Form):
    """One choice per registration (field ``r<id>``): present in the room, remotely, absent."""

    def __init__(
        self, *args: Any, roster: Sequence[tuple[int, str, str]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for pk, name, current in roster:
            self.fields[f"r{pk}"] = forms.ChoiceField(
                label=name, choices=ATTENDANCE_CHOICES, required=False, initial=current
            )

    def marks(self) -> list[tuple[int, str]]:
        """The recorded choices as (registration id, attendance); unrecorded ones left out."""
        return [
            (int(name[1:]), value)
            for name, value in self.cleaned_data.items()
            if name.startswith("r") and value
        ]
