"""A modality's digest: one hex string that changes whenever anything it decides or shows does.

Rendered fragments that are the same for every viewer (the matrix of a modality version, the
explanation of a decision) are cached under this digest, so a new version of a rule file (a
new `Modality` object with other rules, labels or phases) never finds the old fragments.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from .model import Modality


@lru_cache(maxsize=512)
def digest(modality: Modality) -> str:
    """SHA-256 of the modality's full description (every field but the compiled rules, which
    follow from the rules). Cached by identity: a `Modality` is immutable and compares by
    identity, so a new version is a new object and gets its own digest."""
    return hashlib.sha256(repr(modality).encode("utf-8")).hexdigest()
