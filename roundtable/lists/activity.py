"""Keeping `ListMonth` right: messages per month recounted for the months a batch touched
(bounded by a month's size, not the archive's), threads per month after every rethread.

Recounting the touched months instead of adding to them means a retried batch, a duplicate or
a message moved between lists can never leave the figures off; each month is one indexed range
count on (mailing_list, date).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import ListMonth, MailingList, Message, Thread


def month_of(moment: datetime | None) -> date:
    if moment is None:
        return ListMonth.UNDATED
    return timezone.localtime(moment).date().replace(day=1)


def _range(month: date) -> tuple[datetime, datetime]:
    start = datetime(month.year, month.month, 1, tzinfo=timezone.get_current_timezone())
    return start, (start + timedelta(days=32)).replace(day=1)


def recount_months(mailing_list: MailingList, months: Iterable[date]) -> None:
    for month in sorted(set(months)):
        found = Message.objects.filter(mailing_list=mailing_list)
        if month == ListMonth.UNDATED:
            found = found.filter(date__isnull=True)
        else:
            start, end = _range(month)
            found = found.filter(date__gte=start, date__lt=end)
        ListMonth.objects.update_or_create(
            mailing_list=mailing_list, month=month, defaults={"messages": found.count()}
        )


def recount_threads(mailing_list: MailingList) -> None:
    """Threads started per month; run after a rethread (which already reads every thread)."""
    started = {
        month_of(row["at"]): row["n"]
        for row in Thread.objects.filter(mailing_list=mailing_list, started_at__isnull=False)
        .annotate(at=TruncMonth("started_at"))
        .values("at")
        .annotate(n=Count("id"))
        .values("at", "n")
    }
    undated = Thread.objects.filter(mailing_list=mailing_list, started_at__isnull=True).count()
    if undated:
        started[ListMonth.UNDATED] = undated
    ListMonth.objects.filter(mailing_list=mailing_list).exclude(month__in=list(started)).update(
        threads=0
    )
    for month, count in started.items():
        ListMonth.objects.update_or_create(
            mailing_list=mailing_list, month=month, defaults={"threads": count}
        )


def recount_all(mailing_list: MailingList) -> None:
    """Every month from scratch (`roundtable lists recount`, and after a migration)."""
    months = {
        month_of(row["at"])
        for row in Message.objects.filter(mailing_list=mailing_list, date__isnull=False)
        .annotate(at=TruncMonth("date"))
        .values("at")
        .distinct()
    }
    if Message.objects.filter(mailing_list=mailing_list, date__isnull=True).exists():
        months.add(ListMonth.UNDATED)
    ListMonth.objects.filter(mailing_list=mailing_list).exclude(month__in=list(months)).delete()
    recount_months(mailing_list, months)
    recount_threads(mailing_list)
