"""The list page's activity by month (lists/month_bars.py): the same HTML as the single template
that rendered every month before, and a new message renders only the year whose counts it
changed (each year's bars and links are fragments of their own, below the whole block)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from django.template import engines
from django.test import Client
from django.utils import translation

from roundtable.lists import month_bars
from roundtable.lists.actions import do_ensure_list
from roundtable.lists.browsing import list_months
from roundtable.lists.models import ListMonth, MailingList
from roundtable.permissions.actor import Actor

pytestmark = pytest.mark.django_db

# lists/_months.html as it was, one `{% url %}` and three dates per month: the reference
BEFORE = """{% load i18n %}<h2>{% translate "Activity by month" %}</h2>
<div class="lists-activity" role="list" aria-label="{% translate 'Messages per month' %}">
{% for item in months %}<a role="listitem" href="{% url 'lists:month' mailing_list.slug item.month.year item.month.month %}" class="bar-{{ item.share }}" title="{{ item.month|date:'F Y' }}: {{ item.messages }}"><span class="visually-hidden" hidden>{{ item.month|date:"F Y" }}: {{ item.messages }}</span></a>{% endfor %}
</div>
<details>
  <summary>{% translate "Months" %}</summary>
  <ul class="lists-months">
  {% for item in months %}<li><a href="{% url 'lists:month' mailing_list.slug item.month.year item.month.month %}">{{ item.month|date:"F Y" }}</a> ({{ item.messages }})</li>{% endfor %}
  </ul>
</details>
"""  # noqa: E501


@pytest.fixture(autouse=True)
def no_page_cache(settings: Any) -> None:
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0
    cache.clear()


@pytest.fixture
def archive() -> MailingList:
    """Three years of activity, the busiest month in the first year, an undated count too."""
    mailing_list = do_ensure_list(actor=Actor.operator("tests"), address="bars@example.org")
    counts = {date(2019, 3, 1): 400, date(2019, 11, 1): 7, date(2020, 1, 1): 55,
              date(2020, 12, 1): 1, date(2021, 6, 1): 30, ListMonth.UNDATED: 3}  # fmt: skip
    ListMonth.objects.bulk_create(
        ListMonth(mailing_list=mailing_list, month=month, messages=n, threads=1)
        for month, n in counts.items()
    )
    return mailing_list


def _bars(mailing_list: MailingList) -> str:
    return month_bars.months_html(mailing_list, list_months(viewer=None, mailing_list=mailing_list))


def _before(mailing_list: MailingList) -> str:
    months = list_months(viewer=None, mailing_list=mailing_list)
    return (
        engines["django"]
        .from_string(BEFORE)
        .render({"mailing_list": mailing_list, "months": months})
    )


@pytest.mark.parametrize("language", ["en", "fr", "ar", "zh-hans"])
def test_the_bars_are_the_html_the_single_template_rendered(
    archive: MailingList, language: str
) -> None:
    with translation.override(language):
        assert _bars(archive) == _before(archive)
        assert _bars(archive) == _before(archive)  # found in the cache, the same
    assert 'href="/lists/bars/2021/6/"' in _bars(archive)


def test_the_list_page_shows_the_same_block(client: Client, archive: MailingList) -> None:
    page = client.get("/lists/bars/").content.decode()
    block = re.search(r"<h2>Activity by month</h2>.*?</details>\n", page, flags=re.S)
    assert block is not None
    with translation.override("en"):
        assert block.group(0) == _before(archive)


def _rendering(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[int, ...]]]:
    """What months_html renders from now on: (template, the years of its months)."""
    rendered: list[tuple[str, tuple[int, ...]]] = []
    original = month_bars.render_to_string

    def spy(name: str, context: dict[str, Any]) -> str:
        years = tuple(sorted({item.month.year for item in context.get("months", [])}))
        rendered.append((name, years))
        return original(name, context)

    monkeypatch.setattr(month_bars, "render_to_string", spy)
    return rendered


def test_a_new_message_renders_only_the_year_it_changed(
    archive: MailingList, monkeypatch: pytest.MonkeyPatch
) -> None:
    with translation.override("en"):
        _bars(archive)
        rendered = _rendering(monkeypatch)
        _bars(archive)
        assert rendered == []  # the whole block found

        # a new message in June 2021 (the busiest month stays March 2019)
        ListMonth.objects.filter(mailing_list=archive, month=date(2021, 6, 1)).update(messages=31)
        html = _bars(archive)
        assert sorted(rendered) == sorted([
            (month_bars.SHELL, ()),
            (month_bars.PARTS["bars"], (2021,)),
            (month_bars.PARTS["items"], (2021,)),
        ])  # fmt: skip
        assert html == _before(archive) and "June 2021: 31" in html

        # a month with a first message: its year again, nothing else
        rendered.clear()
        ListMonth.objects.create(mailing_list=archive, month=date(2021, 7, 1), messages=1)
        assert _bars(archive) == _before(archive)
        assert {years for _name, years in rendered} == {(), (2021,)}

        # a new busiest month changes every share: each year whose bars changed is rendered
        rendered.clear()
        ListMonth.objects.filter(mailing_list=archive, month=date(2020, 1, 1)).update(messages=800)
        assert _bars(archive) == _before(archive)
        assert {years for _name, years in rendered} == {(), (2019,), (2020,), (2021,)}


def test_another_language_or_list_renders_its_own(archive: MailingList) -> None:
    with translation.override("en"):
        english = _bars(archive)
    with translation.override("fr"):
        french = _bars(archive)
    assert "June 2021" in english and "juin 2021" in french
    other = do_ensure_list(actor=Actor.operator("tests"), address="other@example.org")
    ListMonth.objects.bulk_create(
        ListMonth(mailing_list=other, month=m.month, messages=m.messages, threads=1)
        for m in ListMonth.objects.filter(mailing_list=archive)
    )
    with translation.override("en"):
        assert 'href="/lists/other/2021/6/"' in _bars(other)
        assert "/lists/bars/" not in _bars(other)
