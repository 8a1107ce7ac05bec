"""Batch preparation: parse, normalise and split a batch of raw messages.

Pure and picklable, so an importer can run it in a helper process while it writes the
previous batch to the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import normalise, parts
from .limits import Limits
from .records import ParsedMessage, Quarantined, RawMessage


@dataclass(frozen=True, slots=True)
class Prepared:
    message: ParsedMessage | Quarantined
    own_text: str


def prepare(raws: Sequence[RawMessage], footers: tuple[str, ...], limits: Limits) -> list[Prepared]:
    out: list[Prepared] = []
    for raw in raws:
        message = normalise.parse(
            raw, attachment_cap=limits.attachment_bytes, body_chars=limits.body_chars
        )
        own = ""
        if isinstance(message, ParsedMessage):
            try:
                own = parts.own_text(parts.split_body(message.text, footers))
            except Exception:  # noqa: BLE001 - splitting is cosmetic: fall back to all text
                own = message.text
        out.append(Prepared(message, own))
    return out
