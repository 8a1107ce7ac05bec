"""A person as everyone may see them: the name they gave, never their address.

One function for every page, API answer and export, so a participant who withdrew from the
platform is "withdrawn participant" everywhere at once, while what they said stays in the record.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

WITHDRAWN = _("withdrawn participant")


def public_name(user: Any) -> str:
    """The display name; "withdrawn participant" after erasure; `#id` when there is no name."""
    profile = getattr(user, "profile", None)
    if profile is not None and getattr(profile, "withdrawn_at", None) is not None:
        return str(WITHDRAWN)
    name = getattr(profile, "display_name", "") if profile is not None else ""
    return str(name) if name else f"#{user.pk}"
