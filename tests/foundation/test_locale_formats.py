"""A date, a large number and a list written as each of the six languages writes them (issue 18,
part 5): dates by Django's formats, numbers and lists by CLDR (roundtable/outputs/locale_format.py)."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from roundtable.outputs.locale_format import and_list, grouped_number

PAGE = Template(
    "{% load locale_format %}{{ day|date:'DATE_FORMAT' }} | {{ n|grouped_number }} | "
    "{{ names|and_list }}"
)
NAMES = ["ITU", "UNESCO", "OECD"]

EXPECTED = {
    "ar": "9 مارس، 2026 | 1,234,567 | ITU وUNESCO وOECD",
    "zh-hans": "2026年3月9日 | 1,234,567 | ITU、UNESCO和OECD",
    "en": "March 9, 2026 | 1,234,567 | ITU, UNESCO and OECD",
    "es": "9 de marzo de 2026 | 1.234.567 | ITU, UNESCO y OECD",
    "fr": "9 mars 2026 | 1\u202f234\u202f567 | ITU, UNESCO et OECD",
    "ru": "9 марта 2026 г. | 1\xa0234\xa0567 | ITU, UNESCO и OECD",
}


@pytest.mark.parametrize("language", list(EXPECTED))
def test_date_number_and_list_per_language(language: str) -> None:
    with translation.override(language):
        said = PAGE.render(
            Context({"day": datetime.date(2026, 3, 9), "n": 1234567, "names": NAMES})
        )
    assert said == EXPECTED[language]


def test_short_lists_and_decimals() -> None:
    assert and_list([], "fr") == ""
    assert and_list(["ITU"], "ar") == "ITU"
    assert and_list(["ITU", "OECD"], "ru") == "ITU и OECD"
    assert grouped_number(1234567.5, "fr") == "1\u202f234\u202f567,5"
    assert grouped_number(1234567.5, "es") == "1.234.567,5"
    assert grouped_number(1001, "en") == "1,001"
