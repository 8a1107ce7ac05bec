"""`{% machine_translation text %}`: a machine translation, labelled, beside its original.

`text` is an actions.MachineText; `heading`, another, its title (a call's or contribution's),
shown as a heading inside the same labelled figure. The label ("Machine translation", in the reader's language,
with the provider's name and "not an authentic text") sits above the output; the original is
one click away in a `<details>`. Each part carries its own `lang` and `dir`.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language_info

from roundtable.machinetranslation.actions import MachineText

register = template.Library()


def _direction(code: str) -> str:
    try:
        return "rtl" if get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "auto"


@register.inclusion_tag("machinetranslation/labelled.html")
def machine_translation(text: MachineText, heading: MachineText | None = None) -> dict[str, Any]:
    return {
        "mt": text,
        "heading": heading,
        "target_dir": _direction(text.target),
        "source_dir": _direction(text.source),
    }
