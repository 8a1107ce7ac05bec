"""A thread page's message blocks, rendered once and kept by what they show.

A message's block (lists/_thread_message.html: sender, date, permalink, the beginning of its
text, the cut notice) is the same for every viewer who may see the thread: nothing in it
depends on the viewer's standing (moderation lives on other pages), so the door's answer for
the page as a whole is the only check needed. Its cache key is content-addressed
(permissions/fragments.py): a hash of exactly the fields the block shows, the list's footers
and slug, the language, the time zone, the URL prefix and the template's own source. A changed
field (a moderator's correction, a sender's personal data erased, a new footer) is a new key,
never a stale block; the old one is simply no longer asked for and ages out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import SafeString

from roundtable.permissions.fragments import cached_fragments, content_key

from .models import MailingList
from .queries import ThreadEntry

TEMPLATE = "lists/_thread_message.html"
INCLUDED = ("lists/_blocks.html",)


@lru_cache(maxsize=1)
def template_version() -> str:
    """A hash of the block's templates as loaded: an edited template is a new key."""
    sources = [get_template(name).template.source for name in (TEMPLATE, *INCLUDED)]
    return hashlib.sha256("\0".join(sources).encode("utf-8")).hexdigest()[:16]


def block_key(mailing_list: MailingList, entry: ThreadEntry) -> str:
    message = entry.message
    assert message is not None  # noqa: S101 -- placeholders have no block
    return content_key(
        "thread-message",
        template_version(),
        timezone.get_current_timezone_name(),
        get_script_prefix(),
        mailing_list.slug,
        message.key,
        message.from_name,
        message.from_addr,
        message.date.isoformat() if message.date else None,
        message.date_source,
        message.conflicting_id,
        entry.text_head,
        entry.footers,
        entry.cut,
    )


def thread_blocks(
    mailing_list: MailingList, entries: list[ThreadEntry]
) -> list[tuple[ThreadEntry, SafeString | None]]:
    """Each entry with its message's block (None for a message the archive lacks); the
    blocks not cached are rendered together, with one template."""
    keys = {
        number: block_key(mailing_list, entry)
        for number, entry in enumerate(entries)
        if entry.message is not None
    }

    def render(missing: Iterable[int]) -> dict[int, str]:
        template = get_template(TEMPLATE)
        return {
            number: template.render({"mailing_list": mailing_list, "entry": entries[number]})
            for number in missing
        }

    html = cached_fragments(keys, render)
    return [(entry, html.get(number)) for number, entry in enumerate(entries)]
