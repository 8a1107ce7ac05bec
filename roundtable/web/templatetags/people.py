"""People as pages show them: a display name, never the address (which is the username)."""

from __future__ import annotations

from typing import Any

from django import template

from roundtable.venues.people import public_name

register = template.Library()


@register.filter
def person_name(user: Any) -> str:
    """``{{ comment.author|person_name }}``: the display name, or ``#id`` when there is none."""
    return public_name(user) if user is not None else ""
