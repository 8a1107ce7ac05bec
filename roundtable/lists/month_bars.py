"""The list page's activity by month (a bar and a link per month, hundreds on an old list),
rendered once per list, language and counts: the key carries every month's count, so a new
message (a new count) is a new key and nothing is ever stale."""

from __future__ import annotations

import hashlib

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from roundtable.permissions.fragments import cached_fragment

from .browsing import MonthActivity
from .models import MailingList


def months_html(mailing_list: MailingList, months: list[MonthActivity]) -> SafeString:
    counts = ";".join(f"{m.month:%Y-%m}={m.messages}:{m.share}" for m in months)
    hashed = hashlib.sha256(f"{mailing_list.slug}|{counts}".encode()).hexdigest()
    key = f"fragment:list-months:{get_language() or '-'}:{hashed}"
    return cached_fragment(
        key,
        lambda: render_to_string(
            "lists/_months.html", {"mailing_list": mailing_list, "months": months}
        ),
    )
