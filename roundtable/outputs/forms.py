"""What every HTML form of the platform shares: its fields linked to their hints and errors."""

from __future__ import annotations

from typing import Any

from django import forms


class DescribedForm(forms.Form):
    """Links each field to its hint and errors (aria-describedby) for screen readers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                ids = [attrs.get("aria-describedby", ""), f"id_{name}-error"]
                attrs["aria-describedby"] = " ".join(i for i in ids if i)
