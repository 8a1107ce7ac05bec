"""VERP return paths: `bounces+<id>.<sig>@<domain>`, where <sig> is an HMAC of the copy's id.

A bounce comes back to the return path of the copy it bounces; the signature means nobody can
charge a bounce to another member by writing to a made-up address.
"""

from __future__ import annotations

import hmac
import re
from hashlib import sha256

from django.conf import settings
from django.utils.encoding import force_bytes

PREFIX = "bounces"
SIGNATURE_CHARS = 12
_LOCAL = re.compile(r"^bounces\+(?P<id>[0-9]{1,19})\.(?P<sig>[0-9a-f]{12})$")


def _signature(copy_id: int) -> str:
    key = force_bytes(f"roundtable.outbox.verp:{settings.SECRET_KEY}")
    return hmac.new(key, str(copy_id).encode(), sha256).hexdigest()[:SIGNATURE_CHARS]


def domain() -> str:
    return str(settings.ROUNDTABLE_MAIL_DOMAIN)


def return_path(copy_id: int) -> str:
    return f"{PREFIX}+{copy_id}.{_signature(copy_id)}@{domain()}"


def copy_id_of(address: str) -> int | None:
    """The copy a bounce address names, or None when it is not one of ours or is forged."""
    local, _at, _domain = address.strip().strip("<>").rpartition("@")
    match = _LOCAL.match(local.lower())
    if match is None:
        return None
    copy_id = int(match["id"])
    if not hmac.compare_digest(match["sig"], _signature(copy_id)):
        return None
    return copy_id
