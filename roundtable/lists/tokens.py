"""Short signed tokens that fit in an address's local part (`reply+<token>@`,
`confirm+<token>@`, at most 64 characters) and survive an MTA that lowercases it: parts of
lowercase letters and digits joined by `-`, then an HMAC of them under the site's secret key
(80 bits: unguessable, and no part can be changed without it)."""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings

MAC_CHARS = 20
_PART = re.compile(r"^[a-z0-9]+$")


def _mac(purpose: str, parts: list[str]) -> str:
    key = hashlib.sha256(f"roundtable.tokens:{settings.SECRET_KEY}".encode()).digest()
    message = "\0".join([purpose, *parts]).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:MAC_CHARS]


def sign(purpose: str, *parts: str) -> str:
    for part in parts:
        if not _PART.match(part):
            raise ValueError(f"token part {part!r} is not lowercase letters and digits")
    return "-".join([*parts, _mac(purpose, list(parts))])


def unsign(purpose: str, token: str) -> list[str] | None:
    """The parts of a token minted for `purpose`, or None (forged, altered, other purpose)."""
    pieces = (token or "").strip().lower().split("-")
    if len(pieces) < 2 or not all(_PART.match(piece) for piece in pieces):
        return None
    parts, mac = pieces[:-1], pieces[-1]
    if not hmac.compare_digest(mac, _mac(purpose, parts)):
        return None
    return parts


def mail_domain() -> str:
    return str(settings.ROUNDTABLE_MAIL_DOMAIN)


def address(prefix: str, token: str) -> str:
    return f"{prefix}+{token}@{mail_domain()}"
