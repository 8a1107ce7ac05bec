"""Words for the queue's identifiers (how a speaker got the floor, a clock)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from roundtable.meetings.order import CHAIR_VIA
from roundtable.modalities.speakers import CHAIR, OTHER, QUEUE, REMOTE
from roundtable.permissions.vocabulary import label

register = template.Library()


@register.filter
def via_words(via: str, group: str = "") -> str:
    """How a request reaches the floor: the chair's order, the queue, a remote slot or the
    microphone of the speaker's stakeholder group."""
    words = {
        CHAIR: _("chair"),
        QUEUE: _("queue"),
        REMOTE: _("remote slot"),
        OTHER: _("open microphone"),
        CHAIR_VIA: _("placed by the chair"),
    }
    if via in words:
        return words[via]
    return _("%(group)s microphone") % {"group": label("group", group) if group else via}


@register.filter
def clock(seconds: int | None) -> str:
    """Seconds as m:ss (a leading minus when over time)."""
    if seconds is None:
        return ""
    sign = "-" if seconds < 0 else ""
    whole = abs(int(seconds))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


@register.filter
def get_item(mapping: dict[int, str], key: int) -> str:
    return mapping.get(key, "")
