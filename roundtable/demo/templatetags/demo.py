"""`{% demo_accounts %}`: in development mode (DEBUG), the demo accounts that exist here, each
with what it can show, and the demo password; nothing otherwise."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.contrib.auth import get_user_model

from roundtable.demo.accounts import DEMO_ACCOUNTS
from roundtable.demo.people import DEMO_PASSWORD

register = template.Library()


@register.inclusion_tag("demo/_accounts.html")
def demo_accounts() -> dict[str, Any]:
    if not settings.DEBUG:
        return {"accounts": []}
    emails = [email for email, _line in DEMO_ACCOUNTS]
    here = set(
        get_user_model().objects.filter(username__in=emails).values_list("username", flat=True)
    )
    return {
        "accounts": [(email, line) for email, line in DEMO_ACCOUNTS if email in here],
        "password": DEMO_PASSWORD,
    }
