"""The values the mail core passes around: frozen dataclasses, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RawMessage:
    """One message as cut out of a source, before any parsing.

    `data` is the message as bytes (envelope line removed, mboxrd `>From ` unescaped);
    `envelope` the envelope sender line when the format has one; `source` and `index` say
    where it came from; `attachment_root` is a local folder where a Pipermail archive keeps
    its scrubbed attachments, when known. `size` is the message's real size when `data` holds
    only its first bytes (see `limits`); `notes` what the reader has to say about it; a
    `problem` makes it a quarantine record with that reason (`data`: what is kept of it).
    """

    data: bytes
    source: str
    index: int
    format: str
    envelope: str | None = None
    attachment_root: str | None = None
    size: int | None = None
    notes: tuple[str, ...] = ()
    problem: str = ""

    @property
    def dropped(self) -> int:
        """Bytes of the message not kept (0: all of it is here)."""
        return max(0, (self.size or 0) - len(self.data))


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content_type: str
    size: int
    data: bytes = b""
    truncated: bool = False
    url: str = ""


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    """A normalised message: every header decoded, one text body, attachments listed."""

    message_id: str
    message_id_generated: bool
    subject: str
    from_name: str
    from_addr: str
    date: datetime | None
    date_source: str
    references: tuple[str, ...]
    text: str
    html: str
    attachments: tuple[Attachment, ...]
    raw: bytes
    content_hash: str
    source: str
    index: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A message that could not be made sense of, kept with its reason and its raw bytes."""

    reason: str
    raw: bytes
    source: str
    index: int


@dataclass(frozen=True, slots=True)
class Block:
    """One run of a body: kind is 'text', 'quote', 'signature' or 'footer'."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class ThreadItem:
    key: str
    message_id: str
    references: tuple[str, ...]
    subject: str
    date: datetime | None


@dataclass(frozen=True, slots=True)
class ThreadNode:
    """A place in a thread tree: a message (key set) or a placeholder for a missing one."""

    message_id: str
    key: str | None
    parent_id: str | None
    depth: int
    order: int


@dataclass(frozen=True, slots=True)
class Thread:
    root_id: str
    nodes: tuple[ThreadNode, ...] = field(default_factory=tuple)
