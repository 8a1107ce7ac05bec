"""Arabic's six plural forms and Russian's (one, few, many; a fourth for fractions) picked right
for real numbers: the catalogs' Plural-Forms rules agree with CLDR's, and pages say the words."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import ngettext

REPO = Path(__file__).resolve().parents[2]
NUMBERS = [0, 1, 2, 3, 4, 5, 10, 11, 12, 14, 19, 21, 22, 25, 99, 100, 101, 102, 103, 111, 112, 1001]


def cldr_arabic(n: int) -> str:
    # CLDR plural rules, ar: zero n=0; one n=1; two n=2; few n%100=3..10; many n%100=11..99.
    if n in (0, 1, 2):
        return ["zero", "one", "two"][n]
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


def cldr_russian(n: int) -> str:
    # CLDR, ru (integers): one i%10=1 and i%100!=11; few i%10=2..4 and i%100!=12..14; many the
    # rest; "other" is for fractions only.
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


RULES = {
    "ar": (cldr_arabic, ["zero", "one", "two", "few", "many", "other"]),
    "ru": (cldr_russian, ["one", "few", "many", "other"]),
}


@pytest.mark.parametrize("code", ["ar", "ru"])
def test_the_catalogs_plural_rule_is_cldrs(code: str) -> None:
    cldr, forms = RULES[code]
    with (REPO / "roundtable" / "locale" / code / "LC_MESSAGES" / "django.mo").open("rb") as f:
        catalog = gettext.GNUTranslations(f)
    wrong = {
        n: forms[catalog.plural(n)] for n in range(0, 2500) if forms[catalog.plural(n)] != cldr(n)
    }
    assert wrong == {}
    assert {forms[catalog.plural(n)] for n in range(0, 2500)} == set(forms) - {"other"} | (
        {"other"} if code == "ar" else set()
    )


# What a campaign page says (campaigns/templates/campaigns/call.html).
SIGNATORIES = Template(
    "{% load i18n %}{% blocktranslate count n=size %}{{ n }} signatory{% plural %}"
    "{{ n }} signatories{% endblocktranslate %}"
)

ARABIC_SIGNATORIES = {
    0: "0 موقّع",
    1: "موقّع واحد (1)",
    2: "موقّعان (2)",
    3: "3 موقّعين",
    10: "10 موقّعين",
    11: "11 موقّعًا",
    99: "99 موقّعًا",
    100: "100 موقّع",
    101: "101 موقّع",
    102: "102 موقّع",
    103: "103 موقّعين",
    111: "111 موقّعًا",
    1001: "1001 موقّع",
}
RUSSIAN_SIGNATORIES = {
    0: "0 подписантов",
    1: "1 подписант",
    2: "2 подписанта",
    3: "3 подписанта",
    5: "5 подписантов",
    11: "11 подписантов",
    12: "12 подписантов",
    21: "21 подписант",
    22: "22 подписанта",
    100: "100 подписантов",
    101: "101 подписант",
    102: "102 подписанта",
    111: "111 подписантов",
    112: "112 подписантов",
    1001: "1001 подписант",
}


@pytest.mark.parametrize(
    ("code", "n", "expected"),
    [("ar", n, s) for n, s in ARABIC_SIGNATORIES.items()]
    + [("ru", n, s) for n, s in RUSSIAN_SIGNATORIES.items()],
)
def test_a_count_on_a_page_takes_the_right_form(code: str, n: int, expected: str) -> None:
    with translation.override(code):
        assert SIGNATORIES.render(Context({"size": n})) == expected


# An appeal's time limit (decisions/appeals.py, limit_words), through ngettext.
ARABIC_MONTHS = {
    1: "في غضون شهر واحد (1)",
    2: "في غضون شهرين (2)",
    3: "في غضون 3 أشهر",
    12: "في غضون 12 شهرًا",
    100: "في غضون 100 شهر",
    103: "في غضون 103 أشهر",
}
RUSSIAN_MESSAGES = {1: "1 сообщение", 3: "3 сообщения", 11: "11 сообщений", 101: "101 сообщение"}


def test_ngettext_in_code_takes_the_right_form() -> None:
    with translation.override("ar"):
        for n, expected in ARABIC_MONTHS.items():
            said = ngettext("within %(n)d month", "within %(n)d months", n) % {"n": n}
            assert said == expected
    with translation.override("ru"):
        for n, expected in RUSSIAN_MESSAGES.items():
            said = ngettext("%(counter)s message", "%(counter)s messages", n) % {"counter": n}
            assert said == expected


# A body's seats (stakeholders/templates/stakeholders/roles.html): the count is the capacity.
SEATS = Template(
    "{% load i18n %}{% blocktranslate with taken=taken count capacity=capacity %}{{ taken }} of "
    "{{ capacity }} seat taken.{% plural %}{{ taken }} of {{ capacity }} seats taken."
    "{% endblocktranslate %}"
)
SEATS_SAID = {
    ("ru", 1): "Занято 1 из 1 места.",
    ("ru", 5): "Занято 1 из 5 мест.",
    ("ru", 21): "Занято 1 из 21 места.",
    ("ru", 40): "Занято 1 из 40 мест.",
    ("ar", 2): "1 من أصل مقعدين (2) مشغولة.",
    ("ar", 10): "1 من أصل 10 مقاعد مشغولة.",
    ("ar", 40): "1 من أصل 40 مقعدًا مشغولة.",
    ("ar", 100): "1 من أصل 100 مقعد مشغولة.",
    ("fr", 1): "1 sur 1 siège pris.",
    ("en", 1): "1 of 1 seat taken.",
    ("en", 40): "1 of 40 seats taken.",
}


def test_seats_taken_agree_with_the_capacity() -> None:
    template = (
        REPO / "roundtable" / "stakeholders" / "templates" / "stakeholders" / "roles.html"
    ).read_text(encoding="utf-8")
    assert "count capacity=body.capacity %}{{ taken }} of {{ capacity }} seat taken." in template
    for (code, capacity), expected in SEATS_SAID.items():
        with translation.override(code):
            assert SEATS.render(Context({"taken": 1, "capacity": capacity})) == expected
