"""`{{ n|grouped_number }}` and `{{ names|and_list }}` in the reader's language
(roundtable/outputs/locale_format.py)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django import template

from roundtable.outputs import locale_format

register = template.Library()


@register.filter
def grouped_number(value: int | float | Decimal) -> str:
    return locale_format.grouped_number(value)


@register.filter
def and_list(items: Iterable[object]) -> str:
    return locale_format.and_list(items)
