"""Paragraphs of a Markdown text, with identities that survive from one version to the next.

A text is split into blocks (separated by blank lines; a fenced code block stays whole). Each
block of a new version is matched against the blocks of the version before it: an identical
block keeps its id; in a changed stretch, blocks are paired in order with the most similar
old block (similarity at least ``SIMILAR``); anything left over gets a fresh id. Ids are
``p1``, ``p2``... in order of first appearance and are never reused in a document; numbers are
positions (1, 2, ...) in the version at hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

SIMILAR = 0.5
_FENCE = re.compile(r"^\s*(```|~~~)")
_ID = re.compile(r"^p(\d+)$")


@dataclass(frozen=True, slots=True)
class Paragraph:
    pid: str
    number: int
    text: str

    def to_json(self) -> dict[str, object]:
        return {"pid": self.pid, "number": self.number, "text": self.text}


def split_blocks(source: str) -> list[str]:
    """Blank-line separated blocks of Markdown, stripped; fenced code kept in one block."""
    blocks: list[str] = []
    current: list[str] = []
    fenced = False
    for line in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and not line.strip():
            if current:
                blocks.append("\n".join(current).strip())
                current = []
            continue
        current.append(line.rstrip())
    if current:
        blocks.append("\n".join(current).strip())
    return [b for b in blocks if b]


def join_blocks(texts: Sequence[str]) -> str:
    """The Markdown source of a list of paragraph texts."""
    return "\n\n".join(t.strip() for t in texts if t.strip()) + ("\n" if texts else "")


def pid_number(pid: str) -> int:
    match = _ID.match(pid)
    return int(match.group(1)) if match else 0


def next_pid(used: Sequence[str]) -> int:
    """The number of the next fresh id, given every id a document has used."""
    return max((pid_number(p) for p in used), default=0) + 1


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def number(pids_and_texts: Sequence[tuple[str, str]]) -> list[Paragraph]:
    return [Paragraph(pid, i, text) for i, (pid, text) in enumerate(pids_and_texts, start=1)]


def first_version(source: str) -> list[Paragraph]:
    return number([(f"p{i}", text) for i, text in enumerate(split_blocks(source), start=1)])


def carry_forward(
    previous: Sequence[Paragraph], source: str, *, used: Sequence[str] = ()
) -> list[Paragraph]:
    """The paragraphs of ``source`` with ids carried from ``previous`` where they match.

    ``used`` are ids used earlier in the document (also by paragraphs since deleted), so a
    fresh id is never one a reader has seen before.
    """
    texts = split_blocks(source)
    counter = next_pid([*used, *(p.pid for p in previous)])
    ids: list[str | None] = [None] * len(texts)
    old_texts = [p.text for p in previous]
    matcher = SequenceMatcher(None, old_texts, texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                ids[j1 + k] = previous[i1 + k].pid
        elif tag == "replace":
            # Pair each new block, in order, with the most similar old block not taken yet
            # and not before the last one paired (so paragraphs never swap identities).
            start = i1
            for j in range(j1, j2):
                best, best_score = -1, SIMILAR
                for i in range(start, i2):
                    score = similarity(old_texts[i], texts[j])
                    if score >= best_score and (best == -1 or score > best_score):
                        best, best_score = i, score
                if best != -1:
                    ids[j] = previous[best].pid
                    start = best + 1
    out: list[tuple[str, str]] = []
    for j, text in enumerate(texts):
        pid = ids[j]
        if pid is None:
            pid = f"p{counter}"
            counter += 1
        out.append((pid, text))
    return number(out)


def apply_change(
    paragraphs: Sequence[Paragraph], *, kind: str, pid: str | None, text: str, next_number: int
) -> list[Paragraph]:
    """One amendment applied: ``replace`` or ``delete`` paragraph ``pid``, or ``insert-after``
    it (``pid`` None: at the start). New paragraphs get ids ``p<next_number>``, ... (a
    replacement of several blocks keeps ``pid`` for the first). Raises KeyError if ``pid`` is
    not in the text, ValueError for an unknown kind or an empty replacement."""
    pids = [p.pid for p in paragraphs]
    if pid is not None and pid not in pids:
        raise KeyError(pid)
    if kind in ("replace", "insert-after") and not text.strip():
        raise ValueError("the new text is empty")
    pairs = [(p.pid, p.text) for p in paragraphs]
    if kind == "replace":
        if pid is None:
            raise KeyError("replace needs a paragraph")
        index = pids.index(pid)
        # A replacement may be several blocks: the first keeps the id, the rest are new.
        blocks = split_blocks(text)
        pairs[index : index + 1] = [(pid, blocks[0])] + [
            (f"p{next_number + n}", block) for n, block in enumerate(blocks[1:])
        ]
    elif kind == "delete":
        if pid is None:
            raise KeyError("delete needs a paragraph")
        del pairs[pids.index(pid)]
    elif kind == "insert-after":
        index = pids.index(pid) + 1 if pid is not None else 0
        blocks = split_blocks(text)
        pairs[index:index] = [(f"p{next_number + n}", block) for n, block in enumerate(blocks)]
    else:
        raise ValueError(f"unknown amendment kind {kind!r}")
    return number(pairs)
