"""Numbers from a query string or a form, parsed with bounds: junk is a 400 that says which
parameter and what it takes (Django's BadRequest), never a ValueError that becomes a 500."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

# Version numbers, page numbers, offsets: far above anything real, far below what overflows a
# 64-bit database integer.
LARGEST = 10**9


def int_param(
    source: Mapping[str, str],
    name: str,
    *,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = LARGEST,
) -> int | None:
    raw = (source.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.lstrip("-").isdigit() or len(raw) > 12:
        raise BadRequest(_("“%(name)s” must be a whole number.") % {"name": name})
    value = int(raw)
    if not minimum <= value <= maximum:
        raise BadRequest(
            _("“%(name)s” must be between %(low)s and %(high)s.")
            % {"name": name, "low": minimum, "high": maximum}
        )
    return value
