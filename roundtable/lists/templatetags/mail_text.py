"""`{{ text|linkify }}`: a message's plain text, escaped, with its addresses as links."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from roundtable.text.links import linkify as linkify_text

register = template.Library()


@register.filter(is_safe=True)
def linkify(value: object) -> SafeString:
    return mark_safe(linkify_text(str(value)))  # noqa: S308 (linkify escapes everything it does not link)
