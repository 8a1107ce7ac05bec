"""Messages written straight into a list and indexed for its search, as an import leaves them
(the list search's tests need hundreds, at known dates, without parsing mail)."""

from __future__ import annotations

from datetime import datetime, timedelta

from roundtable.lists import search
from roundtable.lists.models import MailingList, Message


def post_indexed(mailing_list: MailingList, n: int, text: str, *, base: datetime) -> Message:
    """Message n of the list, dated n hours after base, its own text `text`."""
    message = Message.objects.create(
        mailing_list=mailing_list, key=f"{mailing_list.slug[:4]}{n:06x}",
        message_id=f"{mailing_list.slug}{n}@x", content_hash=f"{mailing_list.slug}{n}",
        subject=f"s{n}", from_addr="a@example.org", date=base + timedelta(hours=n),
        own_text=text, raw=b"",
    )  # fmt: skip
    search.index_messages([message.pk])  # SQLite's FTS5 table; PostgreSQL's column is generated
    return message
