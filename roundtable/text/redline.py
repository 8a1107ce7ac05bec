"""Word-level comparison of two texts (diff-match-patch on word tokens, changes grouped into
phrases by its semantic clean-up), and of two versions of a document paragraph by paragraph
(matched by their stable ids).

The result is data: runs of ``equal``, ``insert`` and ``delete`` text. ``render_html`` turns
runs into escaped HTML (``<ins>``/``<del>``); nothing from the texts is ever emitted unescaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from roundtable.text.paragraphs import Paragraph
from roundtable.text.phrases import phrase_diff

Op = Literal["equal", "insert", "delete"]
Status = Literal["unchanged", "changed", "inserted", "deleted"]
# Words (letters, digits, joined by hyphens or apostrophes), runs of spaces, or one other mark.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Run:
    op: Op
    text: str

    def to_json(self) -> dict[str, str]:
        return {"op": self.op, "text": self.text}


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    pid: str
    old_number: int | None
    new_number: int | None
    status: Status
    runs: tuple[Run, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "pid": self.pid,
            "old_number": self.old_number,
            "new_number": self.new_number,
            "status": self.status,
            "runs": [r.to_json() for r in self.runs],
        }


@dataclass(frozen=True, slots=True)
class Redline:
    paragraphs: tuple[ParagraphChange, ...]

    @property
    def changed(self) -> int:
        return sum(1 for p in self.paragraphs if p.status != "unchanged")

    def to_json(self) -> dict[str, object]:
        counts = {s: 0 for s in ("unchanged", "changed", "inserted", "deleted")}
        for p in self.paragraphs:
            counts[p.status] += 1
        return {"counts": counts, "paragraphs": [p.to_json() for p in self.paragraphs]}


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].op == run.op:
            merged[-1] = Run(run.op, merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


def diff_words(old: str, new: str) -> tuple[Run, ...]:
    """Runs that turn ``old`` into ``new``, whole phrases struck and inserted: deletions
    before insertions in each change."""
    runs: list[Run] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        runs.append(Run("delete", "".join(deleted)))
        runs.append(Run("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in phrase_diff(tokens(old), tokens(new)):
        if op == "equal":
            flush()
            runs.append(Run("equal", text))
        elif op == "delete":
            deleted.append(text)
        else:
            inserted.append(text)
    flush()
    return _merge(runs)


def compare(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> Redline:
    """Paragraph-by-paragraph redline, in the new version's order; a deleted paragraph is
    shown where it stood (after the paragraph that preceded it in the old version)."""
    old_by_id = {p.pid: p for p in old}
    new_ids = {p.pid for p in new}
    changes: list[ParagraphChange] = []
    # Deleted paragraphs, keyed by the id of the nearest surviving paragraph before them.
    pending: dict[str | None, list[Paragraph]] = {}
    anchor: str | None = None
    for p in old:
        if p.pid in new_ids:
            anchor = p.pid
        else:
            pending.setdefault(anchor, []).append(p)

    def flush(key: str | None) -> None:
        for gone in pending.pop(key, []):
            changes.append(
                ParagraphChange(gone.pid, gone.number, None, "deleted", (Run("delete", gone.text),))
            )

    flush(None)
    for p in new:
        before = old_by_id.get(p.pid)
        if before is None:
            changes.append(
                ParagraphChange(p.pid, None, p.number, "inserted", (Run("insert", p.text),))
            )
        elif before.text == p.text:
            changes.append(
                ParagraphChange(
                    p.pid, before.number, p.number, "unchanged", (Run("equal", p.text),)
                )
            )
        else:
            changes.append(
                ParagraphChange(
                    p.pid, before.number, p.number, "changed", diff_words(before.text, p.text)
                )
            )
        flush(p.pid)
    for key in list(pending):
        flush(key)
    return Redline(tuple(changes))


def render_html(runs: Sequence[Run]) -> str:
    """Escaped HTML: equal text as is, ``<del>`` and ``<ins>`` around changes."""
    out: list[str] = []
    for run in runs:
        text = html.escape(run.text)
        if run.op == "insert":
            out.append(f"<ins>{text}</ins>")
        elif run.op == "delete":
            out.append(f"<del>{text}</del>")
        else:
            out.append(text)
    return "".join(out)


def render_text(runs: Sequence[Run]) -> str:
    """A plain-text redline: ``[-deleted-]`` and ``{+inserted+}`` (as ``git diff --word-diff``)."""
    out: list[str] = []
    for run in runs:
        if run.op == "insert":
            out.append("{+" + run.text + "+}")
        elif run.op == "delete":
            out.append("[-" + run.text + "-]")
        else:
            out.append(run.text)
    return "".join(out)
