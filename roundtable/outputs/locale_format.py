"""Numbers and lists in the reader's language, by CLDR's data (Babel). Dates stay Django's
`date` filter and formats, which already follow each language.

Why a library: Django's formats group no thousands in Arabic or Chinese
(`number_format(1234567, force_grouping=True)` gives "1234567" there), and Django has no list
patterns: `get_text_list` puts spaces around Chinese 和 and after Arabic و ("a، b و c"), where
CLDR writes "a、b和c" and "a وb وc". Babel is CLDR's maintained Python packaging.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from babel.lists import format_list
from babel.numbers import format_decimal
from django.conf import settings
from django.utils.translation import get_language, to_locale

# English as the United Nations writes it (no serial comma: "a, b and c"), not CLDR's
# American default ("a, b, and c").
CLDR_LOCALE = {"en": "en_GB"}


def cldr_locale(language: str | None = None) -> str:
    code = (language or get_language() or settings.LANGUAGE_CODE).lower()
    return CLDR_LOCALE.get(code, to_locale(code))


def grouped_number(value: int | float | Decimal, language: str | None = None) -> str:
    """`1234567` as the reader writes it: 1,234,567 / 1 234 567 / 1.234.567 ..."""
    return format_decimal(value, locale=cldr_locale(language))


def and_list(items: Iterable[object], language: str | None = None) -> str:
    """ "a, b and c" with the reader's separators and conjunction."""
    return format_list([str(i) for i in items], locale=cldr_locale(language))
