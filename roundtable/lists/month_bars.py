"""The list page's activity by month (a bar and a link per month, hundreds on an old list).

Two levels of fragments, both keyed by what they show (`content_keys`), so nothing is ever
stale: the whole block, keyed by every month's count (one cache read on a page whose counts did
not change), and below it each year's bars and each year's month links, keyed by that year's
counts. A new message changes its own month's count, so the next render finds every other
year's parts and renders one year (twelve bars at most) instead of the whole archive; only a
new busiest month can change the other years' shares (percent of the busiest), and then only
the years whose rounded shares changed are rendered again. A month's link is one `reverse` for
the list, then string formatting, not a `{% url %}` per bar, and its name is formatted once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString

from roundtable.permissions.fragments import cached_fragment, cached_fragments, content_keys

from .browsing import MonthActivity
from .models import MailingList

SHELL = "lists/_months.html"
PARTS = {"bars": "lists/_month_bars.html", "items": "lists/_month_items.html"}
TEMPLATES = (SHELL, *PARTS.values())
# what reverse() is given to find the list's month links (any valid year and month would do)
_YEAR, _MONTH = 2000, 1


@dataclass(frozen=True)
class MonthLink:
    month: date
    messages: int
    share: int
    url: str
    label: str  # the month's name and year, as the `date:"F Y"` filter writes them


def months_html(mailing_list: MailingList, months: list[MonthActivity]) -> SafeString:
    # each month as its day number, not a date: the key's repr of hundreds of months costs
    # a third less (what is shown is the same either way)
    counts = tuple((m.month.toordinal(), m.messages, m.share) for m in months)
    whole = content_keys("list-months", TEMPLATES, {0: counts}, common=(mailing_list.slug,))[0]
    return cached_fragment(whole, lambda: _render(mailing_list, months))


def _render(mailing_list: MailingList, months: list[MonthActivity]) -> str:
    by_year = {year: list(group) for year, group in groupby(months, key=lambda m: m.month.year)}
    keys = content_keys(
        "list-months-year",
        tuple(PARTS.values()),
        {
            (year, part): (part, tuple((m.month, m.messages, m.share) for m in group))
            for year, group in by_year.items()
            for part in PARTS
        },
        common=(mailing_list.slug,),
    )
    links = month_links(mailing_list)

    def render(missing: Iterable[tuple[int, str]]) -> dict[tuple[int, str], str]:
        missing = list(missing)
        shown = {year: [links(m) for m in by_year[year]] for year, _part in missing}
        return {
            (year, part): render_to_string(PARTS[part], {"months": shown[year]}).removesuffix(
                "\n"
            )  # the shell joins the years with nothing between them
            for year, part in missing
        }

    parts = cached_fragments(keys, render)
    return render_to_string(
        SHELL,
        {
            "bars": [parts[year, "bars"] for year in by_year],
            "items": [parts[year, "items"] for year in by_year],
        },
    )


def month_links(mailing_list: MailingList) -> Callable[[MonthActivity], MonthLink]:
    """One reverse() for the list; each month's link is then that URL with its year and month."""
    sample = reverse("lists:month", args=[mailing_list.slug, _YEAR, _MONTH])
    tail = f"{_YEAR}/{_MONTH}/"
    if not sample.endswith(tail):  # a URL pattern not ending with year/month/: reverse each
        return lambda m: MonthLink(
            m.month, m.messages, m.share,
            reverse("lists:month", args=[mailing_list.slug, m.month.year, m.month.month]),
            _label(m),
        )  # fmt: skip
    prefix = sample.removesuffix(tail)
    return lambda m: MonthLink(
        m.month, m.messages, m.share, f"{prefix}{m.month.year}/{m.month.month}/", _label(m)
    )


def _label(month: MonthActivity) -> str:
    """Formatted once per month here, where the templates showed it three times."""
    return date_format(month.month, "F Y")
