"""Whether an amendment went stale: the paragraph it concerns changed after its base version.

An amendment is drafted against one published version (its base). Accepting it applies it to
the latest version; if the paragraph it replaces, deletes or inserts after has changed since
the base, applying it would silently overwrite text its proposer never read. Such an
amendment is refused unless the secretariat re-bases it explicitly ("accept against the
current text").
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Amendment, Paragraph, Version


@dataclass(frozen=True)
class Staleness:
    pid: str
    base_number: int
    latest_number: int
    base_text: str
    current_text: str


def find_staleness(amendment: Amendment, latest: Version | None) -> Staleness | None:
    """What changed in the amendment's paragraph between its base and `latest`; None when the
    paragraph is as the proposer read it (or the amendment names no paragraph)."""
    if latest is None or not amendment.pid or latest.pk == amendment.base_id:
        return None
    texts = dict(
        Paragraph.objects.filter(
            version__in=[amendment.base_id, latest.pk], pid=amendment.pid
        ).values_list("version_id", "text")
    )
    before, now = texts.get(amendment.base_id), texts.get(latest.pk)
    if before is None or now is None or before == now:
        # A paragraph gone from the latest version is refused elsewhere (code `conflict`).
        return None
    return Staleness(
        pid=amendment.pid,
        base_number=amendment.base.number or 0,
        latest_number=latest.number or 0,
        base_text=before,
        current_text=now,
    )
